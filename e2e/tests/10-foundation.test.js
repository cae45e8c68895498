// The foundation in a real browser: first-run setup, sign-in with TOTP, organisations and
// units, invitations, the language switch and the narrow (360 px) layout. One server for
// the whole file; the tests run in order and build on each other's data.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkA11y, launchBrowser, startTupa, totpCode } from '../lib/harness.js';
import { expectPage, pathOf } from '../lib/pages.js';

const ADMIN = {
  name: 'Pia Ylläpitäjä',
  email: 'pia.yllapitaja@tupa.example',
  password: 'pitkä-ja-hyvä-salasana-1',
};
const INVITEE = {
  name: 'Maja Sjöholm',
  email: 'maja.sjoholm@esimerkki.example',
  password: 'ett-riktigt-bra-lösenord',
};
const ORG = { name: 'Esimerkkikunta', slug: 'esimerkki' };

let tupa;
let browser;
const contexts = [];
let admin; // the platform admin's page, Finnish browser
let invitee; // the invited main admin's page, own browser context
let adminSecret;
let inviteeSecret;

// ---- helpers ----

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function newPage(options = {}) {
  const context = await browser.newContext({ locale: 'fi-FI', ...options });
  contexts.push(context);
  return context.newPage();
}

// A code is accepted once per 30 s step and the server allows one step of skew, so use
// this step's code, else the next step's, else wait for time to catch up.
const lastStep = new Map();
async function freshTotp(secret) {
  for (;;) {
    const now = Date.now() / 1000;
    const step = Math.floor(now / 30);
    const usable = [step, step + 1].find((s) => s > (lastStep.get(secret) ?? -1));
    if (usable !== undefined) {
      lastStep.set(secret, usable);
      return totpCode(secret, usable * 30);
    }
    await sleep(((step + 1) * 30 - now) * 1000 + 500);
  }
}

// A six-digit code the server will refuse now (the skew window is one step either way).
function wrongTotp(secret) {
  const now = Date.now() / 1000;
  const valid = [-30, 0, 30].map((d) => totpCode(secret, now + d));
  return ['000000', '111111', '222222', '333333'].find((c) => !valid.includes(c));
}

// Loads a path or URL, follows any redirect and checks the page it lands on with axe.
async function go(page, pathOrUrl) {
  const res = await page.goto(new URL(pathOrUrl, tupa.baseUrl).href);
  await checkA11y(page, `${pathOf(page)} (asked for ${pathOrUrl})`);
  return res;
}

// Loads a page that must answer 200 where it was asked for.
async function visit(page, path, expected = {}) {
  const res = await page.goto(tupa.baseUrl + path);
  assert.equal(res.status(), 200, `GET ${path}`);
  await expectPage(page, { path: path.split('?')[0], ...expected });
  return res;
}

// Clicks a submit button and waits for the page the form leads to (after any redirects).
// waitForNavigation rather than waitForURL: some forms (language) lead back to the same URL.
async function submit(page, button) {
  const [res] = await Promise.all([page.waitForNavigation(), button.click()]);
  return res;
}

const field = (page, name) => page.locator(`#f-${name}`);
const button = (page, name) => page.getByRole('button', { name, exact: true });
const navLink = (page, name) => page.getByRole('navigation', { name: /Päävalikko|Huvudmeny|Main/ }).getByRole('link', { name, exact: true });
const notice = (page) => page.locator('main .notice[role=status]');

async function fill(page, values) {
  for (const [name, value] of Object.entries(values)) await field(page, name).fill(value);
}

// The main menu's sign-out button (the profile's session list has same-named buttons).
async function signOut(page, buttonText) {
  await submit(page, page.getByRole('navigation', { name: /Päävalikko|Huvudmeny|Main/ }).getByRole('button', { name: buttonText }));
  assert.equal(pathOf(page), '/sign-in?notice=signed-out');
}

