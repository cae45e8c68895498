// Recruitment in a real browser: a main admin uploads the organisation's logo (a too-small
// image is refused with its numbers, a right-sized one is shown), a recruiter writes a job ad
// in Finnish and Swedish and publishes it, a Swedish-speaking applicant finds it and applies
// on a 360 px phone (the consent is forgotten first), and the recruiter moves the application
// through the stages. One server for the whole file; the tests run in order and build on
// each other's data. Every page visited goes through axe (expectPage / checkA11y).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { deflateSync } from 'node:zlib';
import { launchBrowser, startTupa } from '../lib/harness.js';
import { expectPage, pathOf } from '../lib/pages.js';

const ORG = { slug: 'espoo', name: 'Espoon kaupunki', privacyUrl: 'https://espoo.test/tietosuoja' };
const MAIN_ADMIN = { email: 'paakayttaja@espoo.test', password: 'pääkäyttäjän-salasana-1' };
const RECRUITER = { name: 'Riikka Rekrytoija', email: 'riikka@espoo.test', password: 'rekrytoijan-hyvä-salasana' };
const AD = {
  titleFi: 'Lastentarhanopettaja, Tapiolan päiväkoti',
  descriptionFi: 'Haemme Tapiolan päiväkotiin lastentarhanopettajaa.\n\nTyö alkaa elokuussa.',
  titleSv: 'Barnträdgårdslärare, Hagalunds daghem',
  descriptionSv: 'Vi söker en barnträdgårdslärare till daghemmet i Hagalund.\n\nArbetet börjar i augusti.',
  municipalityName: 'Espoo',
  municipalityCode: '049',
  street: 'Kirkkopuistonkuja 2',
  postalCode: '02100',
  city: 'Espoo',
  vacancies: '2',
  contact: 'Päivi Päiväkodinjohtaja',
  questionFi: 'Miksi haet tätä työtä?',
  questionSv: 'Varför söker du det här jobbet?',
};
const APPLICANT = {
  firstName: 'Saga',
  lastName: 'Lindqvist',
  email: 'saga.lindqvist@example.fi',
  answer: 'Jag tycker om att arbeta med barn och vill utvecklas som pedagog.',
  coverLetter: 'Hej!\n\nJag har arbetat fem år på ett daghem i Vanda.\n\nMed vänlig hälsning, Saga',
};
const NOTE = 'Vahva kokemus, haastattelussa hyvä vaikutelma.';

const REFERENCE = /\b(H-[A-Z2-9]{6})\b/;

let tupa;
let browser;
const contexts = [];
let recruiter; // the recruiter's page, desktop, Finnish browser
let adId; // the published ad
let reference; // the application's reference, as the applicant was told it

// ---- helpers (as in 20-desk) ----

async function newPage(options = {}) {
  const context = await browser.newContext({ locale: 'fi-FI', ...options });
  contexts.push(context);
  return context.newPage();
}

const phone = (locale) => newPage({ locale, viewport: { width: 360, height: 740 } });

// Runs a CLI subcommand against the server's data and insists that it succeeds.
async function cli(args, input) {
  const res = await tupa.run(args, { input });
  assert.equal(res.code, 0, `tupa ${args.join(' ')} exited ${res.code}:\n${res.stdout}${res.stderr}`);
  return res.stdout.trim();
}

// Loads a page that must answer 200 where it was asked for.
async function visit(page, path, expected = {}) {
  const res = await page.goto(tupa.baseUrl + path);
  assert.equal(res.status(), 200, `GET ${path}`);
  await expectPage(page, { path: path.split('?')[0], ...expected });
  return res;
}

// Clicks a submit button (or link) and waits for the page it leads to (after any redirects).
async function submit(page, target) {
  const [res] = await Promise.all([page.waitForNavigation(), target.click()]);
  return res;
}

