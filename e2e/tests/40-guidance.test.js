// Guidance spaces in a real browser: a counsellor opens a space from the spaces page (after a
// mistake), a client on a 360 px phone in Swedish follows the invitation, identifies with the
// training test identification and enters, and the two chat live — each sees the other's
// message appear without reloading. axe-core checks every page visited.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkA11y, launchBrowser, startTupa } from '../lib/harness.js';
import { expectPage, pathOf } from '../lib/pages.js';

const ORG = { slug: 'jyvaskyla', name: 'Jyväskylän kaupunki' };
const COUNSELLOR = { name: 'Kaisa Ohjaaja', email: 'kaisa@jyvaskyla.test', password: 'ohjaajan-hyvä-salasana' };
const CLIENT_EMAIL = 'sanna.svensson@example.fi';

let tupa;
let browser;
const contexts = [];
let counsellor;
let client;
let spaceId;
let inviteUrl;

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
  return res;
}

async function submit(page, target) {
  const [res] = await Promise.all([page.waitForNavigation(), target.click()]);
  return res;
}

async function assertNoHorizontalScroll(page, label) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `${label}: page is ${width} px wide at a 360 px viewport`);
}

const pathname = (page) => new URL(page.url()).pathname;
const messages = (page) => page.locator('#messages li.message .body').allInnerTexts();