// Password step then TOTP step; leaves the page on the front page.
async function signIn(page, { email, password }, secret, { totpTitle, lang }) {
  await visit(page, '/sign-in', { lang });
  await fill(page, { email, password });
  await submit(page, page.locator('main form[action="/sign-in"] button[type=submit]'));
  await expectPage(page, { path: '/sign-in/totp', lang, h1: totpTitle, label: 'TOTP step of sign-in' });
  await field(page, 'code').fill(await freshTotp(secret));
  await submit(page, page.locator('form[action="/sign-in/totp"] button[type=submit]'));
  assert.equal(pathOf(page), '/');
}

// Units as shown in the tree: name and depth, in order.
async function unitTree(page) {
  return page.locator('main ul.unit-tree').first().locator(':scope > li').evaluateAll((items) =>
    items.map((li) => `${li.className}:${li.querySelector('strong').textContent.trim()}`),
  );
}

async function addUnit(page, name, parentLabel) {
  await field(page, 'name').fill(name);
  if (parentLabel) await field(page, 'parent_id').selectOption({ label: parentLabel });
  await submit(page, button(page, 'Lisää yksikkö'));
  await expectPage(page, { path: `/orgs/${ORG.slug}/units`, label: `units page after adding ${name}` });
  assert.equal(await notice(page).innerText(), 'Yksikkö on lisätty.');
}

async function assertNoHorizontalScroll(page, label) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  assert.ok(scrollWidth <= 360, `${label}: page is ${scrollWidth} px wide at a 360 px viewport (client ${clientWidth})`);
}

// ---- the tests ----

