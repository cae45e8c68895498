// Data subject requests in a real browser: a person on a 360 px phone asks for access on
// /privacy/{org}, follows the confirmation link from the outbox (read by the platform admin,
// as the training outbox is read), and an adviser finds the case and carries it out. Axe runs
// on every page visited.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, startTupa, totpCode } from '../lib/harness.js';
import { expectPage, pathOf } from '../lib/pages.js';

const ORG = { slug: 'vantaa', name: 'Vantaan kaupunki' };
const ADMIN = { email: 'yllapito@tupa.example', password: 'ylläpidon-salasana-1' };
const ADVISER = { name: 'Antti Neuvoja', email: 'antti@vantaa.test', password: 'neuvojan-hyvä-salasana' };
const PERSON = 'liisa.kuntalainen@example.fi';
const CASE_NUMBER = /\b(\d{4}-\d{6,8})\b/;

let tupa;
let browser;
const contexts = [];
let confirmLink;
let caseNumber;

async function newPage(options = {}) {
  const context = await browser.newContext({ locale: 'fi-FI', ...options });
  contexts.push(context);
  return context.newPage();
}

async function cli(args, input) {
  const res = await tupa.run(args, { input });
  assert.equal(res.code, 0, `tupa ${args.join(' ')} exited ${res.code}:\n${res.stdout}${res.stderr}`);
  return res.stdout.trim();
}

async function visit(page, path, expected = {}) {
  const res = await page.goto(tupa.baseUrl + path);
  assert.equal(res.status(), 200, `GET ${path}`);
  await expectPage(page, { path: path.split('?')[0], ...expected });
}

async function submit(page, target) {
  const [res] = await Promise.all([page.waitForNavigation(), target.click()]);
  return res;
}

const button = (page, name) => page.getByRole('button', { name, exact: true });
const notice = (page) => page.locator('main .notice[role=status]');

async function signIn(page, { email, password }) {
  await visit(page, '/sign-in', { lang: 'fi', h1: 'Kirjaudu sisään', label: 'sign-in page' });
  await page.locator('#f-email').fill(email);
  await page.locator('#f-password').fill(password);
  await submit(page, page.locator('main form[action="/sign-in"] button[type=submit]'));
}

describe('data subject requests', () => {
  before(async () => {
    tupa = await startTupa();
    browser = await launchBrowser();
    await cli(['setup', '--operator-name', 'Tupa-palvelu', '--admin-email', ADMIN.email, '--admin-name', 'Ylläpito', '--password-stdin'], ADMIN.password);
    await cli(['org', 'create', '--slug', ORG.slug, '--name', ORG.name, '--plan', 'full']);
    await cli(['user', 'create', '--org', ORG.slug, '--email', ADVISER.email, '--name', ADVISER.name, '--role', 'adviser', '--password-stdin'], ADVISER.password);
  });

  after(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await tupa?.stop();
  });

  test('1. a person asks for access on the public page, on a phone', async () => {
    const phone = await newPage({ viewport: { width: 360, height: 740 } });
    await visit(phone, `/privacy/${ORG.slug}`, { lang: 'fi', h1: `${ORG.name}: henkilötietosi`, label: 'privacy page' });
    assert.match(await phone.locator('main .controller').innerText(), new RegExp(`rekisterinpitäjä on ${ORG.name}`));
    // Without a choice the page says what is missing.
    await phone.locator('#f-email').fill(PERSON);
    let res = await submit(phone, button(phone, 'Lähetä pyyntö'));
    assert.equal(res.status(), 422);
    await expectPage(phone, { path: `/privacy/${ORG.slug}`, label: 'privacy page with an error' });
    assert.match(await phone.locator('.error-summary').innerText(), /Valitse, mitä pyydät\./);
    await phone.getByLabel('Pääsy omiin tietoihin').check();
    assert.equal(await phone.locator('#f-email').inputValue(), PERSON, 'typed address kept');
    res = await submit(phone, button(phone, 'Lähetä pyyntö'));
    assert.equal(res.status(), 200);
    await expectPage(phone, { path: `/privacy/${ORG.slug}`, label: 'privacy page after asking' });
    assert.match(await notice(phone).innerText(), /vahvistuslinkki on tulossa/);
  });

  test('2. the confirmation link from the outbox makes the request', async () => {
    const admin = await newPage();
    await signIn(admin, ADMIN);
    // A platform admin enrols a second factor first.
    assert.equal(pathOf(admin), '/profile/totp');
    const secret = (await admin.locator('#totp-secret').innerText()).trim();
    await admin.getByLabel('Kuusinumeroinen koodi').fill(totpCode(secret));
    await submit(admin, button(admin, 'Ota käyttöön'));
    await visit(admin, '/outbox', { h1: 'Lähtevä posti', label: 'outbox' });
    const row = admin.locator('main table tbody tr', { hasText: PERSON });
    assert.equal(await row.count(), 1);
    await submit(admin, row.getByRole('link'));
    const body = await admin.locator('pre.mail').innerText();
    confirmLink = body.match(/http:\/\/127\.0\.0\.1:\d+\/privacy\/vantaa\/confirm\/[A-Za-z0-9_-]+/)?.[0];
    assert.ok(confirmLink, `confirmation link in:\n${body}`);

    const phone = await newPage({ viewport: { width: 360, height: 740 } });
    const path = new URL(confirmLink).pathname;
    await visit(phone, path, { lang: 'fi', h1: 'Vahvista pyyntösi', label: 'confirmation page' });
    assert.match(await phone.locator('main').innerText(), new RegExp(PERSON.replace(/\./g, '\\.')));
    const res = await submit(phone, button(phone, 'Vahvista pyyntö'));
    assert.equal(res.status(), 200);
    await expectPage(phone, { path, label: 'request received' });
    const text = await notice(phone).innerText();
    assert.match(text, /Pyyntösi on vastaanotettu/);
    caseNumber = text.match(CASE_NUMBER)?.[1];
    assert.ok(caseNumber, `case number in: ${text}`);
  });

  test('3. staff see the case and carry it out', async () => {
    const adviser = await newPage();
    await signIn(adviser, ADVISER);
    await visit(adviser, `/orgs/${ORG.slug}/data-requests`, { h1: 'Rekisteröityjen pyynnöt', label: 'data requests' });
    const row = adviser.locator('main table tbody tr', { hasText: caseNumber });
    assert.match(await row.innerText(), /Pääsy omiin tietoihin[\s\S]*Avoin/);
    await submit(adviser, row.getByRole('link'));
    await expectPage(adviser, { path: /^\/orgs\/vantaa\/data-requests\/[^/]+$/, h1: `Rekisteröidyn pyyntö ${caseNumber}`, label: 'request page' });
    await submit(adviser, button(adviser, 'Merkitse valmiiksi ja toteuta'));
    await expectPage(adviser, { path: /^\/orgs\/vantaa\/data-requests\/[^/]+$/, label: 'request page when done' });
    assert.equal((await adviser.locator('#request-status').innerText()).trim(), 'Valmis');
  });
});
