// The service desk in a real browser: a citizen's contact form on a phone (Finnish and
// Swedish), an adviser's queue and ticket page (note, public reply, the citizen's mailed
// answer reopening the ticket) and the desk pages at 360 px. One server for the whole file;
// the data is made with the CLI, and the tests run in order and build on each other's data.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkA11y, launchBrowser, startTupa } from '../lib/harness.js';
import { expectPage, pathOf } from '../lib/pages.js';

const ORG = { slug: 'espoo', name: 'Espoon kaupunki', privacyUrl: 'https://espoo.test/tietosuoja' };
const DESK_ADDRESS = 'neuvonta@espoo.test';
const ADVISER = { name: 'Antti Neuvoja', email: 'antti@espoo.test', password: 'neuvojan-hyvä-salasana' };
const MAIN_ADMIN = { email: 'paakayttaja@espoo.test', password: 'pääkäyttäjän-salasana-1' };
const CITIZEN = {
  name: 'Liisa Kuntalainen',
  badEmail: 'liisa.kuntalainen(at)example.fi',
  email: 'liisa.kuntalainen@example.fi',
  subject: 'Kirjastokortin uusiminen',
  message: 'Hei!\n\nKadotin kirjastokorttini. Miten saan uuden kortin ja paljonko se maksaa?\n\nTerveisin Liisa',
};
const MEDBORGARE = {
  name: 'Sven Åberg',
  badEmail: 'sven.aberg@',
  email: 'sven.aberg@example.fi',
  subject: 'Simhallens öppettider',
  message: 'Hej!\n\nNär är simhallen öppen under påsken?\n\nMed vänlig hälsning, Sven',
};
const NOTE = 'Kortin uusiminen maksaa 3 euroa; tarkistettu kirjaston hinnastosta.';
const REPLY = 'Hei Liisa,\n\nuuden kortin saa mistä tahansa kirjastosta henkilöllisyystodistusta vastaan. Uusiminen maksaa 3 euroa.';
const CITIZEN_ANSWER = 'Kiitos! Käyn huomenna pääkirjastossa. Kelpaako ajokortti henkilöllisyystodistukseksi?';

const CASE_NUMBER = /\b(\d{4}-\d{8})\b/;

let tupa;
let browser;
const contexts = [];
let adviser; // the adviser's page, desktop, Finnish browser
let fiCase; // case numbers given by the contact form
let svCase;

// ---- helpers ----

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

const field = (page, name) => page.locator(`#f-${name}`);
const button = (page, name) => page.getByRole('button', { name, exact: true });
const notice = (page) => page.locator('main .notice[role=status]');
const tabs = (page) => page.getByRole('navigation', { name: /Organisaation osiot|Organisationens avsnitt|Organisation sections/ });

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

// An adviser has no second factor: password only, landing on the front page.
async function signIn(page, { email, password }) {
  await visit(page, '/sign-in', { lang: 'fi', h1: 'Kirjaudu sisään', label: 'sign-in page' });
  await fill(page, { email, password });
  await submit(page, page.locator('main form[action="/sign-in"] button[type=submit]'));
  assert.equal(pathOf(page), '/');
}

// The value next to a term in the ticket's facts.
async function fact(page, term) {
  const dd = page.locator('dl.ticket-facts dt', { hasText: new RegExp(`^${term}$`) }).locator('xpath=following-sibling::dd[1]');
  return (await dd.innerText()).trim();
}

// The conversation as "kind: first line of the text" entries, in order.
async function conversation(page) {
  return page.locator('main ol.conversation > li.message').evaluateAll((items) =>
    items.map((li) => ({
      kind: [...li.classList].find((c) => c.startsWith('message-'))?.slice('message-'.length),
      head: li.querySelector('.message-head').textContent.replace(/\s+/g, ' ').trim(),
      body: li.querySelector('.mail').textContent,
    })),
  );
}