describe('foundation in the browser', () => {
  before(async () => {
    tupa = await startTupa();
    browser = await launchBrowser();
    admin = await newPage();
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await tupa?.stop();
  });

  test('1. first-run setup in Finnish, then TOTP enrolment', async () => {
    await admin.goto(tupa.baseUrl + '/'); // checked with axe just below
    await expectPage(admin, { path: '/setup', lang: 'fi', h1: 'Ota Tupa käyttöön', label: 'setup page' });
    assert.equal(await field(admin, 'operator_slug').inputValue(), 'tupa', 'slug suggested');

    await fill(admin, {
      operator_name: 'Tupa-palvelut Oy',
      operator_slug: 'tupa',
      admin_name: ADMIN.name,
      admin_email: ADMIN.email,
      password: ADMIN.password,
      password_again: ADMIN.password,
    });
    await submit(admin, button(admin, 'Ota käyttöön'));
    await expectPage(admin, {
      path: '/profile/totp',
      lang: 'fi',
      h1: 'Ota kaksivaiheinen tunnistautuminen käyttöön',
      label: 'TOTP enrolment',
    });
    adminSecret = (await admin.locator('#totp-secret').innerText()).trim();
    assert.match(adminSecret, /^[A-Z2-7]{16,}$/);
    assert.match(await admin.locator('main .notice').innerText(), /Alustan ylläpitäjien on käytettävä/);

    // A platform admin cannot go anywhere else before enrolling; the secret stays the same.
    await go(admin, '/orgs');
    assert.equal(pathOf(admin), '/profile/totp');
    assert.equal((await admin.locator('#totp-secret').innerText()).trim(), adminSecret);

    await admin.getByLabel('Kuusinumeroinen koodi').fill(await freshTotp(adminSecret));
    await submit(admin, button(admin, 'Ota käyttöön'));
    await expectPage(admin, { path: '/profile', lang: 'fi', h1: 'Omat tiedot', label: 'profile after enrolment' });
    assert.equal(pathOf(admin), '/profile?notice=totp-enabled');
    assert.equal(await notice(admin).innerText(), 'Kaksivaiheinen tunnistautuminen on otettu käyttöön.');
    await admin.getByText('Kaksivaiheinen tunnistautuminen on käytössä', { exact: false }).waitFor();
    assert.match(await admin.locator('main').innerText(), new RegExp(ADMIN.email.replace(/\./g, '\\.')));

    // Setup is done once: the page now sends people away.
    await go(admin, '/setup');
    assert.equal(pathOf(admin), '/');
  });

  test('2. sign out, a wrong password, then sign in with password and TOTP', async () => {
    await visit(admin, '/profile', { h1: 'Omat tiedot' });
    await signOut(admin, 'Kirjaudu ulos');
    await expectPage(admin, { path: '/sign-in', lang: 'fi', h1: 'Kirjaudu sisään', label: 'sign-in page' });
    assert.equal(await notice(admin).innerText(), 'Olet kirjautunut ulos.');
    assert.equal(await admin.getByRole('navigation', { name: 'Päävalikko' }).count(), 0, 'no main menu when signed out');
    // A short page: the footer sits at the bottom of the window, and the header, the content
    // and the footer start at one left edge.
    const layout = await admin.evaluate(() => {
      const left = (sel) => document.querySelector(sel).getBoundingClientRect().left;
      return {
        footerBottom: document.querySelector('.site-footer').getBoundingClientRect().bottom,
        windowHeight: window.innerHeight,
        edges: [left('.site-header .brand'), left('main h1'), left('.site-footer li')],
      };
    });
    assert.ok(Math.abs(layout.footerBottom - layout.windowHeight) < 1, `footer at the bottom: ${JSON.stringify(layout)}`);
    assert.ok(Math.max(...layout.edges) - Math.min(...layout.edges) < 1, `one left edge: ${JSON.stringify(layout)}`);

    // Signed out, the front page sends one to sign in.
    await go(admin, '/');
    assert.match(pathOf(admin), /^\/sign-in/);

    await visit(admin, '/sign-in');
    await fill(admin, { email: ADMIN.email, password: 'väärä-salasana-123' });
    const res = await submit(admin, button(admin, 'Kirjaudu sisään'));
    assert.ok(res.status() >= 400 && res.status() < 500, `wrong password answered ${res.status()}`);
    await expectPage(admin, { path: '/sign-in', h1: 'Kirjaudu sisään', label: 'sign-in with a wrong password' });
    const summary = admin.locator('.error-summary');
    assert.equal(await summary.getAttribute('role'), 'alert');
    assert.match(await summary.innerText(), /Korjaa seuraavat kohdat/);
    assert.match(await summary.innerText(), /Sähköpostiosoite tai salasana on väärin\./);
    // The message sits at the password field (the one people mistype) without saying which was wrong.
    assert.equal(await admin.locator('#f-password-error').innerText(), 'Sähköpostiosoite tai salasana on väärin.');
    assert.equal(await field(admin, 'password').getAttribute('aria-invalid'), 'true');
    assert.equal(await field(admin, 'email').inputValue(), ADMIN.email, 'e-mail kept');
    assert.equal(await field(admin, 'password').inputValue(), '', 'password not echoed');
    assert.equal(await admin.evaluate(() => document.activeElement?.className), 'error-summary', 'focus on the summary');

    await signIn(admin, ADMIN, adminSecret, { totpTitle: 'Kaksivaiheinen tunnistautuminen', lang: 'fi' });
    await expectPage(admin, { path: '/', lang: 'fi', h1: `Hei, ${ADMIN.name}`, label: 'front page' });
    await admin.getByRole('heading', { name: 'Palveluntarjoajan työkalut' }).waitFor();
    assert.equal(await navLink(admin, 'Etusivu').getAttribute('aria-current'), 'page');
  });

  test('3. create an organisation and build its unit tree', async () => {
    await visit(admin, '/orgs', { h1: 'Organisaatiot', label: 'organisations list' });
    await fill(admin, { name: ORG.name, slug: ORG.slug });
    await field(admin, 'plan').selectOption('full');
    await submit(admin, button(admin, 'Luo organisaatio'));
    await expectPage(admin, { path: `/orgs/${ORG.slug}`, lang: 'fi', h1: ORG.name, label: 'organisation overview' });
    assert.equal(await notice(admin).innerText(), 'Organisaatio on luotu.');
    const overview = await admin.locator('main dl').first().innerText();
    assert.match(overview, new RegExp(`Lyhyt nimi[\\s\\S]*${ORG.slug}`));
    assert.match(overview, /Täysi, itse hallittu/);

    // Listed among all organisations.
    await visit(admin, '/orgs', { h1: 'Organisaatiot' });
    await admin.getByRole('link', { name: ORG.name, exact: true }).waitFor();

    await go(admin, `/orgs/${ORG.slug}`);
    await submit(admin, admin.getByRole('navigation', { name: 'Organisaation osiot' }).getByRole('link', { name: 'Yksiköt' }));
    await expectPage(admin, { path: `/orgs/${ORG.slug}/units`, h1: ORG.name, label: 'empty units page' });
    await admin.getByText('Yksiköitä ei ole vielä.').waitFor();

    await addUnit(admin, 'Sosiaalipalvelut');
    await addUnit(admin, 'Sivistyspalvelut');
    await addUnit(admin, 'Aikuissosiaalityö', 'Sosiaalipalvelut');
    // Siblings in alphabetical order, each sub-unit right under its parent.
    assert.deepEqual(await unitTree(admin), [
      'depth-0:Sivistyspalvelut',
      'depth-0:Sosiaalipalvelut',
      'depth-1:Aikuissosiaalityö',
    ]);

    // Rename via the unit's <details>; check the opened editor too.
    const edit = admin.locator('details', { has: admin.getByText('Muokkaa yksikköä Sivistyspalvelut') });
    await edit.locator('summary').click();
    await checkA11y(admin, 'units page with an editor open');
    await edit.getByLabel('Uusi nimi').fill('Kasvatus ja koulutus');
    await submit(admin, edit.getByRole('button', { name: 'Muuta nimeä' }));
    await expectPage(admin, { path: `/orgs/${ORG.slug}/units`, label: 'units page after rename' });
    assert.equal(await notice(admin).innerText(), 'Yksikön nimi on muutettu.');
    assert.deepEqual(await unitTree(admin), [
      'depth-0:Kasvatus ja koulutus',
      'depth-0:Sosiaalipalvelut',
      'depth-1:Aikuissosiaalityö',
    ]);
    // The new unit can be picked as a parent under its new name.
    const parents = await field(admin, 'parent_id').locator('option').allInnerTexts();
    assert.deepEqual(parents.map((p) => p.trim()), ['(ylin taso)', 'Kasvatus ja koulutus', 'Sosiaalipalvelut', '– Aikuissosiaalityö']);
  });

  test('4. invite a main admin in Swedish, who accepts in a new browser', async () => {
    await visit(admin, `/orgs/${ORG.slug}/users`, { h1: ORG.name, label: 'users page' });
    await fill(admin, { email: INVITEE.email, display_name: INVITEE.name });
    await admin.locator('input[name=roles][value=main-admin]').check();
    await field(admin, 'lang').selectOption('sv');
    await submit(admin, button(admin, 'Lähetä kutsu'));
    await expectPage(admin, { path: `/orgs/${ORG.slug}/users`, label: 'users page after inviting' });
    assert.equal(await notice(admin).innerText(), 'Kutsu on lähetetty.');
    const row = admin.locator('main table tbody tr', { hasText: INVITEE.email });
    assert.match(await row.innerText(), /Maja Sjöholm[\s\S]*Pääkäyttäjä[\s\S]*Kutsuttu/);

    await visit(admin, '/outbox', { h1: 'Lähtevä posti', label: 'outbox' });
    const mailRow = admin.locator('main table tbody tr', { hasText: INVITEE.email });
    assert.equal(await mailRow.count(), 1);
    await submit(admin, mailRow.getByRole('link'));
    await expectPage(admin, { path: /^\/outbox\/[^/]+$/, h1: `Inbjudan till Tupa: ${ORG.name}`, label: 'invitation mail' });
    const body = await admin.locator('pre.mail').innerText();
    assert.match(body, /^Hej Maja Sjöholm,/, 'mail in Swedish');
    const link = body.match(/http:\/\/127\.0\.0\.1:\d+\/invite\/[A-Za-z0-9_-]+/)?.[0];
    assert.ok(link, `invitation link in:\n${body}`);
    assert.ok(link.startsWith(tupa.baseUrl + '/invite/'), 'link points at this server');

    invitee = await newPage();
    const res = await invitee.goto(link);
    assert.equal(res.status(), 200);
    // The page speaks the invitation's language (Swedish), not the Finnish browser's.
    await expectPage(invitee, { path: new URL(link).pathname, lang: 'sv', h1: 'Välkommen till Tupa', label: 'invitation page' });
    assert.match(await invitee.locator('main').innerText(), new RegExp(INVITEE.email.replace(/\./g, '\\.')));
    assert.equal(await field(invitee, 'display_name').inputValue(), INVITEE.name, 'name prefilled');
    await fill(invitee, { password: INVITEE.password, password_again: INVITEE.password });
    await submit(invitee, button(invitee, 'Börja använda Tupa'));
    await expectPage(invitee, { path: '/', lang: 'sv', h1: `Hej, ${INVITEE.name}`, label: 'front page of the invitee' });
    assert.equal(await notice(invitee).innerText(), 'Välkommen till Tupa!');
    const card = invitee.locator('main .card', { hasText: ORG.name });
    assert.match(await card.innerText(), /Huvudanvändare/);
    assert.equal(await navLink(invitee, 'Utkorg').count(), 0, 'no operator tools for a main admin');

    // The link is used up.
    const again = await invitee.context().request.get(link);
    assert.equal(again.status(), 410, "a used invitation link is gone");
    assert.match(await again.text(), /Länken har gått ut eller har redan använts/);

    // The admin's list now shows the person as active.
    await visit(admin, `/orgs/${ORG.slug}/users`);
    assert.match(await row.innerText(), /Aktiivinen/);
  });

  test('5. the header language switch changes the page language', async () => {
    await visit(admin, '/orgs', { lang: 'fi', h1: 'Organisaatiot' });
    const langSwitch = admin.getByRole('navigation', { name: 'Kieli' });
    assert.equal(await langSwitch.getByRole('button', { name: 'suomi' }).getAttribute('aria-current'), 'true');

    await submit(admin, langSwitch.getByRole('button', { name: 'svenska' }));
    await expectPage(admin, { path: '/orgs', lang: 'sv', h1: 'Organisationer', label: 'organisations in Swedish' });
    assert.equal(await navLink(admin, 'Organisationer').getAttribute('aria-current'), 'page');
    assert.equal(await navLink(admin, 'Organisaatiot').count(), 0);
    assert.equal(await admin.getByRole('button', { name: 'Logga ut' }).count(), 1);
    const svSwitch = admin.getByRole('navigation', { name: 'Språk' });
    assert.equal(await svSwitch.getByRole('button', { name: 'svenska' }).getAttribute('aria-current'), 'true');

    // The choice sticks to the person, on other pages too.
    await visit(admin, '/', { lang: 'sv', h1: `Hej, ${ADMIN.name}` });

    await submit(admin, svSwitch.getByRole('button', { name: 'suomi' }));
    await expectPage(admin, { path: '/', lang: 'fi', h1: `Hei, ${ADMIN.name}`, label: 'front page back in Finnish' });
    assert.equal(await navLink(admin, 'Organisaatiot').count(), 1);
    assert.equal(await admin.getByRole('button', { name: 'Kirjaudu ulos' }).count(), 1);
  });

  test('6. a main admin turns on TOTP from the profile and signs in with it', async () => {
    await visit(invitee, '/profile', { lang: 'sv', h1: 'Mina uppgifter' });
    await submit(invitee, invitee.getByRole('link', { name: 'Aktivera tvåstegsverifiering' }));
    await expectPage(invitee, { path: '/profile/totp', lang: 'sv', label: 'TOTP enrolment (voluntary)' });
    inviteeSecret = (await invitee.locator('#totp-secret').innerText()).trim();
    assert.match(inviteeSecret, /^[A-Z2-7]{16,}$/);
    assert.notEqual(inviteeSecret, adminSecret);

    // A wrong code is refused with an error on the field.
    await invitee.getByLabel('Sexsiffrig kod').fill(wrongTotp(inviteeSecret));
    await submit(invitee, invitee.locator('form[action="/profile/totp"] button[type=submit]'));
    await expectPage(invitee, { path: '/profile/totp', label: 'TOTP enrolment with a wrong code' });
    assert.match(await invitee.locator('.error-summary').innerText(), /Koden är fel eller har redan använts/);
    assert.match(await invitee.locator('#f-code-error').innerText(), /Koden är fel/);
    assert.equal(await field(invitee, 'code').getAttribute('aria-invalid'), 'true');
    assert.equal((await invitee.locator('#totp-secret').innerText()).trim(), inviteeSecret, 'same secret kept');

    await invitee.getByLabel('Sexsiffrig kod').fill(await freshTotp(inviteeSecret));
    await submit(invitee, invitee.locator('form[action="/profile/totp"] button[type=submit]'));
    await expectPage(invitee, { path: '/profile', lang: 'sv', label: 'profile with TOTP on' });
    assert.equal(await notice(invitee).innerText(), 'Tvåstegsverifieringen har aktiverats.');

    await signOut(invitee, 'Logga ut');
    await expectPage(invitee, { path: '/sign-in', label: 'sign-in page after signing out (invitee)' });
    // Until the second step is done the pages follow the browser (Finnish), then her own choice.
    await signIn(invitee, INVITEE, inviteeSecret, { totpTitle: 'Kaksivaiheinen tunnistautuminen', lang: 'fi' });
    await expectPage(invitee, { path: '/', lang: 'sv', h1: `Hej, ${INVITEE.name}`, label: 'front page after TOTP sign-in' });

    // Without the code the session is not signed in: a fresh browser stops at the TOTP step.
    const other = await newPage();
    await go(other, '/sign-in');
    await fill(other, { email: INVITEE.email, password: INVITEE.password });
    await submit(other, button(other, 'Kirjaudu sisään'));
    assert.match(pathOf(other), /^\/sign-in\/totp/);
    await go(other, `/orgs/${ORG.slug}/users`);
    assert.match(pathOf(other), /^\/sign-in/, 'a pending second factor gives no access');
  });

  test('7. at 360 px, sign-in, units and users pages fit without horizontal scrolling', async () => {
    const phone = await newPage({ viewport: { width: 360, height: 740 } });
    await visit(phone, '/sign-in', { lang: 'fi', h1: 'Kirjaudu sisään', label: 'sign-in at 360 px' });
    await assertNoHorizontalScroll(phone, 'sign-in');

    await signIn(phone, INVITEE, inviteeSecret, { totpTitle: 'Kaksivaiheinen tunnistautuminen', lang: 'fi' });
    await expectPage(phone, { path: '/', lang: 'sv', label: 'front page at 360 px' });
    await assertNoHorizontalScroll(phone, 'front page');

    await visit(phone, `/orgs/${ORG.slug}/units`, { lang: 'sv', h1: ORG.name, label: 'units at 360 px' });
    await assertNoHorizontalScroll(phone, 'units');
    for (const summary of await phone.locator('details summary').all()) await summary.click();
    await assertNoHorizontalScroll(phone, 'units with every editor open');
    await checkA11y(phone, 'units at 360 px with every editor open');

    await visit(phone, `/orgs/${ORG.slug}/users`, { lang: 'sv', h1: ORG.name, label: 'users at 360 px' });
    await assertNoHorizontalScroll(phone, 'users');

    // Once too wide: the sessions table's hidden header text, and long Finnish headings.
    await visit(phone, '/profile', { lang: 'sv', label: 'profile at 360 px' });
    await assertNoHorizontalScroll(phone, 'profile');
    await submit(phone, phone.getByRole('navigation', { name: 'Språk' }).getByRole('button', { name: 'suomi' }));
    await visit(phone, '/accessibility', { lang: 'fi', h1: 'Saavutettavuusseloste', label: 'accessibility statement at 360 px' });
    await assertNoHorizontalScroll(phone, 'accessibility statement');
  });
});