const field = (page, name) => page.locator(`[id="f-${name}"]`); // ids may hold dots (f-texts.fi)
const button = (page, name) => page.getByRole('button', { name, exact: true });
const notice = (page) => page.locator('main .notice[role=status]');

async function fill(page, values) {
  for (const [name, value] of Object.entries(values)) await field(page, name).fill(value);
}

async function assertNoHorizontalScroll(page, label) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  assert.ok(scrollWidth <= 360, `${label}: page is ${scrollWidth} px wide at a 360 px viewport (client ${clientWidth})`);
}

// Main admins and recruiters have no second factor: password only, landing on the front page.
async function signIn(page, { email, password }) {
  await visit(page, '/sign-in', { lang: 'fi', h1: 'Kirjaudu sisään', label: 'sign-in page' });
  await fill(page, { email, password });
  await submit(page, page.locator('main form[action="/sign-in"] button[type=submit]'));
  assert.equal(pathOf(page), '/');
}

// The value next to a term in a page's facts list.
async function fact(page, term) {
  const dd = page.locator('dl.ticket-facts dt', { hasText: new RegExp(`^${term}$`) }).locator('xpath=following-sibling::dd[1]');
  return (await dd.innerText()).trim();
}

// An <img> has been fetched and decoded (a broken image has naturalWidth 0).
async function imageLoaded(img) {
  await img.evaluate((el) => (el.complete ? null : new Promise((resolve) => el.addEventListener('load', resolve, { once: true }))));
  return img.evaluate((el) => el.naturalWidth);
}

