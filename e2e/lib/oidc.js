// The test OpenID provider (e2e/oidc-provider/server.js, the FTN profile) as a child of the
// test process, for browser tests that identify clients the way production does.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const serverJs = path.join(path.dirname(path.dirname(fileURLToPath(import.meta.url))), 'oidc-provider', 'server.js');

export const LOA3 = 'http://ftn.ficora.fi/2017/loa3';
export const LOA2 = 'http://ftn.ficora.fi/2017/loa2';

// A port for the provider, chosen before Tupa starts (Tupa's configuration names the issuer,
// and the provider reads Tupa's JWKS when it starts).
export async function reservePort() {
  const srv = createServer();
  await new Promise((resolve, reject) => srv.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = srv.address();
  await new Promise((resolve) => srv.close(resolve));
  return port;
}

// Tupa's environment for a provider on `port`.
export const oidcEnv = (port, clientId) => ({ TUPA_OIDC_ISSUER: `http://127.0.0.1:${port}`, TUPA_OIDC_CLIENT_ID: clientId });

// Starts the provider for the Tupa at `tupaBase`; resolves once it listens. It ends with the
// test process (it watches its parent); `stop()` ends it sooner.
export function startProvider({ port, clientId, tupaBase }) {
  const child = spawn(process.execPath, [
    serverJs,
    '--port', String(port),
    '--client-id', clientId,
    '--redirect-uri', `${tupaBase}/auth/oidc/callback`,
    '--tupa-jwks', `${tupaBase}/oidc/jwks.json`,
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const stop = () => {
    child.kill('SIGTERM');
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`the test OpenID provider did not start in 30 s:\n${output}`));
    }, 30_000);
    child.stderr.on('data', (d) => (output += d));
    child.stdout.on('data', (d) => {
      output += d;
      if (output.includes('oidc-provider ready at')) {
        clearTimeout(timer);
        resolve({ issuer: `http://127.0.0.1:${port}`, stop, output: () => output });
      }
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the test OpenID provider exited (${code}):\n${output}`));
    });
  });
}
