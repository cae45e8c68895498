// Self-test of the harness itself; needs chromium but not the tupa binary.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkA11y, launchBrowser, totpCode } from '../lib/harness.js';

test('totpCode matches the RFC 6238 SHA-1 test vectors (last 6 digits)', () => {
  // Base32 of the ASCII secret "12345678901234567890".
  const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
  const vectors = {
    59: '287082', // 94287082
    1111111109: '081804', // 07081804
    1111111111: '050471', // 14050471
    1234567890: '005924', // 89005924
    2000000000: '279037', // 69279037
    20000000000: '353130', // 65353130, counter beyond 2^32
  };
  for (const [time, code] of Object.entries(vectors)) {
    assert.equal(totpCode(secret, Number(time)), code, `time ${time}`);
  }
  // Secrets as users copy them: lower case, grouped, padded.
  assert.equal(totpCode('gezd gnbv gy3t qojq gezd gnbv gy3t qojq====', 59), '287082');
  assert.match(totpCode(secret), /^\d{6}$/);
});

describe('checkA11y', () => {
  let browser;
  let page;
  before(async () => {
    browser = await launchBrowser();
    page = await browser.newPage();
  });
  after(async () => {
    await browser?.close();
  });

  test('throws on a page with violations', async () => {
    await page.setContent('<html><body><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></body></html>');
    await assert.rejects(checkA11y(page, 'bad page'), (err) => {
      assert.match(err.message, /bad page/);
      assert.match(err.message, /image-alt/);
      assert.match(err.message, /html-has-lang/);
      return true;
    });
  });

  test('passes on a good page, even under a CSP without inline script like the app', async () => {
    await page.setContent(`<!doctype html>
      <html lang="en"><head>
        <meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; style-src 'self'">
        <title>Good page</title>
      </head><body><main><h1>Hello</h1></main></body></html>`);
    await checkA11y(page, 'good page');
  });
});