// A date-time `days` ahead, as a datetime-local field takes it, at 16:00.
function daysAhead(days) {
  const d = new Date(Date.now() + days * 86_400_000);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T16:00`;
}

// ---- a PNG made in place: signature, IHDR, one IDAT of deflated scanlines, IEND ----

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

// An 8-bit RGB image: Espoo blue with a white band, so the decoder has real pixels to read.
function png(width, height) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // bit depth 8, colour type 2 (RGB), deflate, filter 0, no interlace
  const row = 1 + width * 3; // each scanline starts with its filter byte (0: none)
  const raw = Buffer.alloc(row * height);
  for (let y = 0; y < height; y++) {
    const white = y > height * 0.4 && y < height * 0.6;
    for (let x = 0; x < width; x++) raw.set(white ? [255, 255, 255] : [0, 80, 160], y * row + 1 + x * 3);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

// A minimal one-page PDF: enough for the upload check, which goes by the bytes.
const CV_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n' +
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n' +
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n' +
    'trailer << /Root 1 0 R >>\n%%EOF\n',
);

// ---- the tests ----

describe('recruitment in the browser', () => {
  before(async () => {
    tupa = await startTupa();
    browser = await launchBrowser();

    await cli(['setup', '--operator-name', 'Tupa-palvelu', '--admin-email', 'yllapito@tupa.example', '--admin-name', 'Ylläpito', '--password-stdin'], 'ylläpidon-salasana-1');
    await cli(['org', 'create', '--slug', ORG.slug, '--name', ORG.name, '--plan', 'full']);
    await cli(['user', 'create', '--org', ORG.slug, '--email', RECRUITER.email, '--name', RECRUITER.name, '--role', 'recruiter', '--password-stdin'], RECRUITER.password);

    // The privacy notice is an organisation setting: set by a main admin through the API.
    await cli(['user', 'create', '--org', ORG.slug, '--email', MAIN_ADMIN.email, '--role', 'main-admin', '--password-stdin'], MAIN_ADMIN.password);
    const token = await cli(['token', 'create', '--email', MAIN_ADMIN.email, '--name', 'e2e']);
    const res = await fetch(`${tupa.baseUrl}/api/v1/orgs/${ORG.slug}/settings`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ privacy_notice_url: ORG.privacyUrl, business_id: '' }),
    });
    assert.equal(res.status, 200, `PUT settings: ${await res.text()}`);
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await tupa?.stop();
  });

  test('1. a main admin uploads the logo: a too-small image is refused with its size, a right one shown', async () => {
    const admin = await newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(admin, MAIN_ADMIN);
    const path = `/orgs/${ORG.slug}/recruitment/publishing`;
    await visit(admin, path, { lang: 'fi', h1: ORG.name, label: 'publishing page without a logo' });
    assert.equal(await admin.getByText('Logoa ei ole vielä ladattu. Ilmoitukset näkyvät ilman logoa.').count(), 1);
    const upload = () => submit(admin, button(admin, 'Lataa logo'));
    // The form posts a file, so its CSRF token rides in the address (?csrf=…).
    const afterUpload = new RegExp(`^${path}/logo\\?csrf=[\\w-]+$`);

    // 600 × 200 px is in the ratio but too small: the error names both sizes.
    await field(admin, 'logo').setInputFiles({ name: 'logo-pieni.png', mimeType: 'image/png', buffer: png(600, 200) });
    let res = await upload();
    assert.equal(res.status(), 422, 'a too-small logo is refused');
    await expectPage(admin, { path: afterUpload, lang: 'fi', h1: ORG.name, label: 'publishing page with a too-small logo' });
    const error = 'Kuva on 600 × 200 px; sen on oltava vähintään 810 × 275 px.';
    assert.equal((await admin.locator('#f-logo-error').innerText()).trim(), error);
    assert.match(await admin.locator('.error-summary').innerText(), new RegExp(error.replace(/[.×;]/g, '\\$&')));
    assert.equal(await field(admin, 'logo').getAttribute('aria-invalid'), 'true');
    assert.match(await field(admin, 'logo').getAttribute('aria-describedby'), /(^| )f-logo-error( |$)/);
    assert.equal(await admin.locator('img.board-logo').count(), 0, 'nothing stored');

    // Twice the minimum, same ratio: accepted, shown with the uploaded size.
    await field(admin, 'logo').setInputFiles({ name: 'espoo-logo.png', mimeType: 'image/png', buffer: png(1620, 550) });
    res = await upload();
    assert.equal(res.status(), 200);
    await expectPage(admin, { path, lang: 'fi', h1: ORG.name, label: 'publishing page with a logo' });
    assert.equal(await notice(admin).innerText(), 'Logo tallennettiin. Se näkyy heti ilmoituksissa ja syötteissä.');
    assert.equal(await admin.locator('#f-logo-error').count(), 0);
    const item = admin.locator('ul.logo-list > li');
    assert.equal(await item.count(), 1);
    assert.match(await item.innerText(), /Espoon kaupunki \(ladattu kuva 1620 × 550 px\)/);
    const img = item.locator('img.board-logo');
    assert.equal(await img.getAttribute('alt'), 'Espoon kaupunki, logo');
    assert.match(await img.getAttribute('src'), new RegExp(`^/jobs/${ORG.slug}/logo\\?v=\\d+$`));
    assert.ok((await imageLoaded(img)) > 0, 'the stored logo loads');
    await button(admin, 'Poista logo: Espoon kaupunki').waitFor();
  });

  test('2. a recruiter writes an ad in Finnish and Swedish and publishes it', async () => {
    recruiter = await newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(recruiter, RECRUITER);
    const listPath = `/orgs/${ORG.slug}/recruitment`;
    await visit(recruiter, listPath, { lang: 'fi', h1: ORG.name, label: 'recruitment ads (empty)' });
    await submit(recruiter, recruiter.getByRole('link', { name: 'Uusi työpaikkailmoitus', exact: true }));
    await expectPage(recruiter, { path: `${listPath}/ads/new`, lang: 'fi', h1: ORG.name, label: 'new ad form' });
    assert.equal((await recruiter.locator('main h2').first().innerText()).trim(), 'Uusi työpaikkailmoitus');

    await fill(recruiter, {
      'texts.fi': AD.titleFi,
      description_fi: AD.descriptionFi,
      'texts.sv': AD.titleSv,
      description_sv: AD.descriptionSv,
      municipality_name: AD.municipalityName,
      municipality_code: AD.municipalityCode,
      street: AD.street,
      postal_code: AD.postalCode,
      city: AD.city,
      vacancies: AD.vacancies,
      deadline: daysAhead(14),
      contacts: AD.contact, // contact 1's name
      questions: AD.questionFi, // question 1 in Finnish
      question_0_sv: AD.questionSv,
    });
    await recruiter.locator('input[name=employment_type][value=permanent]').check();
    await recruiter.locator('input[name=working_time][value=part-time]').check();
    await recruiter.locator('input[name=engagement][value=employment-contract]').check();
    await recruiter.locator('input[name=question_0_required]').check();
    // Save is first in the form, so that Enter in a field saves.
    await submit(recruiter, button(recruiter, 'Tallenna').first());
    const adPath = new RegExp(`^${listPath}/ads/([\\w-]+)$`);
    const adPathMatch = new URL(recruiter.url()).pathname.match(adPath);
    assert.ok(adPathMatch, `saved ad at ${recruiter.url()}`);
    adId = adPathMatch[1];
    await expectPage(recruiter, { path: `${listPath}/ads/${adId}`, lang: 'fi', h1: ORG.name, label: 'ad saved as a draft' });
    assert.equal(await notice(recruiter).innerText(), 'Muutokset on tallennettu.');
    assert.equal(await fact(recruiter, 'Tila'), 'Luonnos');
    assert.equal(await field(recruiter, 'texts.sv').inputValue(), AD.titleSv, 'Swedish title stored');
    assert.equal(await field(recruiter, 'question_0_sv').inputValue(), AD.questionSv, 'Swedish question stored');
    assert.equal(await recruiter.locator('input[name=working_time][value=part-time]').isChecked(), true);
    assert.equal(await recruiter.getByRole('link', { name: 'Hakemukset', exact: true }).count(), 0, 'a draft has no applications');

    // No approval is required by default: submitting publishes at once.
    await submit(recruiter, button(recruiter, 'Lähetä julkaistavaksi'));
    await expectPage(recruiter, { path: `${listPath}/ads/${adId}`, lang: 'fi', h1: ORG.name, label: 'ad published' });
    assert.equal(await notice(recruiter).innerText(), 'Muutokset on tallennettu.');
    assert.equal(await fact(recruiter, 'Tila'), 'Julkaistu');
    const publicPath = `/jobs/${ORG.slug}/ad/${adId}`;
    assert.equal(await fact(recruiter, 'Julkinen sivu'), publicPath);
    assert.equal(await recruiter.getByRole('link', { name: publicPath, exact: true }).getAttribute('href'), publicPath);
    assert.equal(await button(recruiter, 'Lähetä julkaistavaksi').count(), 0, 'no second submit');
    const history = await recruiter.locator('ol.history > li').allInnerTexts();
    assert.equal(history.length, 2, `history: ${JSON.stringify(history)}`);
    assert.match(history[0], new RegExp(`– luotu \\(${RECRUITER.name}\\)$`));
    assert.match(history[1], new RegExp(`– julkaistu \\(${RECRUITER.name}\\)$`));

    // The list shows it as published, under its Finnish title.
    await visit(recruiter, listPath, { lang: 'fi', h1: ORG.name, label: 'recruitment ads with one published' });
    const row = recruiter.locator('main table tbody tr', { hasText: AD.titleFi });
    assert.equal(await row.count(), 1);
    assert.equal((await row.locator('td:nth-child(2)').innerText()).trim(), 'Julkaistu');
  });

  test('3. an applicant on a 360 px phone finds the ad in Swedish and applies, after giving consent', async () => {
    const applicant = await phone('sv-FI');
    const boardPath = `/jobs/${ORG.slug}`;
    await visit(applicant, boardPath, { lang: 'sv', h1: `Lediga jobb – ${ORG.name}`, label: 'job board (sv, 360 px)' });
    await assertNoHorizontalScroll(applicant, 'job board');
    assert.equal((await applicant.locator('h2.board-count').innerText()).trim(), 'Lediga jobb: 1');
    // The ad has Swedish, so the Swedish title is shown and linked without a language switch.
    const adLink = applicant.locator('ul.job-list h3.job-title a');
    assert.equal(await adLink.count(), 1);
    assert.equal((await adLink.innerText()).trim(), AD.titleSv);
    const adPath = `/jobs/${ORG.slug}/ad/${adId}`;
    assert.equal(await adLink.getAttribute('href'), adPath);
    assert.equal(await applicant.getByText(AD.titleFi).count(), 0, 'no Finnish title on the Swedish board');

    await submit(applicant, adLink);
    await expectPage(applicant, { path: adPath, lang: 'sv', h1: AD.titleSv, label: 'ad page (sv, 360 px)' });
    await assertNoHorizontalScroll(applicant, 'ad page');
    assert.equal(await applicant.locator('article.job-ad').getAttribute('lang'), 'sv');
    assert.match(await applicant.locator('.job-description').innerText(), /Vi söker en barnträdgårdslärare/);
    // The logo uploaded in test 1 is on the ad, and loads.
    const logo = applicant.locator('article.job-ad img.board-logo');
    assert.equal(await logo.getAttribute('alt'), 'Espoon kaupunki, logotyp');
    assert.ok((await imageLoaded(logo)) > 0, 'the logo loads on the ad page');
    const logoBox = await logo.boundingBox();
    assert.ok(logoBox.x + logoBox.width <= 360, `logo fits the screen: ${JSON.stringify(logoBox)}`);
    // Search engines get a JobPosting in the page's language.
    const jsonld = JSON.parse(await applicant.locator('script[type="application/ld+json"]').textContent());
    assert.equal(jsonld['@type'], 'JobPosting');
    assert.equal(jsonld.title, AD.titleSv);
    assert.equal(jsonld.hiringOrganization.name, ORG.name);
    assert.match(jsonld.hiringOrganization.logo, new RegExp(`/jobs/${ORG.slug}/logo`));

    const applyPath = `${adPath}/apply`;
    const applyLink = applicant.getByRole('link', { name: 'Sök det här jobbet' }).first();
    assert.equal(await applyLink.getAttribute('href'), `${applyPath}?lang=sv`);
    await submit(applicant, applyLink);
    const applyTitle = `Ansök: ${AD.titleSv}`;
    await expectPage(applicant, { path: applyPath, lang: 'sv', h1: applyTitle, label: 'application form (sv, 360 px)' });
    await assertNoHorizontalScroll(applicant, 'application form');
    const privacy = applicant.getByRole('link', { name: 'Läs dataskyddsbeskrivningen' });
    assert.equal(await privacy.getAttribute('href'), ORG.privacyUrl);
    // The question in Swedish, marked as required.
    const question = applicant.locator('label[for="f-answer-0"]');
    assert.equal((await question.innerText()).trim(), `${AD.questionSv} (obligatoriskt)`);
    assert.match(await field(applicant, 'answer-0').getAttribute('name'), /^q-.+/);
    assert.equal(await field(applicant, 'website').getAttribute('tabindex'), '-1', 'honeypot out of the tab order');

    // Everything but the consent: refused, the error at the checkbox, the typed text kept.
    await fill(applicant, {
      first_name: APPLICANT.firstName,
      last_name: APPLICANT.lastName,
      email: APPLICANT.email,
      'answer-0': APPLICANT.answer,
      cover_letter: APPLICANT.coverLetter,
    });
    const send = () => submit(applicant, button(applicant, 'Skicka ansökan'));
    let res = await send();
    assert.ok(res.status() >= 400 && res.status() < 500, `no consent answered ${res.status()}`);
    const afterPost = new RegExp(`^${applyPath}\\?csrf=[\\w-]+$`);
    await expectPage(applicant, { path: afterPost, lang: 'sv', h1: applyTitle, label: 'application form without consent (sv)' });
    const consentError = 'Kryssa i rutan för att ge ditt samtycke, annars kan ansökan inte behandlas.';
    assert.equal((await applicant.locator('#f-consent-error').innerText()).trim(), consentError);
    assert.match(await applicant.locator('.error-summary').innerText(), /Kryssa i rutan för att ge ditt samtycke/);
    assert.equal(await field(applicant, 'consent').getAttribute('aria-invalid'), 'true');
    assert.equal(await field(applicant, 'consent').isChecked(), false);
    assert.equal(await field(applicant, 'first_name').inputValue(), APPLICANT.firstName, 'first name kept');
    assert.equal(await field(applicant, 'last_name').inputValue(), APPLICANT.lastName, 'last name kept');
    assert.equal(await field(applicant, 'email').inputValue(), APPLICANT.email, 'e-mail kept');
    assert.equal(await field(applicant, 'answer-0').inputValue(), APPLICANT.answer, 'answer kept');
    assert.equal(await field(applicant, 'cover_letter').inputValue(), APPLICANT.coverLetter, 'cover letter kept');
    assert.equal(await field(applicant, 'website').inputValue(), '', 'honeypot still empty');
    await assertNoHorizontalScroll(applicant, 'application form with an error');

    // With consent and a CV (a file cannot be kept by the browser, so it is chosen now).
    await field(applicant, 'consent').check();
    await field(applicant, 'cv').setInputFiles({ name: 'cv-saga-lindqvist.pdf', mimeType: 'application/pdf', buffer: CV_PDF });
    res = await send();
    assert.equal(res.status(), 200);
    await expectPage(applicant, { path: afterPost, lang: 'sv', h1: applyTitle, label: 'application sent (sv)' });
    const thanks = await notice(applicant).innerText();
    assert.match(thanks, /Tack, din ansökan har tagits emot\./);
    assert.match(thanks, /Din ansökans referens är H-[A-Z2-9]{6}\./);
    assert.match(thanks, /Vi skickade en bekräftelse till din e-postadress\./);
    reference = thanks.match(REFERENCE)[1];
    assert.equal(await applicant.locator('.error-summary').count(), 0);
    assert.equal(await applicant.locator('form').filter({ has: button(applicant, 'Skicka ansökan') }).count(), 0, 'no form after sending');
    assert.equal(await applicant.getByRole('link', { name: 'Tillbaka till jobbannonsen' }).getAttribute('href'), adPath);
    await assertNoHorizontalScroll(applicant, 'application sent');
  });

  test('4. the recruiter moves the application through the stages, rates it and notes it', async () => {
    const listPath = `/orgs/${ORG.slug}/recruitment/ads/${adId}/applications`;
    await visit(recruiter, listPath, { lang: 'fi', h1: ORG.name, label: 'applications of the ad' });
    assert.equal((await recruiter.locator('main h2').innerText()).trim(), `Hakemukset: ${AD.titleFi}`);
    assert.equal((await recruiter.locator('#applications-caption').innerText()).trim(), 'Hakemuksia: 1');
    const row = recruiter.locator('main table tbody tr');
    assert.equal(await row.count(), 1);
    const applicantName = `${APPLICANT.firstName} ${APPLICANT.lastName}`;
    assert.equal((await row.locator('th').innerText()).trim(), `${applicantName} ${reference}`);
    const cells = async () => (await row.locator('td').allInnerTexts()).map((t) => t.trim());
    let [stage, rating, , files, answer] = await cells();
    assert.equal(stage, 'Saapunut');
    assert.equal(rating, '–');
    assert.equal(files, '1', 'the CV is there');
    assert.equal(answer, APPLICANT.answer, 'the answer in its question column');
    assert.equal((await recruiter.locator('main table thead th').last().innerText()).trim(), AD.questionFi, 'question in the recruiter\'s language');

    await submit(recruiter, row.getByRole('link', { name: applicantName }));
    const appPath = new URL(recruiter.url()).pathname;
    assert.match(appPath, new RegExp(`^/orgs/${ORG.slug}/recruitment/applications/[\\w-]+$`));
    await expectPage(recruiter, { path: appPath, lang: 'fi', h1: ORG.name, label: 'application page' });
    assert.equal((await recruiter.locator('main h2').first().innerText()).trim(), `${applicantName} ${reference}`);
    assert.equal(await fact(recruiter, 'Vaihe'), 'Saapunut');
    assert.equal(await fact(recruiter, 'Sähköpostiosoite'), APPLICANT.email);
    assert.equal(await fact(recruiter, 'Kieli'), 'svenska', 'the applicant\'s language by its own name');
    assert.equal((await recruiter.locator('main h3', { hasText: AD.questionFi }).locator('xpath=following-sibling::pre[1]').innerText()), APPLICANT.answer);
    const cv = recruiter.getByRole('link', { name: 'cv-saga-lindqvist.pdf' });
    assert.match(await cv.getAttribute('href'), new RegExp(`^${appPath}/files/[\\w-]+$`));

    // Each move is its own form post; the page comes back with the new stage.
    for (const [id, name] of [['screening', 'Esikarsinta'], ['interview', 'Haastattelu'], ['final', 'Loppuvaihe']]) {
      await field(recruiter, 'stage').selectOption(id);
      await submit(recruiter, button(recruiter, 'Siirrä'));
      await expectPage(recruiter, { path: appPath, lang: 'fi', label: `application moved to ${id}` });
      assert.equal(await notice(recruiter).innerText(), 'Muutokset on tallennettu.');
      assert.equal(await fact(recruiter, 'Vaihe'), name);
    }

    await field(recruiter, 'rating').selectOption('4');
    await submit(recruiter, button(recruiter, 'Arvioi'));
    await expectPage(recruiter, { path: appPath, label: 'application rated' });
    assert.equal(await fact(recruiter, 'Arvio'), '4 / 5');

    await field(recruiter, 'note').fill(NOTE);
    await submit(recruiter, button(recruiter, 'Tallenna muistiinpano'));
    await expectPage(recruiter, { path: appPath, label: 'application with a note' });
    assert.equal(await notice(recruiter).innerText(), 'Muistiinpano tallennettu.');
    assert.equal(await field(recruiter, 'note').inputValue(), '', 'the note box is empty again');

    // The history tells the whole way in order (ids are time-ordered), with who did what;
    // the time stamp at the head of each entry is left out.
    const history = await recruiter.locator('main ol.conversation > li').evaluateAll((items) =>
      items.map((li) => ({
        head: li.querySelector('.message-head').textContent.replace(/\s+/g, ' ').trim().replace(/^[^·]*· /, ''),
        body: li.querySelector('pre.mail')?.textContent ?? '',
      })),
    );
    const byRecruiter = (kind, body) => ({ head: `${kind} · ${RECRUITER.name}`, body });
    assert.deepEqual(history, [
      { head: 'Hakemus vastaanotettu', body: '' },
      byRecruiter('Siirretty vaiheeseen', 'Esikarsinta'),
      byRecruiter('Siirretty vaiheeseen', 'Haastattelu'),
      byRecruiter('Siirretty vaiheeseen', 'Loppuvaihe'),
      byRecruiter('Arvioitu', '4'),
      byRecruiter('Muistiinpano', NOTE),
    ]);

    // Back in the list: the final stage and the rating.
    await submit(recruiter, recruiter.getByRole('link', { name: `Hakemukset: ${AD.titleFi}`, exact: true }));
    await expectPage(recruiter, { path: listPath, lang: 'fi', label: 'applications after the review' });
    [stage, rating] = await cells();
    assert.equal(stage, 'Loppuvaihe');
    assert.equal(rating, '4 / 5');
  });
});
