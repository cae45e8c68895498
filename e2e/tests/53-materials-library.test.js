// The instructions and materials library in a real browser: the operator (a platform admin)
// publishes seed 000's media-release template for main admins with a Finnish and a Swedish
// file, then uploads a new version; a main admin of an organisation, on a 360 px phone, finds
// the library from the navigation, downloads the newest version and sees the older one listed
// (and downloads it too). axe-core checks every page, at 1280 and at 360 px.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { totpCode } from '../lib/harness.js';
import { assertNoHorizontalScroll, expectPage, pathOf, signIn, submit } from '../lib/pages.js';
import { startSession } from '../lib/session.js';

const ORG = { slug: 'porvoo', name: 'Porvoon kaupunki' };
const OPERATOR = { email: 'yllapito@tupa.example', password: 'ylläpidon-salasana-1' };
const MAIN = { email: 'paakayttaja@porvoo.test', password: 'pääkäyttäjän-salasana-1' };
const TITLE = 'Mediatiedotteen pohja';

const pdf = (text) => Buffer.from(`%PDF-1.7\n% ${text}\n%%EOF\n`);
const file = (name, text) => ({ name, mimeType: 'application/pdf', buffer: pdf(text) });

let session;
let itemPath;

async function download(page, link) {
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}

describe('the instructions and materials library', () => {
  before(async () => {
    session = await startSession();
    await session.cli(['setup', '--operator-name', 'Tupa-palvelu', '--admin-email', OPERATOR.email, '--admin-name', 'Ylläpito', '--password-stdin'], OPERATOR.password);
    await session.cli(['org', 'create', '--slug', ORG.slug, '--name', ORG.name, '--plan', 'full']);
    await session.cli(['user', 'create', '--org', ORG.slug, '--email', MAIN.email, '--name', 'Pääkäyttäjä', '--role', 'main-admin', '--password-stdin'], MAIN.password);
  });
  after(async () => {
    await session?.close();
  });

  test('1. the operator publishes an item in Finnish and Swedish, then a new version', async () => {
    const page = await session.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(session, page, OPERATOR);
    // A platform admin enrols a second factor first.
    assert.equal(pathOf(page), '/profile/totp');
    const secret = (await page.locator('#totp-secret').innerText()).trim();
    await page.getByLabel('Kuusinumeroinen koodi').fill(totpCode(secret));
    await submit(page, page.getByRole('button', { name: 'Ota käyttöön' }));

    await submit(page, page.locator('nav.main-nav').getByRole('link', { name: 'Kirjasto' }));
    await expectPage(page, { path: '/materials', lang: 'fi', h1: 'Ohjeet ja materiaalit', label: 'library, operator (1280 px)' });
    await page.locator('#f-title').fill(TITLE);
    await page.locator('#f-description').fill('Pohja organisaation mediatiedotteelle.');
    await page.getByLabel('Pääkäyttäjille').check();
    await page.locator('#f-file_fi').setInputFiles(file('mediatiedote.pdf', 'fi v1'));
    await page.locator('#f-file_sv').setInputFiles(file('pressmeddelande.pdf', 'sv v1'));
    await submit(page, page.getByRole('button', { name: 'Julkaise' }));
    itemPath = new URL(page.url()).pathname;
    assert.match(itemPath, /^\/materials\/[A-Za-z0-9_-]+$/);
    await expectPage(page, { path: itemPath, h1: TITLE, label: 'library item, operator (1280 px)' });
    assert.match(await page.locator('.notice').innerText(), /Julkaistu/);

    await page.locator('#f-file_fi').setInputFiles(file('mediatiedote-2.pdf', 'fi v2'));
    await page.locator('#f-file_sv').setInputFiles(file('pressmeddelande-2.pdf', 'sv v2'));
    await submit(page, page.getByRole('button', { name: 'Lataa uusi versio' }));
    await expectPage(page, { path: itemPath, h1: TITLE, label: 'library item after a new version (1280 px)' });
    const versions = page.locator('#versions > li');
    assert.equal(await versions.count(), 2);
    assert.match(await versions.nth(0).innerText(), /Versio 2 \(uusin\)/);
    assert.match(await versions.nth(1).innerText(), /Versio 1/);
  });

  test('2. a main admin on a phone downloads the newest version; the older one is listed', async () => {
    const phone = await session.newPhone('fi-FI');
    await signIn(session, phone, MAIN);
    await submit(phone, phone.locator('nav.main-nav').getByRole('link', { name: 'Kirjasto' }));
    await expectPage(phone, { path: '/materials', lang: 'fi', h1: 'Ohjeet ja materiaalit', label: 'library, main admin (360 px)' });
    await assertNoHorizontalScroll(phone, 'library page');
    assert.equal(await phone.locator('#publish').count(), 0, 'no publishing form for a main admin');
    const item = phone.locator('#library-items > li', { hasText: TITLE });
    assert.match(await item.innerText(), /Versio 2/);
    const newest = await download(phone, item.getByRole('link', { name: /^Avaa uusin versio/ }));
    assert.equal(newest.name, 'mediatiedote-2.pdf');
    assert.deepEqual(newest.bytes, pdf('fi v2'));

    await submit(phone, item.getByRole('link', { name: TITLE, exact: true }));
    await expectPage(phone, { path: itemPath, h1: TITLE, label: 'library item, main admin (360 px)' });
    await assertNoHorizontalScroll(phone, 'library item page');
    assert.equal(await phone.locator('#new-version').count(), 0);
    const older = phone.locator('#version-1');
    assert.match(await older.innerText(), /Versio 1/);
    const old = await download(phone, older.getByRole('link', { name: /svenska/ }));
    assert.equal(old.name, 'pressmeddelande.pdf');
    assert.deepEqual(old.bytes, pdf('sv v1'));

    // At 1280 px the same pages pass axe too.
    const desk = await session.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(session, desk, MAIN);
    await session.visit(desk, '/materials', { h1: 'Ohjeet ja materiaalit', label: 'library, main admin (1280 px)' });
    await session.visit(desk, itemPath, { h1: TITLE, label: 'library item, main admin (1280 px)' });
  });
});
