// Screenshots for the README: the desk's ticket page — a demo instance (`tupa demo`), a
// customer who has written twice (the second time with a picture and a PDF), an adviser's
// internal note and public reply — and the job ad form, each at 1280 and at 360 px wide.
//
//   TUPA_BIN=target/debug/tupa node e2e/scripts/screenshots.js [output directory]
//
// Writes ticket-1280.png, ticket-360.png, ad-form-1280.png and ad-form-360.png to
// docs/screenshots/ (or the directory given).
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, startTupa } from '../lib/harness.js';
import { mimeMail, png } from '../lib/mail.js';
import { signIn, submit } from '../lib/pages.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const outDir = path.resolve(process.argv[2] || path.join(root, 'docs', 'screenshots'));
const CUSTOMER = 'Maija Meikäläinen <maija.meikalainen@example.fi>';

const tupa = await startTupa();
let browser;
try {
  const run = async (args, input) => {
    const res = await tupa.run(args, { input });
    assert.equal(res.code, 0, `tupa ${args.join(' ')}:\n${res.stdout}${res.stderr}`);
    return res.stdout;
  };
  const demo = await run(['demo']);
  const [, email, password] = demo.match(/^\s*adviser\s+(\S+@\S+)\s+password:\s*(\S+)/m) ?? [];
  const [, desk] = demo.match(/desk address[^:]*:\s*(\S+@\S+)/) ?? [];
  assert.ok(email && password && desk, `adviser and desk address in the demo's output:\n${demo}`);

  await run(['mail', 'ingest', '--recipient', desk], mimeMail({
    from: CUSTOMER,
    to: desk,
    subject: 'Asukaspysäköintitunnus',
    text: 'Hei,\n\nmiten haen asukaspysäköintitunnusta uuteen osoitteeseeni?\n\nMaija',
    messageId: `first-${Date.now()}@example.fi`,
  }));
  const caseNumber = (await run(['mail', 'ingest', '--recipient', desk], mimeMail({
    from: CUSTOMER,
    to: desk,
    subject: 'Rikkinäinen katuvalo Koivukujalla',
    text: 'Hei!\n\nKoivukujan ja Rantatien kulmassa oleva katuvalo on ollut pimeänä viikon. Kuva liitteenä; lähetän myös kartan.\n\nYstävällisin terveisin\nMaija Meikäläinen',
    messageId: `second-${Date.now()}@example.fi`,
    attachments: [
      { filename: 'katuvalo.png', contentType: 'image/png', bytes: png(320, 200, [120, 170, 220]) },
      { filename: 'kartta.pdf', contentType: 'application/pdf', bytes: Buffer.from('%PDF-1.4\n% kartta\n%%EOF\n') },
    ],
  }))).trim();

  browser = await launchBrowser();
  const context = await browser.newContext({ locale: 'fi-FI', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const session = {
    visit: async (p, pathname) => {
      const res = await p.goto(tupa.baseUrl + pathname);
      assert.equal(res.status(), 200, `GET ${pathname}`);
    },
  };
  await signIn(session, page, { email, password });
  const ticket = `${tupa.baseUrl}/orgs/${(demo.match(/\/orgs\/([\w-]+)/) ?? [])[1]}/desk/${caseNumber}`;
  await page.goto(ticket);
  await page.locator('input[name=kind][value=note]').check();
  await page.locator('#f-body').fill('Soitin kunnallistekniikan päivystykseen: korjaus on tilattu, arvio ensi viikolla.');
  await submit(page, page.locator('form.reply-form button[value=send]'));
  await page.locator('input[name=kind][value=reply]').check();
  await page.locator('#f-body').fill('Hei Maija,\n\nkiitos ilmoituksesta ja kuvasta! Korjaus on tilattu, ja valo korjataan ensi viikon aikana.\n\nYstävällisin terveisin\nKaupungin neuvonta');
  await submit(page, page.locator('form.reply-form button[value=send]'));
  await page.goto(ticket);

  await mkdir(outDir, { recursive: true });
  await page.screenshot({ path: path.join(outDir, 'ticket-1280.png'), fullPage: true });
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(ticket);
  await page.screenshot({ path: path.join(outDir, 'ticket-360.png'), fullPage: true });

  // The job ad form, as a recruiter opens it for a new ad.
  const [, recruiter, recruiterPassword] = demo.match(/^\s*recruiter\s+(\S+@\S+)\s+password:\s*(\S+)/m) ?? [];
  assert.ok(recruiter && recruiterPassword, `the recruiter in the demo's output:\n${demo}`);
  const adContext = await browser.newContext({ locale: 'fi-FI', viewport: { width: 1280, height: 900 } });
  const adPage = await adContext.newPage();
  await signIn(session, adPage, { email: recruiter, password: recruiterPassword });
  const adForm = `${tupa.baseUrl}/orgs/${(demo.match(/\/orgs\/([\w-]+)/) ?? [])[1]}/recruitment/ads/new`;
  await adPage.goto(adForm);
  await adPage.screenshot({ path: path.join(outDir, 'ad-form-1280.png'), fullPage: true });
  await adPage.setViewportSize({ width: 360, height: 740 });
  await adPage.goto(adForm);
  await adPage.screenshot({ path: path.join(outDir, 'ad-form-360.png'), fullPage: true });
  console.log(`Wrote ticket-1280.png, ticket-360.png, ad-form-1280.png and ad-form-360.png to ${outDir}`);
} finally {
  await browser?.close();
  await tupa.stop();
}
