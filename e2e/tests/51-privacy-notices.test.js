// Privacy notices and the accessibility statement in a real browser: the main admin sets the
// notice links per language, the data-protection contact and the organisation's statement
// (1280 px); a Swedish-speaking visitor on a 360 px phone sees the Swedish notice on the
// contact form, follows the footer to the organisation's statement and sends accessibility
// feedback; the adviser finds it in the desk queue. Axe runs on every page visited.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, startTupa } from '../lib/harness.js';
import { assertNoHorizontalScroll, expectPage } from '../lib/pages.js';

const ORG = { slug: 'lahti', name: 'Lahden kaupunki' };
const MAIN = { email: 'paakayttaja@lahti.test', password: 'pääkäyttäjän-salasana-1' };
const ADVISER = { email: 'neuvoja@lahti.test', password: 'neuvojan-hyvä-salasana' };
const NOTICE = { fi: 'https://lahti.test/tietosuoja', sv: 'https://lahti.test/dataskydd' };
const CASE_NUMBER = /\b(\d{4}-\d{6,8})\b/;

let tupa;
let browser;
const contexts = [];
let caseNumber;

async function newPage(options = {}) {
  const context = await browser.newContext({ locale: 'fi-FI', viewport: { width: 1280, height: 900 }, ...options });
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

async function signIn(page, { email, password }) {
  await visit(page, '/sign-in', { lang: 'fi', h1: 'Kirjaudu sisään', label: 'sign-in page' });
  await page.locator('#f-email').fill(email);
  await page.locator('#f-password').fill(password);
  await submit(page, page.locator('main form[action="/sign-in"] button[type=submit]'));
}

describe('privacy notices and the accessibility statement', () => {
  before(async () => {
    tupa = await startTupa();
    browser = await launchBrowser();
    await cli(['setup', '--operator-name', 'Tupa-palvelu', '--admin-email', 'yllapito@tupa.example', '--admin-name', 'Ylläpito', '--password-stdin'], 'ylläpidon-salasana-1');
    await cli(['org', 'create', '--slug', ORG.slug, '--name', ORG.name, '--plan', 'full']);
    await cli(['user', 'create', '--org', ORG.slug, '--email', MAIN.email, '--name', 'Pirjo Pääkäyttäjä', '--role', 'main-admin', '--password-stdin'], MAIN.password);
    await cli(['user', 'create', '--org', ORG.slug, '--email', ADVISER.email, '--name', 'Niilo Neuvoja', '--role', 'adviser', '--password-stdin'], ADVISER.password);
  });

  after(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await tupa?.stop();
  });

  test('1. the main admin sets the notices, the contact and the statement', async () => {
    const admin = await newPage();
    await signIn(admin, MAIN);
    await visit(admin, `/orgs/${ORG.slug}`, { lang: 'fi', h1: ORG.name, label: 'organisation settings' });
    // Plain http is refused with a translated message; what was typed stays.
    await admin.getByLabel('Tietosuojaselosteen osoite', { exact: true }).fill(NOTICE.fi);
    await admin.getByLabel('Tietosuojaselosteen osoite ruotsiksi').fill('http://lahti.test/dataskydd');
    let res = await submit(admin, admin.locator(`main form[action="/orgs/${ORG.slug}/settings"] button[type=submit]`));
    assert.equal(res.status(), 422);
    await expectPage(admin, { path: `/orgs/${ORG.slug}/settings`, label: 'settings with an error' });
    assert.match(await admin.locator('.error-summary').innerText(), /https:\/\//);
    await admin.getByLabel('Tietosuojaselosteen osoite ruotsiksi').fill(NOTICE.sv);
    await admin.getByLabel('Nimi tai tehtävänimike').fill('Tietosuojavastaava Teija');
    await admin.getByLabel('Sähköposti', { exact: true }).fill('tietosuoja@lahti.test');
    res = await submit(admin, admin.locator(`main form[action="/orgs/${ORG.slug}/settings"] button[type=submit]`));
    await expectPage(admin, { path: `/orgs/${ORG.slug}`, label: 'settings saved' });
    assert.equal(await admin.getByLabel('Tietosuojaselosteen osoite ruotsiksi').inputValue(), NOTICE.sv);

    await submit(admin, admin.getByRole('link', { name: 'Saavutettavuusselosteen muokkaus' }));
    await expectPage(admin, { path: `/orgs/${ORG.slug}/accessibility-statement`, lang: 'fi', h1: 'Saavutettavuusselosteen muokkaus', label: 'statement editor' });
    await admin.getByLabel('Palvelu täyttää saavutettavuusvaatimukset osittain.').check();
    await admin.getByLabel('Puutteet suomeksi').fill('Liitteenä ladatut PDF-tiedostot eivät ole saavutettavia.');
    await admin.getByLabel('Puutteet ruotsiksi').fill('Bifogade PDF-filer är inte tillgängliga.');
    await admin.getByLabel('Laadittu', { exact: true }).fill('2026-09-01');
    await admin.getByLabel('Viimeksi tarkistettu').fill('2026-11-30');
    await submit(admin, button(admin, 'Tallenna'));
    await expectPage(admin, { path: `/accessibility/${ORG.slug}`, lang: 'fi', h1: 'Saavutettavuusseloste', label: 'statement after saving' });
    assert.match(await admin.locator('main').innerText(), /täyttää saavutettavuusvaatimukset osittain/);
  });

  test('2. a visitor sees the Swedish notice and sends accessibility feedback on a phone', async () => {
    const phone = await newPage({ locale: 'sv-FI', viewport: { width: 360, height: 740 } });
    await visit(phone, `/contact/${ORG.slug}`, { lang: 'sv', h1: `Kontakta ${ORG.name}`, label: 'contact form (sv, 360 px)' });
    const controller = phone.locator('main .controller');
    assert.match(await controller.innerText(), new RegExp(`${ORG.name}[\\s\\S]*Tietosuojavastaava Teija`));
    assert.equal(await controller.getByRole('link', { name: 'Läs dataskyddsbeskrivningen' }).getAttribute('href'), NOTICE.sv);
    await assertNoHorizontalScroll(phone, 'contact form');

    await submit(phone, phone.locator('footer').getByRole('link', { name: 'Tillgänglighetsutlåtande' }));
    await expectPage(phone, { path: `/accessibility/${ORG.slug}`, lang: 'sv', h1: 'Tillgänglighetsutlåtande', label: 'statement (sv, 360 px)' });
    await assertNoHorizontalScroll(phone, 'statement');
    const main = await phone.locator('main').innerText();
    assert.match(main, /Bifogade PDF-filer är inte tillgängliga\./);
    assert.match(main, /1\.9\.2026[\s\S]*30\.11\.2026/);
    assert.match(main, /Transport- och kommunikationsverket Traficom/);

    // Without a description the form says what is missing.
    let res = await submit(phone, button(phone, 'Skicka respons'));
    assert.equal(res.status(), 422);
    await expectPage(phone, { path: `/accessibility/${ORG.slug}`, label: 'feedback with an error (sv)' });
    await phone.getByLabel('E-postadress (frivillig)').fill('medborgare@example.fi');
    await phone.getByLabel('Sidans adress').fill(`/contact/${ORG.slug}`);
    await phone.getByLabel('Vad fungerade inte eller vad behöver du?').fill('Felmeddelandet läses inte upp av skärmläsaren.');
    res = await submit(phone, button(phone, 'Skicka respons'));
    assert.equal(res.status(), 200);
    await expectPage(phone, { path: `/accessibility/${ORG.slug}`, label: 'feedback sent (sv)' });
    const text = await phone.locator('main .notice[role=status]').innerText();
    assert.match(text, /Tack för din respons/);
    caseNumber = text.match(CASE_NUMBER)?.[1];
    assert.ok(caseNumber, `case number in: ${text}`);
    await assertNoHorizontalScroll(phone, 'feedback sent');
  });

  test('3. the adviser sees the feedback in the desk queue', async () => {
    const adviser = await newPage();
    await signIn(adviser, ADVISER);
    await visit(adviser, `/orgs/${ORG.slug}/desk`, { lang: 'fi', h1: ORG.name, label: 'desk queue' });
    const row = adviser.locator('main table tbody tr', { hasText: caseNumber });
    assert.equal(await row.count(), 1, 'the feedback is a ticket in the queue');
    assert.match(await row.innerText(), /tillgängligheten/);
    await submit(adviser, row.getByRole('link').first());
    await expectPage(adviser, { path: new RegExp(`/tickets/${caseNumber}$|${caseNumber}`), label: 'feedback ticket' });
    assert.match(await adviser.locator('main').innerText(), /Felmeddelandet läses inte upp av skärmläsaren\./);
  });
});
