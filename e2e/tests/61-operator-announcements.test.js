// Operator services in a real browser, part two (issue 13): the operator publishes an
// announcement and records the organisation's agreement (which clears its flag); the main
// admin sees the announcement on the home page, forwards it to the advisers and reads the
// agreement on a 360 px phone; an adviser sees it, a recruiter does not. Then a citizen's
// private case link: the contact form, the link in the acknowledgement mail (read from the
// training outbox), a reply through the link, and the adviser sees it on the ticket page.
// axe-core checks every page.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { totpCode } from '../lib/harness.js';
import { assertNoHorizontalScroll, expectPage, signIn, submit } from '../lib/pages.js';
import { startSession } from '../lib/session.js';

const ORG = { slug: 'kemi', name: 'Kemin kaupunki' };
const OPERATOR = { email: 'yllapito@tupa.example', password: 'ylläpidon-salasana-1' };
const ADMIN = { email: 'paakayttaja@kemi.test', password: 'pääkäyttäjän-salasana-1' };
const ADVISER = { email: 'neuvoja@kemi.test', password: 'neuvojan-salasana-1' };
const RECRUITER = { email: 'rekry@kemi.test', password: 'rekrytoijan-salasana-1' };
const DESK_ADDRESS = 'kirjaamo@kemi.test';
const TITLE = 'Huoltokatko lauantaina';

let s;
let operator;

// The operator signs in and enrols the second factor once (a platform admin must).
async function operatorPage() {
  if (operator) return operator;
  operator = await s.newPage();
  await signIn(s, operator, OPERATOR);
  await expectPage(operator, { path: '/profile/totp', lang: 'fi', label: 'TOTP enrolment (operator)' });
  const secret = (await operator.locator('#totp-secret').innerText()).trim();
  await operator.getByLabel('Kuusinumeroinen koodi').fill(totpCode(secret));
  await submit(operator, operator.locator('main form[action="/profile/totp"] button[type=submit]'));
  return operator;
}

// The body of the newest mail to `to` whose subject has `subjectText`, from the outbox.
async function mailBody(subjectText, to) {
  const page = await operatorPage();
  await s.visit(page, '/outbox', { lang: 'fi', label: 'outbox' });
  const row = subjectText
    ? page.locator('main table tbody tr', { hasText: to }).filter({ hasText: subjectText })
    : page.locator('main table tbody tr', { hasText: to });
  await submit(page, row.first().getByRole('link'));
  return page.locator('pre.mail').innerText();
}