describe('guidance spaces in the browser', () => {
  before(async () => {
    tupa = await startTupa();
    browser = await launchBrowser();
    await cli(['setup', '--operator-name', 'Tupa-palvelu', '--admin-email', 'yllapito@tupa.example', '--admin-name', 'Ylläpito', '--password-stdin'], 'ylläpidon-salasana-1');
    await cli(['org', 'create', '--slug', ORG.slug, '--name', ORG.name, '--plan', 'full']);
    await cli(['user', 'create', '--org', ORG.slug, '--email', COUNSELLOR.email, '--name', COUNSELLOR.name, '--role', 'counsellor', '--password-stdin'], COUNSELLOR.password);
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await tupa?.stop();
  });

  test('1. a counsellor opens a space from the spaces page, after a missing title', async () => {
    counsellor = await newPage();
    await visit(counsellor, '/sign-in', { lang: 'fi', label: 'sign-in' });
    await counsellor.locator('#f-email').fill(COUNSELLOR.email);
    await counsellor.locator('#f-password').fill(COUNSELLOR.password);
    await submit(counsellor, counsellor.locator('main form[action="/sign-in"] button[type=submit]'));
    await visit(counsellor, `/orgs/${ORG.slug}/spaces`, { lang: 'fi', label: 'spaces page (fi)' });
    assert.ok(await counsellor.getByRole('link', { name: 'Ohjaustilat' }).isVisible(), 'the tab is in the navigation');

    await counsellor.locator('#f-client_email').fill(CLIENT_EMAIL);
    let res = await submit(counsellor, counsellor.getByRole('button', { name: 'Avaa tila', exact: true }));
    assert.equal(res.status(), 422);
    assert.match(await counsellor.locator('.error-summary').innerText(), /Anna tilalle otsikko/);
    assert.equal(await counsellor.locator('#f-client_email').inputValue(), CLIENT_EMAIL, 'typed address kept');
    await checkA11y(counsellor, 'spaces page with an error');

    await counsellor.locator('#f-title').fill('Asumisen tuki');
    await counsellor.locator('#f-client_name').fill('Sanna Svensson');
    await counsellor.locator('#f-lang').selectOption('sv');
    res = await submit(counsellor, counsellor.getByRole('button', { name: 'Avaa tila', exact: true }));
    assert.equal(res.status(), 200);
    assert.match(pathname(counsellor), /^\/spaces\/[0-9a-f-]+$/);
    spaceId = pathname(counsellor).split('/').pop();
    assert.match(await counsellor.locator('main .notice[role=status]').innerText(), /Ohjaustila avattiin/);
    assert.equal(await counsellor.locator('h1').innerText(), 'Asumisen tuki');
    await checkA11y(counsellor, 'space page (counsellor)');
  });

  test('2. the invitation reached the client, and only through the link', async () => {
    const token = await cli(['token', 'create', '--email', COUNSELLOR.email, '--name', 'e2e']);
    // A second space through the API gives its link in the answer, as the mail does.
    const res = await fetch(`${tupa.baseUrl}/api/v1/orgs/${ORG.slug}/spaces`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Työllistymisen tuki', client_email: CLIENT_EMAIL, client_name: 'Sanna Svensson', lang: 'sv' }),
    });
    assert.equal(res.status, 201);
    const opened = await res.json();
    inviteUrl = opened.invite_url;
    assert.ok(inviteUrl.startsWith(`${tupa.baseUrl}/spaces/invite/`), inviteUrl);
    spaceId = opened.id;
  });

  test('3. the client on a phone in Swedish identifies and enters the space', async () => {
    client = await newPage({ locale: 'sv-FI', viewport: { width: 360, height: 740 } });
    const invitePath = inviteUrl.slice(tupa.baseUrl.length);
    await visit(client, invitePath, { lang: 'sv', h1: 'Du har blivit inbjuden till ett handledningsrum', label: 'invitation (sv, 360 px)' });
    await assertNoHorizontalScroll(client, 'invitation page');
    assert.match(await client.locator('main').innerText(), new RegExp(`Personuppgiftsansvarig för dina uppgifter: ${ORG.name}`));
    await submit(client, client.getByRole('link', { name: 'Testidentifiering (utbildningsmiljö)' }));
    await checkA11y(client, 'test identification');
    await client.getByLabel('Sanna Svensson').check();
    await submit(client, client.getByRole('button', { name: 'Identifiera dig som denna testperson' }));
    assert.equal(pathOf(client), invitePath, 'back at the invitation');
    await submit(client, client.getByRole('button', { name: 'Gå till rummet' }));
    assert.equal(pathOf(client), `/spaces/${spaceId}`);
    assert.equal(await client.locator('h1').innerText(), 'Työllistymisen tuki');
    await checkA11y(client, 'space page (client, sv)');
    await assertNoHorizontalScroll(client, 'space page');
  });

  test('4. they chat live: each message appears on the other page without reloading', async () => {
    await visit(counsellor, `/spaces/${spaceId}`, { lang: 'fi', label: 'space page (counsellor)' });
    // Give both sockets a moment to open.
    await counsellor.waitForTimeout(500);
    await client.locator('#f-body').fill('Hej! Tack för inbjudan.');
    await client.getByRole('button', { name: 'Skicka', exact: true }).click();
    await counsellor.locator('#messages').getByText('Hej! Tack för inbjudan.').waitFor({ timeout: 10_000 });
    assert.equal(pathOf(client), `/spaces/${spaceId}`, 'the client page did not reload');
    assert.equal(await client.locator('#f-body').inputValue(), '', 'the box is emptied');

    await counsellor.locator('#f-body').fill('Tervetuloa, Sanna! <b>ei lihavoitu</b>');
    await counsellor.getByRole('button', { name: 'Lähetä', exact: true }).click();
    await client.locator('#messages').getByText('Tervetuloa, Sanna! <b>ei lihavoitu</b>').waitFor({ timeout: 10_000 });
    assert.equal(await client.locator('#messages b').count(), 0, 'message text is never HTML');
    assert.deepEqual(await messages(client), ['Hej! Tack för inbjudan.', 'Tervetuloa, Sanna! <b>ei lihavoitu</b>']);
    // After a reload both are still there, from the database.
    await visit(client, `/spaces/${spaceId}`, { lang: 'sv', label: 'space page with messages (sv)' });
    assert.deepEqual(await messages(client), ['Hej! Tack för inbjudan.', 'Tervetuloa, Sanna! <b>ei lihavoitu</b>']);
  });
});
