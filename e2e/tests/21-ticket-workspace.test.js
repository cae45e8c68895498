// The desk as an adviser's workspace (issue 12): the ticket page's conversation with the side
// panel beside it (1280 px) or below it (360 px), internal notes labelled in words, pictures
// inline, the customer's other tickets; the queue's skip link, folded filters and cards on a
// phone; single-key shortcuts that never fire while typing and can be turned off.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkA11y } from '../lib/harness.js';
import { mimeMail, png } from '../lib/mail.js';
import { assertNoHorizontalScroll, pathOf, signIn, submit } from '../lib/pages.js';
import { startSession } from '../lib/session.js';

const ORG = { slug: 'lahti', name: 'Lahden kaupunki' };
const DESK = 'neuvonta@lahti.test';
const ADVISER = { name: 'Sanna Neuvoja', email: 'sanna@lahti.test', password: 'sannan-pitkä-salasana-1' };
const CUSTOMER = { name: 'Matti Virtanen', email: 'matti.virtanen@example.fi' };
const NOTE = 'Tarkistin: katuvalojen korjaus on tilattu urakoitsijalta.';

let s; // the session: server, browser, helpers
let desktop; // the adviser at 1280 px
let earlier; // the customer's first ticket
let main; // the customer's second ticket, with a picture
let others = []; // two tickets from other people
const ticketPath = (c) => `/orgs/${ORG.slug}/desk/${c}`;
const queuePath = `/orgs/${ORG.slug}/desk`;

async function ingest(mail) {
  return (await s.cli(['mail', 'ingest', '--recipient', DESK], mail)).trim();
}

const activeId = (page) => page.evaluate(() => document.activeElement?.id ?? '');
const box = (page, selector) => page.locator(selector).first().boundingBox();

