// Forms that report every error at once (issue 12): the first-run setup and the application
// form name every bad field in one answer, in a summary that takes focus and links to each
// field; the job ad form uses the width of a wide screen and shows only the contact and
// question slots in use, with "add" buttons that work with and without JavaScript.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startSession } from '../lib/session.js';
import { assertNoHorizontalScroll, expectPage, signIn, submit } from '../lib/pages.js';

const ORG = { slug: 'lomakkeet', name: 'Lomakkeiden kunta' };
const RECRUITER = { name: 'Rea Rekrytoija', email: 'rea@lomakkeet.example', password: 'rekrytoijan-salasana-1' };
const ADMIN = { name: 'Aino Pääkäyttäjä', email: 'aino@lomakkeet.example', password: 'paakayttajan-salasana-1' };
const COUNSELLOR = { name: 'Oona Ohjaaja', email: 'oona@lomakkeet.example', password: 'ohjaajan-salasana-1' };

let s;
let adId;

// The messages of the error summary, and the fields their links point at.
async function summaryOf(page) {
  return page.locator('.error-summary li').evaluateAll((items) =>
    items.map((li) => ({ text: li.innerText.trim(), href: li.querySelector('a')?.getAttribute('href') ?? null })),
  );
}

// Every field the summary links to says it is invalid and is described by its own message.
async function assertFieldsMarked(page, items) {
  for (const { href } of items.filter((i) => i.href)) {
    const field = page.locator(href);
    if ((await field.evaluate((el) => el.tagName)) === 'FIELDSET') continue;
    assert.equal(await field.getAttribute('aria-invalid'), 'true', `${href} is marked invalid`);
    const describedBy = (await field.getAttribute('aria-describedby')) ?? '';
    assert.ok(describedBy.split(' ').includes(`${href.slice(1)}-error`), `${href} is described by its message (${describedBy})`);
  }
}

const activeId = (page) => page.evaluate(() => document.activeElement?.id ?? '');
const activeClass = (page) => page.evaluate(() => document.activeElement?.className ?? '');

