// Shared helpers for Tupa's browser end-to-end tests (run with `node --test`).
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const e2eDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);

// The binary under test; scripts/test sets TUPA_BIN to the freshly built one.
// The '../target' fallback is resolved from e2e/ so the cwd does not matter.
export const tupaBin =
  process.env.TUPA_BIN ||
  path.join(process.env.CARGO_TARGET_DIR || path.join(e2eDir, '..', 'target'), 'debug', 'tupa');

// Ask the kernel for a free port by binding port 0, then release it for tupa.
async function freePort() {
  const srv = createServer();
  await new Promise((resolve, reject) => srv.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = srv.address();
  await new Promise((resolve) => srv.close(resolve));
  return port;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Servers not yet stopped, with their data directories. If the test process ends without
// reaching stop() (a crash, SIGINT/SIGTERM/SIGHUP), they go with it instead of running on.
// Not covered: a test process that ends with neither an exit event nor one of those
// signals, as node --test's file processes do when the runner's output breaks
// (`npm test | head`); look for leftover `tupa serve` processes after such a run.
const liveServers = new Map();
let cleanupInstalled = false;
function installCleanup() {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  const killAll = () => {
    for (const [server, dataDir] of liveServers) {
      server.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  };
  process.on('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, () => {
      killAll();
      process.kill(process.pid, signal); // the listener is gone: die as the signal intends
    });
  }
}

// Starts `tupa serve` on its own port and data directory, and waits for /healthz.
export async function startTupa({ env = {} } = {}) {
  const port = await freePort();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'tupa-e2e-'));
  const baseUrl = `http://127.0.0.1:${port}`;
  const childEnv = {
    ...process.env,
    TUPA_LISTEN: `127.0.0.1:${port}`,
    TUPA_DATA_DIR: dataDir,
    TUPA_PUBLIC_URL: baseUrl,
    ...env,
  };

  const server = spawn(tupaBin, ['serve'], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = ''; // kept to explain a failed start
  server.stdout.on('data', (d) => (output += d));
  server.stderr.on('data', (d) => (output += d));
  let exited = null;
  const exitPromise = new Promise((resolve) => {
    const done = (how) => resolve((exited ??= how)); // keep the first, most telling cause
    // e.g. ENOENT when the binary has not been built.
    server.once('error', (err) => done({ code: null, signal: null, err }));
    // 'close' rather than 'exit': it fires once stderr is fully read.
    server.once('close', (code, signal) => done({ code, signal }));
  });

  liveServers.set(server, dataDir);
  installCleanup();

  async function stop() {
    liveServers.delete(server);
    if (!exited) {
      server.kill('SIGTERM');
      // Do not let a server that ignores SIGTERM hang the test run.
      const timer = setTimeout(() => server.kill('SIGKILL'), 5000);
      await exitPromise;
      clearTimeout(timer);
    }
    await rm(dataDir, { recursive: true, force: true });
  }

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) {
      await stop();
      const why = exited.err
        ? `${exited.err.message}; build it with \`cargo build -p tupa\` or set TUPA_BIN`
        : `exit code ${exited.code}, signal ${exited.signal}`;
      throw new Error(`tupa serve (${tupaBin}) stopped before becoming healthy (${why}):\n${output}`);
    }
    try {
      const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`tupa serve did not answer 200 on ${baseUrl}/healthz within 30 s:\n${output}`);
    }
    await sleep(100);
  }

  // Runs another subcommand (e.g. ['demo'] or ['user', 'create', ...]) on the same data.
  function run(args, { input } = {}) {
    return new Promise((resolve, reject) => {
      const child = spawn(tupaBin, args, { env: childEnv, stdio: ['pipe', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.once('error', reject);
      child.once('close', (code) => resolve({ code, stdout, stderr }));
      child.stdin.end(input ?? '');
    });
  }

  return { baseUrl, dataDir, stop, run };
}

// Debian's chromium: browsers cannot be downloaded by playwright here. `fakeMedia`: a camera
// and microphone that exist in no machine, allowed without a prompt (video calls).
export function launchBrowser({ fakeMedia = false } = {}) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_BIN || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox', // running as root in CI
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(fakeMedia ? ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'] : []),
    ],
  });
}

let axeSource;

// Runs axe-core's WCAG 2.1 A/AA rules on the page and throws when anything is violated.
export async function checkA11y(page, label = page.url()) {
  axeSource ??= await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  // evaluate() goes through the DevTools protocol, which the app's CSP (no inline
  // script) does not apply to, whereas addScriptTag would be blocked.
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.evaluate(axeSource);
  }
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
  if (violations.length > 0) {
    const lines = violations.map((v) => {
      const more = v.targets.length > 3 ? ` (+${v.targets.length - 3} more)` : '';
      return `  - ${v.id} [${v.impact}] ${v.help}: ${v.targets.slice(0, 3).join(', ')}${more}`;
    });
    throw new Error(`Accessibility violations on ${label}:\n${lines.join('\n')}`);
  }
}

// RFC 4648 base32, tolerant of lower case, spaces and padding as users copy them.
function base32Decode(input) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const clean = input.toUpperCase().replace(/[\s=]/g, '');
  const bytes = [];
  let bits = 0;
  let value = 0;
  for (const ch of clean) {
    const idx = alphabet.indexOf(ch);
    if (idx < 0) throw new Error(`invalid base32 character ${JSON.stringify(ch)}`);
    value = (value << 5) | idx;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((value >>> bits) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

// RFC 6238 TOTP: HMAC-SHA1, 30 s step, 6 digits.
export function totpCode(base32Secret, unixTimeSeconds = Date.now() / 1000) {
  const counter = Buffer.alloc(8);
  // BigInt so that counters beyond 2^32 (year 2106+ vectors) stay exact.
  counter.writeBigUInt64BE(BigInt(Math.floor(unixTimeSeconds / 30)));
  const mac = createHmac('sha1', base32Decode(base32Secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f; // dynamic truncation, RFC 4226 §5.3
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 1_000_000).padStart(6, '0');
}