// The case numbers in the queue table, in order.
async function queueCases(page) {
  return page.locator('main table tbody tr td:first-child a').allInnerTexts();
}

// The address of the contact form after posting it (the token travels in the query).
const afterPost = (path) => new RegExp(`^${path}\\?csrf=[\\w-]+$`);

// A citizen fills in and sends the contact form; returns the response.
async function sendContact(page, person, email) {
  await fill(page, { name: person.name, email, subject: person.subject, message: person.message });
  // The form posts files, so its CSRF token rides in the address (?csrf=…).
  return submit(page, page.locator(`main form[action^="/contact/${ORG.slug}?csrf="] button[type=submit]`));
}

// ---- the tests ----

describe('service desk in the browser', () => {
  before(async () => {
    tupa = await startTupa();
    browser = await launchBrowser();

    await cli(['setup', '--operator-name', 'Tupa-palvelu', '--admin-email', 'yllapito@tupa.example', '--admin-name', 'Ylläpito', '--password-stdin'], 'ylläpidon-salasana-1');
    await cli(['org', 'create', '--slug', ORG.slug, '--name', ORG.name, '--plan', 'full']);
    await cli(['user', 'create', '--org', ORG.slug, '--email', ADVISER.email, '--name', ADVISER.name, '--role', 'adviser', '--password-stdin'], ADVISER.password);
    await cli(['desk', 'address', 'add', '--org', ORG.slug, '--address', DESK_ADDRESS]);

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

  test('1. a citizen on a phone sends the contact form in Finnish, after fixing the e-mail', async () => {
    const citizen = await phone('fi-FI');
    const path = `/contact/${ORG.slug}`;
    await visit(citizen, path, { lang: 'fi', h1: `Ota yhteyttä: ${ORG.name}`, label: 'contact form (fi, 360 px)' });
    await assertNoHorizontalScroll(citizen, 'contact form');
    // No sign-in, so no main menu.
    assert.equal(await citizen.getByRole('navigation', { name: 'Päävalikko' }).count(), 0);
    // Who handles the data, and where to read more.
    await citizen.getByText(`Tietojasi käsittelee rekisterinpitäjänä ${ORG.name}.`).waitFor({ state: 'visible' });
    const privacy = citizen.getByRole('link', { name: 'Lue tietosuojaseloste' });
    assert.ok(await privacy.isVisible(), 'privacy notice link visible');
    assert.equal(await privacy.getAttribute('href'), ORG.privacyUrl);
    // The honeypot is out of sight and out of the tab order.
    const trap = await field(citizen, 'website').boundingBox();
    assert.ok(!trap || trap.x + trap.width <= 0, `honeypot off screen, at ${JSON.stringify(trap)}`);
    assert.equal(await field(citizen, 'website').getAttribute('tabindex'), '-1');

    // A mistyped address: the message is kept, the error is at the field.
    let res = await sendContact(citizen, CITIZEN, CITIZEN.badEmail);
    assert.ok(res.status() >= 400 && res.status() < 500, `bad e-mail answered ${res.status()}`);
    await expectPage(citizen, { path: afterPost(path), lang: 'fi', h1: `Ota yhteyttä: ${ORG.name}`, label: 'contact form with a bad e-mail (fi)' });
    const summary = citizen.locator('.error-summary');
    assert.equal(await summary.getAttribute('role'), 'alert');
    assert.match(await summary.innerText(), /Korjaa seuraavat kohdat/);
    assert.match(await summary.innerText(), /Anna kelvollinen sähköpostiosoite/);
    assert.equal(await summary.getByRole('link').getAttribute('href'), '#f-email');
    assert.match(await citizen.locator('#f-email-error').innerText(), /^Anna kelvollinen sähköpostiosoite/);
    assert.equal(await field(citizen, 'email').getAttribute('aria-invalid'), 'true');
    assert.match(await field(citizen, 'email').getAttribute('aria-describedby'), /(^| )f-email-error( |$)/);
    assert.equal(await citizen.evaluate(() => document.activeElement?.className), 'error-summary', 'focus on the summary');
    assert.equal(await field(citizen, 'email').inputValue(), CITIZEN.badEmail, 'the typed address is shown to fix');
    assert.equal(await field(citizen, 'message').inputValue(), CITIZEN.message, 'message kept');
    assert.equal(await field(citizen, 'name').inputValue(), CITIZEN.name, 'name kept');
    assert.equal(await field(citizen, 'subject').inputValue(), CITIZEN.subject, 'subject kept');
    assert.equal(await field(citizen, 'website').inputValue(), '', 'honeypot still empty');
    await assertNoHorizontalScroll(citizen, 'contact form with an error');

    await field(citizen, 'email').fill(CITIZEN.email);
    res = await submit(citizen, citizen.locator(`main form[action^="${path}?csrf="] button[type=submit]`));
    assert.equal(res.status(), 200);
    await expectPage(citizen, { path: afterPost(path), lang: 'fi', label: 'contact form sent (fi)' });
    const thanks = await notice(citizen).innerText();
    assert.match(thanks, /Kiitos, viestisi on vastaanotettu\./);
    assert.match(thanks, /Asianumerosi on \d{4}-\d{8}\./);
    assert.match(thanks, /Lähetimme vahvistuksen myös sähköpostiisi/);
    fiCase = thanks.match(CASE_NUMBER)[1];
    assert.equal(fiCase.slice(0, 4), String(new Date().getFullYear()), 'case number starts with the year');
    assert.equal(await citizen.locator('.error-summary').count(), 0);
    await citizen.getByRole('link', { name: 'Lähetä uusi viesti' }).waitFor();
    await assertNoHorizontalScroll(citizen, 'contact form sent');
  });

  test('2. the same in Swedish: the page speaks Swedish throughout', async () => {
    const medborgare = await phone('sv-FI');
    const path = `/contact/${ORG.slug}`;
    await visit(medborgare, path, { lang: 'sv', h1: `Kontakta ${ORG.name}`, label: 'contact form (sv, 360 px)' });
    await assertNoHorizontalScroll(medborgare, 'contact form (sv)');
    await medborgare.getByText(`Dina uppgifter behandlas av ${ORG.name} som personuppgiftsansvarig.`).waitFor({ state: 'visible' });
    const privacy = medborgare.getByRole('link', { name: 'Läs dataskyddsbeskrivningen' });
    assert.ok(await privacy.isVisible(), 'privacy notice link visible');
    assert.equal(await privacy.getAttribute('href'), ORG.privacyUrl);
    assert.equal(await medborgare.getByLabel('Ämne (frivilligt)').count(), 1);
    assert.equal(await button(medborgare, 'Skicka meddelandet').count(), 1);

    let res = await sendContact(medborgare, MEDBORGARE, MEDBORGARE.badEmail);
    assert.ok(res.status() >= 400 && res.status() < 500, `bad e-mail answered ${res.status()}`);
    await expectPage(medborgare, { path: afterPost(path), lang: 'sv', h1: `Kontakta ${ORG.name}`, label: 'contact form with a bad e-mail (sv)' });
    assert.match(await medborgare.locator('.error-summary').innerText(), /Rätta följande[\s\S]*Ange en giltig e-postadress/);
    assert.match(await medborgare.locator('#f-email-error').innerText(), /^Ange en giltig e-postadress/);
    assert.equal(await field(medborgare, 'message').inputValue(), MEDBORGARE.message, 'message kept');
    await assertNoHorizontalScroll(medborgare, 'contact form with an error (sv)');

    await field(medborgare, 'email').fill(MEDBORGARE.email);
    res = await submit(medborgare, button(medborgare, 'Skicka meddelandet'));
    assert.equal(res.status(), 200);
    await expectPage(medborgare, { path: afterPost(path), lang: 'sv', label: 'contact form sent (sv)' });
    const thanks = await notice(medborgare).innerText();
    assert.match(thanks, /Tack, ditt meddelande har tagits emot\./);
    assert.match(thanks, /Ditt ärendenummer är \d{4}-\d{8}\./);
    assert.match(thanks, /Vi skickade också en bekräftelse/);
    svCase = thanks.match(CASE_NUMBER)[1];
    assert.notEqual(svCase, fiCase, 'each contact has its own case number');
    await assertNoHorizontalScroll(medborgare, 'contact form sent (sv)');

    // A robot that fills in the hidden field is thanked but makes no ticket (test 3 counts them).
    await submit(medborgare, medborgare.getByRole('link', { name: 'Skicka ett nytt meddelande' }));
    await expectPage(medborgare, { path, lang: 'sv', label: 'a new contact form (sv)' });
    assert.equal(await field(medborgare, 'message').inputValue(), '', 'a fresh form');
    await field(medborgare, 'website').fill('https://spam.example');
    res = await sendContact(medborgare, { ...MEDBORGARE, subject: 'Billiga klockor' }, 'robot@spam.example');
    assert.equal(res.status(), 200);
    await expectPage(medborgare, { path: afterPost(path), lang: 'sv', label: 'honeypot filled (sv)' });
    const robotThanks = await notice(medborgare).innerText();
    assert.match(robotThanks, /Tack, ditt meddelande har tagits emot\./);
    assert.doesNotMatch(robotThanks, CASE_NUMBER, 'no case number for a robot');
  });

  test('3. an adviser finds the ticket, adds a note and replies; the citizen mails back', async () => {
    adviser = await newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(adviser, ADVISER);
    await visit(adviser, `/orgs/${ORG.slug}`, { lang: 'fi', h1: ORG.name, label: 'organisation overview (adviser)' });
    await submit(adviser, tabs(adviser).getByRole('link', { name: 'Asiakaspalvelu', exact: true }));
    const queuePath = `/orgs/${ORG.slug}/desk`;
    await expectPage(adviser, { path: queuePath, lang: 'fi', h1: ORG.name, label: 'desk queue' });
    assert.equal(await tabs(adviser).getByRole('link', { name: 'Asiakaspalvelu' }).getAttribute('aria-current'), 'page');
    await adviser.getByRole('heading', { level: 2, name: 'Työjono' }).waitFor();
    assert.deepEqual((await queueCases(adviser)).sort(), [fiCase, svCase].sort(), 'both new tickets in the queue');
    const fiRow = adviser.locator('main table tbody tr', { hasText: fiCase });
    assert.match(await fiRow.innerText(), new RegExp(`${CITIZEN.subject}[\\s\\S]*${CITIZEN.name}[\\s\\S]*${CITIZEN.email}[\\s\\S]*Uusi`));

    // The search box: by a word of the message, and by the case number.
    await field(adviser, 'q').fill('kirjastokortti');
    await submit(adviser, button(adviser, 'Näytä'));
    await expectPage(adviser, { path: queuePath, label: 'desk queue searched by a word' });
    assert.match(pathOf(adviser), /[?&]q=kirjastokortti(&|$)/);
    assert.equal(await field(adviser, 'q').inputValue(), 'kirjastokortti', 'search kept in the box');
    assert.deepEqual(await queueCases(adviser), [fiCase]);

    await field(adviser, 'q').fill(svCase);
    await submit(adviser, button(adviser, 'Näytä'));
    await expectPage(adviser, { path: queuePath, label: 'desk queue searched by case number' });
    assert.deepEqual(await queueCases(adviser), [svCase]);

    await field(adviser, 'q').fill('ei-tällaista-sanaa');
    await submit(adviser, button(adviser, 'Näytä'));
    await expectPage(adviser, { path: queuePath, label: 'desk queue with no hits' });
    await adviser.getByText('Ei hakua vastaavia tikettejä.').waitFor();

    await field(adviser, 'q').fill(CITIZEN.subject);
    await submit(adviser, button(adviser, 'Näytä'));
    assert.deepEqual(await queueCases(adviser), [fiCase]);
    await submit(adviser, adviser.getByRole('link', { name: fiCase, exact: true }));
    const ticketPath = `/orgs/${ORG.slug}/desk/${fiCase}`;
    await expectPage(adviser, { path: ticketPath, lang: 'fi', h1: ORG.name, label: 'ticket page' });
    assert.match(await adviser.locator('main h2').first().innerText(), new RegExp(`^${CITIZEN.subject}\\s+${fiCase}$`));
    assert.match(await fact(adviser, 'Asiakas'), new RegExp(`^${CITIZEN.name}, ${CITIZEN.email}`));
    assert.match(await fact(adviser, 'Tila'), /^Uusi\b/);
    // The citizen's message and the acknowledgement mailed back (enqueued in the outbox with it).
    let messages = await conversation(adviser);
    assert.deepEqual(messages.map((m) => m.kind), ['incoming', 'acknowledgement']);
    assert.equal(messages[0].body, CITIZEN.message);
    assert.match(messages[0].head, new RegExp(`^${CITIZEN.name} Viesti`));
    assert.match(messages[1].head, new RegExp(`^${DESK_ADDRESS} Automaattinen vastaanottokuittaus`));
    assert.match(messages[1].body, new RegExp(fiCase));

    // An empty reply is refused with an error at the text box.
    let res = await submit(adviser, button(adviser, 'Lähetä'));
    assert.ok(res.status() >= 400 && res.status() < 500, `empty reply answered ${res.status()}`);
    await expectPage(adviser, { path: /\/reply(\?csrf=[^&]+)?$/, label: 'ticket page with an empty reply' });
    assert.match(await adviser.locator('.error-summary').innerText(), /Kirjoita ensin viesti\./);
    assert.equal(await adviser.locator('.error-summary').getByRole('link').getAttribute('href'), '#f-body');
    assert.equal(await adviser.locator('#f-body-error').innerText(), 'Kirjoita ensin viesti.');
    assert.equal(await field(adviser, 'body').getAttribute('aria-invalid'), 'true');
    assert.equal((await conversation(adviser)).length, 2, 'nothing added');

    // An internal note.
    await visit(adviser, ticketPath, { label: 'ticket page again' });
    await adviser.getByLabel('Sisäinen muistiinpano (ei lähetetä)').check();
    await field(adviser, 'body').fill(NOTE);
    await submit(adviser, button(adviser, 'Lähetä'));
    await expectPage(adviser, { path: ticketPath, label: 'ticket page after a note' });
    assert.equal(pathOf(adviser), `${ticketPath}?notice=note-saved`);
    assert.equal(await notice(adviser).innerText(), 'Muistiinpano tallennettu.');
    assert.match(await fact(adviser, 'Tila'), /^Uusi\b/, 'a note does not change the status');
    messages = await conversation(adviser);
    assert.deepEqual(messages.map((m) => m.kind), ['incoming', 'acknowledgement', 'note']);
    assert.equal(messages[2].body, NOTE);
    assert.match(messages[2].head, new RegExp(`^${ADVISER.name} Sisäinen muistiinpano`));
    assert.equal(await field(adviser, 'body').inputValue(), '', 'reply box empty again');

    // A public reply, leaving the ticket waiting for the customer.
    await adviser.getByLabel(`Vastaus asiakkaalle (${CITIZEN.email})`).check();
    await field(adviser, 'body').fill(REPLY);
    await field(adviser, 'status').selectOption('waiting');
    await submit(adviser, button(adviser, 'Lähetä'));
    await expectPage(adviser, { path: ticketPath, label: 'ticket page after a reply' });
    assert.equal(pathOf(adviser), `${ticketPath}?notice=reply-sent`);
    assert.equal(await notice(adviser).innerText(), 'Vastaus lähetetty.');
    assert.match(await fact(adviser, 'Tila'), /^Odottaa asiakasta\b/);
    // The first-response target, if the plan sets one, is now met.
    if (await adviser.locator('dl.ticket-facts dt', { hasText: 'Ensimmäinen vastaus viimeistään' }).count()) {
      assert.match(await fact(adviser, 'Ensimmäinen vastaus viimeistään'), /\(vastattu /);
    }
    messages = await conversation(adviser);
    assert.deepEqual(messages.map((m) => m.kind), ['incoming', 'acknowledgement', 'note', 'reply']);
    assert.equal(messages[2].body, NOTE);
    assert.ok(messages[3].body.startsWith(REPLY), `reply text shown:\n${messages[3].body}`);
    assert.match(messages[3].head, new RegExp(`^${ADVISER.name} Vastaus`));

    // The queue shows the new status too.
    await visit(adviser, `${queuePath}?status=waiting`, { label: 'desk queue, waiting tickets' });
    assert.deepEqual(await queueCases(adviser), [fiCase]);
    assert.match(await adviser.locator('main table tbody tr', { hasText: fiCase }).innerText(), /Odottaa asiakasta/);

    // The citizen answers the reply by mail; the case tag in the subject threads it.
    const mail = [
      `From: ${CITIZEN.name} <${CITIZEN.email}>`,
      `To: Espoon neuvonta <${DESK_ADDRESS}>`,
      `Subject: Re: [Tupa #${fiCase}] Re: ${CITIZEN.subject}`,
      `Date: ${new Date().toUTCString().replace('GMT', '+0000')}`,
      `Message-ID: <vastaus-${Date.now()}@example.fi>`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      CITIZEN_ANSWER,
      '',
      '> Uusiminen maksaa 3 euroa.',
      '',
    ].join('\r\n');
    const ingested = await cli(['mail', 'ingest', '--recipient', DESK_ADDRESS], mail);
    assert.equal(ingested, fiCase, 'the mail joined the existing ticket');

    await visit(adviser, ticketPath, { label: 'ticket page after the citizen mailed back' });
    assert.match(await fact(adviser, 'Tila'), /^Avoin\b/, 'the customer reply reopens the ticket');
    messages = await conversation(adviser);
    assert.deepEqual(messages.map((m) => m.kind), ['incoming', 'acknowledgement', 'note', 'reply', 'incoming']);
    assert.match(messages[4].body, new RegExp(CITIZEN_ANSWER.replace(/[?.]/g, '\\$&')));
    assert.match(messages[4].head, new RegExp(`^${CITIZEN.name} Viesti`));
  });

  test('4. at 360 px the queue and the ticket page fit without horizontal scrolling', async () => {
    const mobile = await phone('fi-FI');
    await signIn(mobile, ADVISER);
    await assertNoHorizontalScroll(mobile, 'front page');

    const queuePath = `/orgs/${ORG.slug}/desk`;
    await visit(mobile, queuePath, { lang: 'fi', h1: ORG.name, label: 'desk queue at 360 px' });
    assert.deepEqual((await queueCases(mobile)).sort(), [fiCase, svCase].sort());
    await assertNoHorizontalScroll(mobile, 'desk queue');
    // Each ticket is a card as wide as the phone: nothing scrolls sideways, not even the table.
    const table = mobile.getByRole('region', { name: 'Työjono' });
    assert.equal(await table.evaluate((el) => el.scrollWidth - el.clientWidth), 0, 'the table fits the phone');
    // The filters are folded away behind one button until asked for.
    assert.equal(await mobile.locator('details.filters-fold').getAttribute('open'), null, 'filters folded');
    await mobile.locator('details.filters-fold > summary').click();
    // Case numbers stay on one line.
    const link = mobile.getByRole('link', { name: fiCase, exact: true });
    const lineHeight = await link.evaluate((a) => parseFloat(getComputedStyle(a).lineHeight) || 24);
    assert.ok((await link.boundingBox()).height < 1.5 * lineHeight, 'case number on one line');
    await field(mobile, 'q').fill('simhallen');
    await submit(mobile, button(mobile, 'Näytä'));
    await expectPage(mobile, { path: queuePath, label: 'desk queue searched at 360 px' });
    assert.deepEqual(await queueCases(mobile), [svCase]);
    await assertNoHorizontalScroll(mobile, 'desk queue searched');

    // The Finnish ticket has the longest conversation; the Swedish one a Swedish requester.
    const ticketPath = `/orgs/${ORG.slug}/desk/${fiCase}`;
    await visit(mobile, ticketPath, { lang: 'fi', h1: ORG.name, label: 'ticket page at 360 px' });
    assert.equal((await conversation(mobile)).length, 5);
    await assertNoHorizontalScroll(mobile, 'ticket page');
    // Each label of the status form stays on the line of its own control.
    for (const id of ['change-status', 'change-priority']) {
      const label = await mobile.locator(`label[for=${id}]`).boundingBox();
      const control = await mobile.locator(`#${id}`).boundingBox();
      const overlap = Math.min(label.y + label.height, control.y + control.height) - Math.max(label.y, control.y);
      assert.ok(overlap > 0, `label of #${id} on the same line as the control: ${JSON.stringify({ label, control })}`);
    }

    await submit(mobile, button(mobile, 'Lähetä'));
    await expectPage(mobile, { path: /\/reply(\?csrf=[^&]+)?$/, label: 'ticket page with an empty reply at 360 px' });
    await mobile.locator('#f-body-error').waitFor();
    await assertNoHorizontalScroll(mobile, 'ticket page with an error');

    await visit(mobile, `/orgs/${ORG.slug}/desk/${svCase}`, { lang: 'fi', h1: ORG.name, label: 'Swedish ticket at 360 px' });
    assert.match(await fact(mobile, 'Asiakas'), new RegExp(`^${MEDBORGARE.name}, ${MEDBORGARE.email}\\s+svenska$`), 'the customer\'s language by its own name');
    await assertNoHorizontalScroll(mobile, 'Swedish ticket');

    // A long address (a real one from a municipality's shared mailbox) wraps instead of
    // pushing the page sideways.
    const longFrom = 'kaupunkiympariston.toimiala.rakennusvalvonta.asiakaspalvelu@kaupunkiymparisto-esimerkki.fi';
    const longCase = await cli(['mail', 'ingest', '--recipient', DESK_ADDRESS],
      `From: ${longFrom}\r\nTo: ${DESK_ADDRESS}\r\nSubject: Pitkä osoite\r\nMessage-ID: <pitka-${Date.now()}@example.fi>\r\n\r\nHei\r\n`);
    await visit(mobile, `/orgs/${ORG.slug}/desk/${longCase.trim()}`, { lang: 'fi', h1: ORG.name, label: 'ticket with a long address at 360 px' });
    await assertNoHorizontalScroll(mobile, 'ticket with a long address');
  });

  test('5. the queue updates itself when mail arrives, and a ticket page says who else has it open', async () => {
    const queuePath = `/orgs/${ORG.slug}/desk`;
    await visit(adviser, queuePath, { label: 'desk queue before live update' });
    // A second adviser session opens the Finnish ticket: the first adviser's ticket page shows it.
    const colleague = await newPage();
    await signIn(colleague, ADVISER);
    const mail = `From: live@example.fi\r\nTo: ${DESK_ADDRESS}\r\nSubject: Elävä päivitys\r\nMessage-ID: <live-${Date.now()}@example.fi>\r\n\r\nHei\r\n`;
    const liveCase = await cli(['mail', 'ingest', '--recipient', DESK_ADDRESS], mail);
    // No reload: the table gains the new case number by itself.
    await adviser.locator(`#queue-results a:has-text("${liveCase}")`).waitFor({ timeout: 10000 });
    assert.equal(await adviser.locator('#live-status').innerText(), 'Jono päivittyi.');
    await checkA11y(adviser, 'desk queue after a live update');

    await visit(adviser, `/orgs/${ORG.slug}/desk/${liveCase}`, { label: 'ticket page with live updates' });
    await colleague.goto(`${tupa.baseUrl}/orgs/${ORG.slug}/desk/${liveCase}`);
    // The same person in two sessions is not "someone else": the viewers line stays empty...
    await adviser.waitForTimeout(1000);
    assert.equal(await adviser.locator('#viewers').innerText(), '');
    // ...but a change made elsewhere is announced on the open page.
    await cli(['mail', 'ingest', '--recipient', DESK_ADDRESS], mail.replace('Subject: Elävä päivitys', `Subject: Re: [Tupa #${liveCase}]`).replace('Message-ID: <live-', 'Message-ID: <live2-'));
    await adviser.locator('#ticket-changed').waitFor({ state: 'visible', timeout: 10000 });
    await checkA11y(adviser, 'ticket page announcing a change');
  });

  test('6. a main admin writes a canned answer; the adviser inserts it and resolves the ticket', async () => {
    const admin = await newPage();
    await signIn(admin, MAIN_ADMIN);
    await visit(admin, `/orgs/${ORG.slug}/desk/settings`, { lang: 'fi', h1: ORG.name, label: 'desk settings' });
    await admin.locator('details', { hasText: 'Lisää vakiovastaus' }).locator('summary').click();
    await admin.locator('#c-new-title').fill('Kiitos yhteydenotosta');
    await admin.locator('#c-new-fi').fill('Hei {requester_name}, asianne {case_number} on käsitelty. Terveisin {agent_name}');
    await admin.locator('#c-new-sv').fill('Hej {requester_name}, ärende {case_number} är behandlat. Hälsningar {agent_name}');
    await submit(admin, admin.locator('form[action$="/desk/canned"] button[type=submit]'));
    await expectPage(admin, { path: `/orgs/${ORG.slug}/desk/settings`, label: 'desk settings after adding a canned answer' });
    assert.equal(await notice(admin).innerText(), 'Muutokset on tallennettu.');

    // The adviser picks it on the Finnish citizen's ticket: filled in for that ticket.
    const ticketPath = `/orgs/${ORG.slug}/desk/${fiCase}`;
    await visit(adviser, ticketPath, { label: 'ticket before inserting a canned answer' });
    // What the adviser already typed stays: the answer goes in at the cursor, with no reload.
    await field(adviser, 'body').fill('Kiitos odottamisesta.');
    await adviser.locator('#f-canned').selectOption({ label: 'Kiitos yhteydenotosta' });
    await adviser.evaluate(() => { window.notReloaded = true; });
    await button(adviser, 'Lisää vastaukseen').click();
    await adviser.waitForFunction(() => document.querySelector('#f-body').value.includes('käsitelty'));
    assert.equal(await adviser.evaluate(() => window.notReloaded), true, 'inserted in place');
    const body = await field(adviser, 'body').inputValue();
    assert.equal(body, `Kiitos odottamisesta.\n\nHei ${CITIZEN.name}, asianne ${fiCase} on käsitelty. Terveisin ${ADVISER.name}`);
    assert.equal(await adviser.locator('#canned-status').innerText(), 'Vakiovastaus lisätty viestiin');
    assert.equal(await adviser.evaluate(() => document.activeElement.id), 'f-body', 'focus back in the reply box');
    await checkA11y(adviser, 'ticket with a canned answer in the reply box');
    await field(adviser, 'status').selectOption('resolved');
    await submit(adviser, button(adviser, 'Lähetä'));
    await expectPage(adviser, { path: ticketPath, label: 'ticket resolved' });
    assert.equal(await notice(adviser).innerText(), 'Vastaus lähetetty.');
    assert.match(await fact(adviser, 'Tila'), /^Ratkaistu/);
  });
});