describe('forms that report every error at once', () => {
  before(async () => {
    s = await startSession();
  });
  after(async () => {
    await s?.close();
  });

  test('1. the empty setup form names every missing field in one answer, and the summary links move focus', async () => {
    const page = await s.newPage({ viewport: { width: 1280, height: 900 } });
    await s.visit(page, '/setup', { lang: 'fi', label: 'setup page' });
    await page.locator('#f-operator_slug').fill('');
    const res = await submit(page, page.locator('main form button[type=submit]'));
    assert.equal(res.status(), 422);
    await expectPage(page, { path: '/setup', lang: 'fi', label: 'setup with every field missing' });
    assert.equal(await activeClass(page), 'error-summary', 'focus on the summary');
    assert.equal(await page.locator('.error-summary').getAttribute('role'), 'alert');
    const items = await summaryOf(page);
    assert.deepEqual(
      items.map((i) => i.href),
      ['#f-operator_name', '#f-operator_slug', '#f-admin_name', '#f-admin_email', '#f-password'],
      JSON.stringify(items),
    );
    // Each message names its field.
    assert.match(items[0].text, /^Organisaation nimi: /);
    assert.match(items[1].text, /^Lyhyt nimi verkko-osoitteissa: /);
    assert.match(items[2].text, /nimi/i);
    assert.match(items[3].text, /sähköpostiosoite/);
    assert.match(items[4].text, /^Salasanassa /);
    await assertFieldsMarked(page, items);
    // A link in the summary puts the cursor in its field.
    await page.locator('.error-summary a[href="#f-admin_email"]').click();
    assert.equal(await activeId(page), 'f-admin_email');
    await page.locator('.error-summary a[href="#f-operator_name"]').click();
    assert.equal(await activeId(page), 'f-operator_name');
  });

  test('2. the ad form at 1280 px is short, and "add" reveals a slot in place', async () => {
    await s.cli(['setup', '--operator-name', 'Tupa-palvelu', '--admin-email', 'yllapito@tupa.example', '--admin-name', 'Ylläpito', '--password-stdin'], 'ylläpidon-salasana-1');
    await s.cli(['org', 'create', '--slug', ORG.slug, '--name', ORG.name, '--plan', 'full']);
    await s.cli(['user', 'create', '--org', ORG.slug, '--email', RECRUITER.email, '--name', RECRUITER.name, '--role', 'recruiter', '--password-stdin'], RECRUITER.password);
    const page = await s.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(s, page, RECRUITER);
    const path = `/orgs/${ORG.slug}/recruitment/ads/new`;
    await s.visit(page, path, { lang: 'fi', label: 'new ad form (1280 px)' });
    // One column of every slot in three languages was 7,300 px tall.
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    assert.ok(height < 3500, `the ad form is ${height} px tall at 1280 px`);
    // The three languages side by side.
    const tops = await page.locator('.lang-columns > fieldset').evaluateAll((f) => f.map((e) => Math.round(e.getBoundingClientRect().top)));
    assert.equal(new Set(tops).size, 1, `languages in one row: ${tops}`);
    // Every kind of input looks like a text box of ours, not the browser's default box.
    const looks = await page.evaluate(() => {
      const style = (el) => { const c = getComputedStyle(el); return [c.borderTopWidth, c.borderTopColor, c.fontSize, c.minHeight, c.backgroundColor].join(' '); };
      const out = {};
      for (const type of ['text', 'email', 'tel', 'datetime-local']) {
        const el = document.querySelector(`main input[type="${type}"]`);
        out[type] = el ? style(el) : 'missing';
      }
      return out;
    });
    for (const type of ['email', 'tel', 'datetime-local']) assert.equal(looks[type], looks.text, `${type} styled as text: ${JSON.stringify(looks)}`);
    assert.match(looks.text, /^2px /, JSON.stringify(looks));
    const contacts = page.locator('[data-slots=contact] [data-slot]');
    const visible = (loc) => loc.evaluateAll((all) => all.filter((e) => !e.hidden).length);
    assert.equal(await visible(contacts), 1, 'one contact slot shown');
    assert.equal(await visible(page.locator('[data-slots=question] [data-slot]')), 1, 'one question slot shown');

    // With JavaScript "add" shows the next slot in place, and the cursor goes there.
    await page.locator('#f-contacts').fill('Sanna Esimies');
    const addContact = page.getByRole('button', { name: 'Lisää yhteyshenkilö' });
    await addContact.click();
    assert.equal(new URL(page.url()).pathname, path, 'no page load');
    assert.equal(await visible(contacts), 2);
    assert.equal(await activeId(page), 'f-contact_1_name');
    assert.equal(await page.locator('#f-contacts').inputValue(), 'Sanna Esimies', 'typed text stays');
    await addContact.click();
    assert.equal(await visible(contacts), 3);
    assert.equal(await addContact.isVisible(), false, 'no more slots to add');
    await expectPage(page, { path, label: 'ad form with three contact slots' });

    // Saved, with the contact slots counted right, then published for test 4.
    const fill = async (id, value) => page.locator(`[id="f-${id}"]`).fill(value);
    await fill('texts.fi', 'Lomakesuunnittelija');
    await fill('description_fi', 'Suunnittelet lomakkeita, jotka kertovat kaikki virheet kerralla.');
    await fill('municipality_name', 'Lomake');
    await fill('municipality_code', '091');
    await fill('questions', 'Onko sinulla ajokortti?');
    await page.locator('input[name=question_0_required]').check();
    await submit(page, page.getByRole('button', { name: 'Tallenna' }).first());
    const match = new URL(page.url()).pathname.match(/\/ads\/([\w-]+)$/);
    assert.ok(match, `saved at ${page.url()}`);
    adId = match[1];
    assert.equal(await visible(contacts), 1, 'one contact in use is one slot');
    await submit(page, page.getByRole('button', { name: 'Lähetä julkaistavaksi' }));
  });

  test('3. without JavaScript "add" posts the form back with one more slot and keeps what was typed', async () => {
    // Our script never loads (as when it is blocked or fails); axe still runs through DevTools.
    const page = await s.newPage({ viewport: { width: 1280, height: 900 } });
    await page.route(/\.js(\?|$)/, (route) => route.abort());
    await signIn(s, page, RECRUITER);
    const path = `/orgs/${ORG.slug}/recruitment/ads/new`;
    await s.visit(page, path, { lang: 'fi', label: 'new ad form without JavaScript' });
    await page.locator('[id="f-texts.fi"]').fill('Kirjoitettu otsikko');
    await page.locator('#f-questions').fill('Ensimmäinen kysymys');
    const res = await submit(page, page.getByRole('button', { name: 'Lisää kysymys' }));
    assert.equal(res.status(), 200);
    await expectPage(page, { path, label: 'ad form with a question slot added (no JavaScript)' });
    const questions = page.locator('[data-slots=question] [data-slot]');
    assert.equal(await questions.evaluateAll((all) => all.filter((e) => !e.hidden).length), 2);
    assert.equal(await page.locator('[id="f-texts.fi"]').inputValue(), 'Kirjoitettu otsikko');
    assert.equal(await page.locator('#f-questions').inputValue(), 'Ensimmäinen kysymys');
    assert.equal(await page.locator('.error-summary').count(), 0, 'nothing checked or saved yet');
  });

  test('4. the empty application form on a phone names every missing field, and the links reach them', async () => {
    const page = await s.newPhone('fi-FI');
    const path = `/jobs/${ORG.slug}/ad/${adId}/apply`;
    await s.visit(page, path, { lang: 'fi', label: 'application form (360 px)' });
    await assertNoHorizontalScroll(page, 'application form');
    const res = await submit(page, page.getByRole('button', { name: /Lähetä hakemus/ }));
    assert.equal(res.status(), 422);
    await expectPage(page, { path, lang: 'fi', label: 'application form with every field missing (360 px)' });
    await assertNoHorizontalScroll(page, 'application form with errors');
    assert.equal(await activeClass(page), 'error-summary', 'focus on the summary');
    const items = await summaryOf(page);
    const texts = items.map((i) => i.text);
    assert.ok(texts.includes('Etunimi on pakollinen.'), JSON.stringify(texts));
    assert.ok(texts.includes('Sukunimi on pakollinen.'), JSON.stringify(texts));
    assert.ok(texts.includes('Onko sinulla ajokortti? on pakollinen.'), 'the question is named by its text');
    assert.ok(texts.some((t) => /sähköpostiosoite/.test(t)), JSON.stringify(texts));
    assert.ok(items.some((i) => i.href === '#f-consent'), 'consent is in the summary');
    assert.ok(items.length >= 5, JSON.stringify(items));
    await assertFieldsMarked(page, items);
    await page.locator('.error-summary a[href="#f-last_name"]').click();
    assert.equal(await activeId(page), 'f-last_name');
  });

  test('6. the desk settings page names every bad field of a new queue, each link reaching its input', async () => {
    await s.cli(['user', 'create', '--org', ORG.slug, '--email', ADMIN.email, '--name', ADMIN.name, '--role', 'main-admin', '--password-stdin'], ADMIN.password);
    const page = await s.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(s, page, ADMIN);
    const path = `/orgs/${ORG.slug}/desk/settings`;
    await s.visit(page, path, { lang: 'fi', label: 'desk settings' });
    await page.locator('summary', { hasText: 'Lisää jono' }).click();
    await page.locator('#new-name').fill('');
    await page.locator('#new-exceptions').fill('jouluaatto');
    await page.locator('#new-first').fill('pian');
    const res = await submit(page, page.getByRole('button', { name: 'Lisää jono' }));
    assert.equal(res.status(), 422);
    // The page comes back at the address the form posted to.
    await expectPage(page, { path: `/orgs/${ORG.slug}/desk/queues`, lang: 'fi', label: 'desk settings with a refused queue' });
    assert.equal(await activeClass(page), 'error-summary', 'focus on the summary');
    const items = await summaryOf(page);
    assert.deepEqual(items.map((i) => i.href), ['#new-name', '#new-exceptions', '#new-first'], JSON.stringify(items));
    assert.match(items[2].text, /^Ensimmäinen vastaus viimeistään \(työtunteina\): /);
    await assertFieldsMarked(page, items);
    assert.equal(await page.locator('#new-exceptions').inputValue(), 'jouluaatto', 'typed text stays');
    await page.locator('.error-summary a[href="#new-first"]').click();
    assert.equal(await activeId(page), 'new-first');

    // A canned answer without title or text: the links reach that form's own inputs.
    await s.visit(page, path, { lang: 'fi', label: 'desk settings again' });
    await page.locator('summary', { hasText: 'Lisää vakiovastaus' }).click();
    await submit(page, page.getByRole('button', { name: 'Lisää vakiovastaus' }));
    const canned = await summaryOf(page);
    assert.deepEqual(canned.map((i) => i.href), ['#c-new-title', '#c-new-fi'], JSON.stringify(canned));
    await assertFieldsMarked(page, canned);
    await page.locator('.error-summary a[href="#c-new-fi"]').click();
    assert.equal(await activeId(page), 'c-new-fi');
  });

  test('7. a counsellor opening a space on a phone learns every mistake at once', async () => {
    await s.cli(['user', 'create', '--org', ORG.slug, '--email', COUNSELLOR.email, '--name', COUNSELLOR.name, '--role', 'counsellor', '--password-stdin'], COUNSELLOR.password);
    const page = await s.newPhone('fi-FI');
    await signIn(s, page, COUNSELLOR);
    const path = `/orgs/${ORG.slug}/spaces`;
    await s.visit(page, path, { lang: 'fi', label: 'guidance spaces (360 px)' });
    await page.locator('#f-client_name').fill('Asiakas Anna');
    await page.locator('#f-client_email').fill('anna');
    const res = await submit(page, page.locator('form[action$="/spaces"] button[type=submit]'));
    assert.equal(res.status(), 422);
    await expectPage(page, { path, lang: 'fi', label: 'space form with two mistakes (360 px)' });
    await assertNoHorizontalScroll(page, 'space form with errors');
    const items = await summaryOf(page);
    assert.deepEqual(items.map((i) => i.href), ['#f-title', '#f-client_email'], JSON.stringify(items));
    await assertFieldsMarked(page, items);
    assert.equal(await page.locator('#f-client_name').inputValue(), 'Asiakas Anna');
  });

  test('8. a field the browser would refuse (type=url) does not stop the submit: the server lists every mistake', async () => {
    // Without `novalidate` Chromium would stop at "not an address" with its own bubble, and
    // the empty title would go unmentioned until the next try.
    const page = await s.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(s, page, COUNSELLOR);
    const path = `/orgs/${ORG.slug}/materials`;
    await s.visit(page, path, { lang: 'fi', label: 'materials library' });
    assert.equal(await page.locator('#f-link_url').getAttribute('type'), 'url');
    await page.locator('#f-link_url').fill('ei osoite');
    await page.locator('#f-link_description').fill('Kuvaus jää');
    const res = await submit(page, page.locator('form[action$="/materials"]:has(#f-link_url) button[type=submit]'));
    assert.equal(res.status(), 422);
    await expectPage(page, { path, lang: 'fi', label: 'materials with a refused link' });
    const items = await summaryOf(page);
    assert.deepEqual(items.map((i) => i.href), ['#f-link_title', '#f-link_url'], JSON.stringify(items));
    await assertFieldsMarked(page, items);
    assert.equal(await page.locator('#f-link_description').inputValue(), 'Kuvaus jää', 'typed text stays');
  });

  test('5. the ad form fits a 360 px phone', async () => {
    const page = await s.newPhone('fi-FI');
    await signIn(s, page, RECRUITER);
    await s.visit(page, `/orgs/${ORG.slug}/recruitment/ads/new`, { lang: 'fi', label: 'new ad form (360 px)' });
    await assertNoHorizontalScroll(page, 'ad form');
  });
});
