// One test file's world: a `tupa serve`, a Chromium and the browser contexts opened in it,
// with the small helpers every browser test repeats (run a CLI command, open a page, load a
// page and check it, call the API). `close()` ends them all.
import assert from 'node:assert/strict';
import { launchBrowser, startTupa } from './harness.js';
import { expectPage } from './pages.js';

// `env`: extra environment for `tupa serve` and its CLI; `fakeMedia`: a camera and
// microphone that exist in no machine, allowed without a prompt (video calls).
export async function startSession({ env = {}, fakeMedia = false } = {}) {
  const tupa = await startTupa({ env });
  let browser;
  try {
    browser = await launchBrowser({ fakeMedia });
  } catch (err) {
    await tupa.stop();
    throw err;
  }
  const contexts = [];

  // Runs a CLI subcommand on the server's data, insists that it succeeds; its stdout.
  async function cli(args, input) {
    const res = await tupa.run(args, { input });
    assert.equal(res.code, 0, `tupa ${args.join(' ')} exited ${res.code}:\n${res.stdout}${res.stderr}`);
    return res.stdout.trim();
  }

  // A page in a context of its own (its own cookies): a person at their own browser.
  async function newPage(options = {}) {
    const extra = fakeMedia ? { permissions: ['camera', 'microphone'] } : {};
    const context = await browser.newContext({ locale: 'fi-FI', acceptDownloads: true, ...extra, ...options });
    contexts.push(context);
    return context.newPage();
  }

  // A phone-sized page (360 px wide) in `locale`.
  const newPhone = (locale = 'fi-FI', options = {}) =>
    newPage({ locale, viewport: { width: 360, height: 740 }, ...options });

  // Loads a page that must answer 200 where it was asked for; checks it with expectPage
  // (language, heading, axe).
  async function visit(page, path, expected = {}) {
    const res = await page.goto(tupa.baseUrl + path);
    assert.equal(res.status(), 200, `GET ${path}`);
    await expectPage(page, { path: path.split('?')[0].split('#')[0], ...expected });
    return res;
  }

  // An API call with a bearer token; { status, json }.
  async function api(token, method, path, body) {
    const res = await fetch(tupa.baseUrl + path, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = text;
    }
    return { status: res.status, json };
  }

  async function close() {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await tupa.stop();
  }

  return { tupa, baseUrl: tupa.baseUrl, browser, cli, newPage, newPhone, visit, api, close };
}