describe('announcements, agreements and the citizen case link in the browser', () => {
  before(async () => {
    s = await startSession();
    await s.cli(['setup', '--operator-name', 'Tupa-palvelu', '--admin-email', OPERATOR.email, '--admin-name', 'Ylläpito', '--password-stdin'], OPERATOR.password);
    await s.cli(['org', 'create', '--slug', ORG.slug, '--name', ORG.name, '--plan', 'full']);
    await s.cli(['desk', 'address', 'add', '--org', ORG.slug, '--address', DESK_ADDRESS]);
    await s.cli(['user', 'create', '--org', ORG.slug, '--email', ADMIN.email, '--name', 'Pääkäyttäjä', '--role', 'main-admin', '--password-stdin'], ADMIN.password);
    await s.cli(['user', 'create', '--org', ORG.slug, '--email', ADVISER.email, '--name', 'Neuvoja', '--role', 'adviser', '--password-stdin'], ADVISER.password);
    // The contact form needs the organisation's privacy notice: a main admin sets it.
    const token = await s.cli(['token', 'create', '--email', ADMIN.email, '--name', 'e2e']);
    const res = await s.api(token, 'PUT', `/api/v1/orgs/${ORG.slug}/settings`, { privacy_notice_url: 'https://kemi.test/tietosuoja', business_id: '' });
    assert.equal(res.status, 200, JSON.stringify(res.json));
    await s.cli(['user', 'create', '--org', ORG.slug, '--email', RECRUITER.email, '--name', 'Rekrytoija', '--role', 'recruiter', '--password-stdin'], RECRUITER.password);
  });
  after(async () => {
    await s?.close();
  });

  test('1. the operator publishes an announcement, after a missing title is named', async () => {
    const page = await operatorPage();
    await s.visit(page, '/announcements', { lang: 'fi', h1: 'Tiedotteet', label: 'announcements (operator)' });
    await page.locator('#f-body').fill('Palvelu on poissa käytöstä lauantaina klo 8–10.');
    await submit(page, page.locator('main form[action="/announcements"] button[type=submit]'));
    await expectPage(page, { path: '/announcements', label: 'announcement with an error' });
    assert.equal(await page.locator('#f-title').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator('.error-summary').getByRole('link').getAttribute('href'), '#f-title');
    assert.match(await page.locator('#f-body').inputValue(), /klo 8–10/, 'nothing typed is lost');
    await page.locator('#f-title').fill(TITLE);
    await page.locator('#f-title-en').fill('Maintenance on Saturday');
    await page.locator('#f-body-en').fill('The service is down on Saturday 8–10.');
    await submit(page, page.locator('main form[action="/announcements"] button[type=submit]'));
    assert.match(await page.locator('[role=status]').innerText(), /Tiedote julkaistiin/);
    assert.match(await page.locator('main article').first().innerText(), /Organisaatioita: 1/);
  });

  test('2. the organisation is flagged until the operator records its agreement', async () => {
    const page = await operatorPage();
    await s.visit(page, '/orgs', { lang: 'fi', label: 'organisations with a flag' });
    await submit(page, page.locator(`main a[href="/orgs/${ORG.slug}/agreement"]`));
    const path = `/orgs/${ORG.slug}/agreement`;
    await expectPage(page, { path, h1: ORG.name, label: 'agreement page (operator, flagged)' });
    assert.ok(await page.locator('#agreement-flag').isVisible());
    // No document: the refusal names it and keeps what was typed.
    await page.locator('#f-signed_on').fill('2026-11-02');
    await page.locator('#f-signer_name').fill('Kaisa Kunnanjohtaja');
    await page.locator('#f-signer_title').fill('Kunnanjohtaja');
    await page.locator('#f-signer_authority').fill('Hallintosääntö 12 §');
    await page.locator('#f-terms_version').fill('2026-1');
    await submit(page, page.locator(`main form[action^="${path}?csrf="] button[type=submit]`));
    await expectPage(page, { path, label: 'agreement without a document' });
    assert.ok(await page.locator('#f-document-error').isVisible());
    assert.equal(await page.locator('#f-signer_name').inputValue(), 'Kaisa Kunnanjohtaja');
    await page.locator('#f-document').setInputFiles({ name: 'sopimus.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7 allekirjoitettu') });
    await submit(page, page.locator(`main form[action^="${path}?csrf="] button[type=submit]`));
    assert.match(await page.locator('[role=status]').innerText(), /Sopimus kirjattiin/);
    assert.equal(await page.locator('#agreement-flag').count(), 0, 'no longer flagged');
    // The installation's first sub-processor list, in force today.
    await s.visit(page, '/subprocessors', { h1: 'Alihankkijat', label: 'sub-processors (operator)' });
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(new Date());
    await page.locator('#f-effective_on').fill(today);
    await page.locator('#f-entries').fill('Hosting Oy; palvelinten ylläpito; Suomi\nPosti Ab; sähköpostin välitys; Ruotsi');
    await submit(page, page.locator('main form[action="/subprocessors"] button[type=submit]'));
    assert.match(await page.locator('[role=status]').innerText(), /Uusi luettelo julkaistiin/);
    assert.match(await page.locator('main table').first().innerText(), /Posti Ab/);
  });

  test('3. the main admin on a phone reads it, forwards it to the advisers and sees the agreement', async () => {
    const page = await s.newPhone('fi-FI');
    await signIn(s, page, ADMIN);
    await expectPage(page, { path: '/', lang: 'fi', label: 'home with announcements (360 px)' });
    const block = page.locator('main section[aria-labelledby="home-announcements"]');
    assert.match(await block.innerText(), new RegExp(TITLE));
    await assertNoHorizontalScroll(page, 'home with announcements');
    await submit(page, block.getByRole('link', { name: TITLE }));
    await expectPage(page, { path: '/announcements', h1: 'Tiedotteet', label: 'announcements (main admin, 360 px)' });
    await assertNoHorizontalScroll(page, 'announcements (main admin)');
    const card = page.locator('main article', { hasText: TITLE });
    await card.locator('summary').click();
    await card.getByLabel('Yhden roolin haltijoille').check();
    await card.getByLabel('Rooli', { exact: true }).selectOption('adviser');
    await submit(page, card.getByRole('button', { name: 'Välitä' }));
    assert.match(await page.locator('[role=status]').innerText(), /Tiedote välitettiin/);
    // Marked read from the home page, it leaves it.
    await s.visit(page, '/', { label: 'home before marking read' });
    const homeBlock = page.locator('main section[aria-labelledby="home-announcements"]');
    await submit(page, homeBlock.locator('li', { hasText: TITLE }).getByRole('button', { name: 'Merkitse luetuksi' }));
    assert.equal(new URL(page.url()).pathname, '/');
    assert.equal(await page.locator('main section[aria-labelledby="home-announcements"] li', { hasText: TITLE }).count(), 0);
    // The organisation's agreement, terms version and sub-processors.
    await s.visit(page, `/orgs/${ORG.slug}/agreement`, { h1: ORG.name, label: 'agreement (main admin, 360 px)' });
    await assertNoHorizontalScroll(page, 'agreement (main admin)');
    const main = await page.locator('main').innerText();
    assert.match(main, /Kaisa Kunnanjohtaja/);
    assert.match(main, /2026-1/);
    assert.match(main, /Hosting Oy/);
    assert.equal(await page.locator(`main form[action^="/orgs/${ORG.slug}/agreement"]`).count(), 0, 'only the operator records');
  });

  test('4. an adviser sees the forwarded announcement, a recruiter does not', async () => {
    const adviser = await s.newPage();
    await signIn(s, adviser, ADVISER);
    await expectPage(adviser, { path: '/', label: 'home of the adviser' });
    assert.match(await adviser.locator('main section[aria-labelledby="home-announcements"]').innerText(), new RegExp(TITLE));
    await s.visit(adviser, '/announcements', { h1: 'Tiedotteet', label: 'announcements (adviser)' });
    assert.match(await adviser.locator('main article').innerText(), new RegExp(`Välittänyt sinulle: ${ORG.name}`));
    assert.equal(await adviser.locator('main article details').count(), 0, 'staff do not forward');
    const recruiter = await s.newPage();
    await signIn(s, recruiter, RECRUITER);
    assert.equal(await recruiter.locator('main section[aria-labelledby="home-announcements"]').count(), 0);
  });

  test('5. a citizen follows their case by the mailed link and replies; the adviser sees it', async () => {
    const citizen = await s.newPhone('fi-FI');
    await s.visit(citizen, `/contact/${ORG.slug}`, { lang: 'fi', label: 'contact form' });
    await citizen.locator('#f-name').fill('Liisa Kuntalainen');
    await citizen.locator('#f-email').fill('liisa@example.fi');
    await citizen.locator('#f-subject').fill('Pysäköintilupa');
    await citizen.locator('#f-message').fill('Miten haen pysäköintilupaa?');
    await submit(citizen, citizen.locator(`main form[action^="/contact/${ORG.slug}"] button[type=submit]`));
    assert.doesNotMatch(await citizen.locator('main').innerText(), /Korjaa/, 'the contact was sent');
    const body = await mailBody(null, 'liisa@example.fi');
    const link = body.match(/https?:\/\/\S+\/case\/[\w-]+/)?.[0];
    assert.ok(link, `the acknowledgement carries the case link: ${body}`);
    const path = new URL(link).pathname;
    await s.visit(citizen, path, { lang: 'fi', label: 'the citizen case page (360 px)' });
    await assertNoHorizontalScroll(citizen, 'citizen case page');
    assert.match(await citizen.locator('main').innerText(), /Pysäköintilupa/);
    await citizen.locator('#f-message').fill('Lisäksi: asun Kemin keskustassa.');
    await submit(citizen, citizen.locator('main form button[type=submit]'));
    assert.match(await citizen.locator('main').innerText(), /asun Kemin keskustassa/);
    const caseNumber = (await citizen.locator('h1').innerText()).match(/\d{4}-\d+/)[0];
    const adviser = await s.newPage();
    await signIn(s, adviser, ADVISER);
    await s.visit(adviser, `/orgs/${ORG.slug}/desk/${caseNumber}`, { label: 'ticket with the citizen reply' });
    assert.match(await adviser.locator('main').innerText(), /asun Kemin keskustassa/);
  });
});