describe('the ticket page as a workspace, the queue on a phone, keyboard shortcuts', () => {
  before(async () => {
    s = await startSession();
    await s.cli(['setup', '--operator-name', 'Tupa-palvelu', '--admin-email', 'yllapito@tupa.example', '--admin-name', 'Ylläpito', '--password-stdin'], 'ylläpidon-salasana-1');
    await s.cli(['org', 'create', '--slug', ORG.slug, '--name', ORG.name, '--plan', 'full']);
    await s.cli(['user', 'create', '--org', ORG.slug, '--email', ADVISER.email, '--name', ADVISER.name, '--role', 'adviser', '--password-stdin'], ADVISER.password);
    await s.cli(['desk', 'address', 'add', '--org', ORG.slug, '--address', DESK]);
    const from = `${CUSTOMER.name} <${CUSTOMER.email}>`;
    earlier = await ingest(mimeMail({ from, to: DESK, subject: 'Pysäköintitunnus', text: 'Miten haen asukaspysäköintitunnusta?', messageId: `a-${Date.now()}@example.fi` }));
    for (const [i, who] of ['liisa@example.fi', 'pekka@example.fi'].entries()) {
      others.push(await ingest(mimeMail({ from: who, to: DESK, subject: `Kysymys ${i + 1}`, text: 'Hei', messageId: `o${i}-${Date.now()}@example.fi` })));
    }
    main = await ingest(mimeMail({
      from,
      to: DESK,
      subject: 'Rikkinäinen katuvalo',
      text: 'Hei!\n\nKatuvalo on ollut pimeänä viikon. Kuva liitteenä.\n\nMatti',
      messageId: `b-${Date.now()}@example.fi`,
      attachments: [
        { filename: 'katuvalo.png', contentType: 'image/png', bytes: png(160, 100, [120, 170, 220]) },
        { filename: 'kartta.pdf', contentType: 'application/pdf', bytes: Buffer.from('%PDF-1.4\n%%EOF\n') },
      ],
    }));
    desktop = await s.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(s, desktop, ADVISER);
  });
  after(() => s?.close());

  test('1. at 1280 px the side panel is beside the conversation; a note is labelled in words', async () => {
    await s.visit(desktop, ticketPath(main), { lang: 'fi', h1: ORG.name, label: 'ticket workspace (1280 px)' });
    const conversation = await box(desktop, '.ticket-main');
    const side = await box(desktop, '.ticket-side');
    assert.ok(side.x >= conversation.x + conversation.width, `side panel right of the conversation: ${JSON.stringify({ conversation, side })}`);
    assert.ok(Math.abs(side.y - conversation.y) < 50, 'side panel starts level with the conversation');
    assert.ok(conversation.width > 2 * side.width * 0.9, 'the conversation is the wide column');
    // The properties are in the panel: the status and its form.
    assert.equal(await desktop.locator('.ticket-side dl.ticket-facts').count(), 1);
    assert.equal(await desktop.locator('.ticket-side #change-status').count(), 1);
    // The case's actions are a bar above the conversation.
    const bar = desktop.getByRole('group', { name: 'Tiketin toiminnot' });
    for (const name of ['Työjonoon', 'Ota käsittelyyn', 'Vastaa', 'Muistiinpano']) {
      assert.equal(await bar.getByRole(name === 'Ota käsittelyyn' ? 'button' : 'link', { name, exact: true }).count(), 1, name);
    }
    assert.ok((await box(desktop, '.ticket-toolbar')).y < conversation.y, 'toolbar above the conversation');

    // Mail is read as text, not in small monospace boxes.
    const font = await desktop.locator('.message .mail').first().evaluate((el) => getComputedStyle(el).fontFamily);
    assert.doesNotMatch(font, /mono/i, `proportional text: ${font}`);
    // The picture is shown; the PDF is a link with its size.
    const img = desktop.locator('.file-image img');
    await img.waitFor();
    await desktop.waitForFunction(() => document.querySelector('.file-image img').complete);
    assert.equal(await img.evaluate((el) => el.naturalWidth), 160, 'the attached picture is drawn');
    assert.equal(await desktop.getByRole('link', { name: 'katuvalo.png' }).count(), 1, 'the picture is a link named by its file');
    assert.match(await desktop.locator('.files li', { hasText: 'kartta.pdf' }).innerText(), /kartta\.pdf \(application\/pdf, 1 KiB\)/);

    // The customer's other ticket is listed, and only theirs.
    const customer = desktop.getByRole('region', { name: 'Asiakkaan muut tiketit' });
    assert.deepEqual(await customer.getByRole('link').allInnerTexts(), [earlier]);
    assert.match(await customer.innerText(), /Pysäköintitunnus/);

    // An internal note: marked by words (kind and "not shown to the customer"), and by colour.
    await desktop.getByRole('link', { name: 'Muistiinpano', exact: true }).click();
    assert.equal(await activeId(desktop), 'f-body', 'the Note link puts the cursor in the box');
    assert.ok(await desktop.getByLabel('Sisäinen muistiinpano (ei lähetetä)').isChecked(), 'as a note');
    assert.equal(pathOf(desktop), ticketPath(main), 'no reload');
    await desktop.locator('#f-body').fill(NOTE);
    await submit(desktop, desktop.getByRole('button', { name: 'Lähetä', exact: true }));
    assert.equal(pathOf(desktop), `${ticketPath(main)}?notice=note-saved`);
    const note = desktop.locator('li.message-note');
    assert.match(await note.locator('.message-head').innerText(), new RegExp(`^${ADVISER.name}\\s+Sisäinen muistiinpano\\s+Ei näy asiakkaalle`));
    assert.equal(await note.locator('.mail').innerText(), NOTE);
    const incoming = desktop.locator('li.message-incoming').first();
    const bg = (l) => l.evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.notEqual(await bg(note), await bg(incoming), 'the note looks different too');
    await s.visit(desktop, ticketPath(main), { label: 'ticket workspace with a note (1280 px)' });
  });

  test('2. shortcuts on a ticket page: r and i open the reply box, never while typing; they can be turned off', async () => {
    await s.visit(desktop, ticketPath(main), { label: 'ticket page for shortcuts' });
    const shortcuts = desktop.locator('details.shortcuts');
    assert.ok(await shortcuts.isVisible(), 'the list of shortcuts is on the page');
    await desktop.locator('main h2').first().click(); // focus on nothing in particular
    await desktop.keyboard.press('r');
    assert.equal(await activeId(desktop), 'f-body', 'r: into the reply box');
    assert.ok(await desktop.getByLabel(`Vastaus asiakkaalle (${CUSTOMER.email})`).isChecked());
    // While typing, letters are letters.
    await desktop.keyboard.type('joo, kiitos ? n i');
    assert.equal(await desktop.locator('#f-body').inputValue(), 'joo, kiitos ? n i');
    assert.ok(await desktop.getByLabel(`Vastaus asiakkaalle (${CUSTOMER.email})`).isChecked(), 'i did not switch to a note');
    assert.equal(await shortcuts.getAttribute('open'), null, '? did not open the list');
    assert.equal(pathOf(desktop), ticketPath(main), 'n did not leave the page');

    await desktop.locator('main h2').first().click();
    await desktop.keyboard.press('i');
    assert.equal(await activeId(desktop), 'f-body', 'i: into the box');
    assert.ok(await desktop.getByLabel('Sisäinen muistiinpano (ei lähetetä)').isChecked(), 'i: as a note');
    assert.equal(await desktop.locator('#f-body').inputValue(), 'joo, kiitos ? n i', 'the text stays');
    // With a modifier the browser's own keys are left alone.
    await desktop.locator('main h2').first().click();
    await desktop.keyboard.press('Alt+r');
    assert.notEqual(await activeId(desktop), 'f-body', 'Alt+r is not a shortcut');

    await desktop.keyboard.press('?');
    assert.equal(await shortcuts.getAttribute('open'), '', '? opens the list');
    const list = await shortcuts.innerText();
    for (const line of [/n\s+Seuraava tiketti/, /r\s+Kirjoita vastaus asiakkaalle/, /i\s+Kirjoita sisäinen muistiinpano/]) assert.match(list, line);
    await checkA11y(desktop, 'ticket page with the shortcut list open');

    // Turned off (WCAG 2.1.4): kept in this browser, across pages.
    await desktop.getByLabel('Yhden näppäimen pikanäppäimet käytössä').uncheck();
    await s.visit(desktop, ticketPath(main), { label: 'ticket page, shortcuts off' });
    await desktop.locator('main h2').first().click();
    await desktop.keyboard.press('r');
    assert.notEqual(await activeId(desktop), 'f-body', 'r does nothing when turned off');
    await shortcuts.locator('summary').click();
    assert.equal(await desktop.locator('#shortcuts-on').isChecked(), false, 'the choice is remembered');
    await desktop.locator('#shortcuts-on').check();
    await desktop.locator('main h2').first().click();
    await desktop.keyboard.press('r');
    assert.equal(await activeId(desktop), 'f-body', 'on again');
  });

  test('3. the queue: the skip link reaches the results; j/k move, Enter opens, n goes to the next ticket', async () => {
    await s.visit(desktop, queuePath, { lang: 'fi', h1: ORG.name, label: 'queue (1280 px)' });
    // Filters are open on a wide screen.
    assert.equal(await desktop.locator('details.filters-fold').getAttribute('open'), '');
    const skip = desktop.getByRole('link', { name: 'Siirry tiketteihin' });
    await skip.focus();
    const at = await skip.boundingBox();
    assert.ok(at && at.width > 0 && at.y >= 0, 'the skip link shows when focused');
    await desktop.keyboard.press('Enter');
    assert.equal(await activeId(desktop), 'queue-results', 'focus on the results');

    const order = await desktop.locator('#queue-results tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.case));
    assert.equal(order.length, 4);
    const focusedCase = () => desktop.evaluate(() => document.activeElement?.closest('tr')?.dataset.case);
    await desktop.keyboard.press('j');
    assert.equal(await focusedCase(), order[0], 'j: the first ticket');
    await desktop.keyboard.press('j');
    await desktop.keyboard.press('j');
    assert.equal(await focusedCase(), order[2]);
    await desktop.keyboard.press('k');
    assert.equal(await focusedCase(), order[1], 'k: back one');
    assert.equal(await desktop.locator('tr.is-current').getAttribute('data-case'), order[1], 'the row is marked');

    // `/` goes to the search; typing there is typing.
    await desktop.keyboard.press('/');
    assert.equal(await activeId(desktop), 'f-q');
    await desktop.keyboard.type('jk');
    assert.equal(await desktop.locator('#f-q').inputValue(), 'jk');
    assert.equal(await desktop.locator('tr.is-current').getAttribute('data-case'), order[1], 'j and k typed, not moved');
    await desktop.locator('#f-q').fill('');

    await desktop.locator('#queue-results').focus();
    await desktop.keyboard.press('j');
    await desktop.keyboard.press('j');
    await Promise.all([desktop.waitForNavigation(), desktop.keyboard.press('Enter')]);
    assert.equal(pathOf(desktop), ticketPath(order[1]), 'Enter opens the ticket');
    // n: the next ticket of the queue the adviser came from.
    await Promise.all([desktop.waitForNavigation(), desktop.keyboard.press('n')]);
    assert.equal(pathOf(desktop), ticketPath(order[2]));
    // Its "back to the queue" link returns to the same queue.
    assert.equal(await desktop.getByRole('link', { name: 'Työjonoon' }).getAttribute('href'), queuePath);
  });

  test('4. at 360 px: filters fold away, tickets are cards near the top, nothing scrolls sideways', async () => {
    const phone = await s.newPhone();
    await signIn(s, phone, ADVISER);
    await s.visit(phone, queuePath, { lang: 'fi', h1: ORG.name, label: 'queue (360 px)' });
    await assertNoHorizontalScroll(phone, 'queue at 360 px');
    const fold = phone.locator('details.filters-fold');
    assert.equal(await fold.getAttribute('open'), null, 'filters folded behind one button');
    const first = await box(phone, '#queue-results tbody tr');
    const top = first.y + (await phone.evaluate(() => window.scrollY));
    assert.ok(top < 740, `first ticket card within the first screen: at ${top} px`);
    assert.ok(first.width <= 360 - 16, `a card fits the phone: ${first.width} px`);
    // A card reads as one: case number, subject, requester, then facts labelled on screen
    // (the header row is there for screen readers).
    const labels = await phone.locator('#queue-results tbody tr').first().locator('td').evaluateAll((cells) =>
      cells.map((td) => getComputedStyle(td, '::before').content));
    assert.deepEqual(labels.slice(3), ['"Tila: "', '"Käsittelijä: "', '"Tavoite: "', '"Päivitetty: "']);
    await fold.locator('summary').click();
    await phone.locator('#f-q').fill('katuvalo');
    await submit(phone, phone.getByRole('button', { name: 'Näytä', exact: true }));
    assert.equal(await fold.getAttribute('open'), '', 'an active filter keeps them open');
    assert.match(await fold.locator('summary').innerText(), /rajaus käytössä/);
    assert.deepEqual(await phone.locator('#queue-results tbody tr').evaluateAll((r) => r.map((x) => x.dataset.case)), [main]);
    await assertNoHorizontalScroll(phone, 'queue searched at 360 px');

    await s.visit(phone, ticketPath(main), { lang: 'fi', h1: ORG.name, label: 'ticket workspace (360 px)' });
    await assertNoHorizontalScroll(phone, 'ticket page at 360 px');
    const conversation = await box(phone, '.ticket-main');
    const side = await box(phone, '.ticket-side');
    assert.ok(side.y >= conversation.y + conversation.height - 1, 'the side panel is below the conversation');
  });

  test('5. without JavaScript: the Note link opens the box as a note, and no shortcuts are offered', async () => {
    // axe needs scripts, so these pages are loaded without it (the same pages were checked above).
    const plain = await s.newPage({ javaScriptEnabled: false });
    const load = async (path) => assert.equal((await plain.goto(s.baseUrl + path)).status(), 200, path);
    await load('/sign-in');
    await plain.locator('#f-email').fill(ADVISER.email);
    await plain.locator('#f-password').fill(ADVISER.password);
    await submit(plain, plain.locator('main form[action="/sign-in"] button[type=submit]'));
    await load(ticketPath(main));
    assert.equal(await plain.locator('details.shortcuts').isVisible(), false, 'no shortcuts without the script');
    await submit(plain, plain.getByRole('link', { name: 'Muistiinpano', exact: true }));
    assert.equal(pathOf(plain), `${ticketPath(main)}?kind=note`);
    assert.ok(await plain.getByLabel('Sisäinen muistiinpano (ei lähetetä)').isChecked());
    // The filters stay open at any width without the script.
    await load(queuePath);
    assert.equal(await plain.locator('details.filters-fold').getAttribute('open'), '');
  });
});
