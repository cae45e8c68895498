// Guidance spaces in a real browser: a counsellor opens a space from the spaces page (after a
// mistake), a client on a 360 px phone in Swedish follows the invitation, identifies with the
// training test identification and enters, and the two chat live — each sees the other's
// message appear without reloading, and a message written before a page's socket listens
// still appears. axe-core checks every page visited.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkA11y } from '../lib/harness.js';
import { setupGuidanceOrg, tokenFor } from '../lib/guidance.js';
import { assertNoHorizontalScroll, pathOf, signIn, submit } from '../lib/pages.js';
import { startSession } from '../lib/session.js';

const ORG = { slug: 'jyvaskyla', name: 'Jyväskylän kaupunki' };
const COUNSELLOR = { name: 'Kaisa Ohjaaja', email: 'kaisa@jyvaskyla.test', password: 'ohjaajan-hyvä-salasana' };
const CLIENT_EMAIL = 'sanna.svensson@example.fi';

let s; // the session: server, browser, helpers
let counsellor;
let client;
let spaceId;
let inviteUrl;

const pathname = (page) => new URL(page.url()).pathname;
const messages = (page) => page.locator('#messages li.message .body').allInnerTexts();

describe('guidance spaces in the browser', () => {
  before(async () => {
    s = await startSession();
    await setupGuidanceOrg(s, ORG, COUNSELLOR);
  });
  after(async () => {
    await s?.close();
  });

  test('1. a counsellor opens a space from the spaces page, after a missing title', async () => {
    counsellor = await s.newPage();
    await signIn(s, counsellor, COUNSELLOR);
    await s.visit(counsellor, `/orgs/${ORG.slug}/spaces`, { lang: 'fi', label: 'spaces page (fi)' });
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
    const token = await tokenFor(s, COUNSELLOR.email);
    // A second space through the API gives its link in the answer, as the mail does.
    const res = await s.api(token, 'POST', `/api/v1/orgs/${ORG.slug}/spaces`, { title: 'Työllistymisen tuki', client_email: CLIENT_EMAIL, client_name: 'Sanna Svensson', lang: 'sv' });
    assert.equal(res.status, 201);
    const opened = res.json;
    inviteUrl = opened.invite_url;
    assert.ok(inviteUrl.startsWith(`${s.baseUrl}/spaces/invite/`), inviteUrl);
    spaceId = opened.id;
  });

  test('3. the client on a phone in Swedish identifies and enters the space', async () => {
    client = await s.newPhone('sv-FI');
    const invitePath = inviteUrl.slice(s.baseUrl.length);
    await s.visit(client, invitePath, { lang: 'sv', h1: 'Du har blivit inbjuden till ett handledningsrum', label: 'invitation (sv, 360 px)' });
    await assertNoHorizontalScroll(client, 'invitation page');
    assert.match(await client.locator('main').innerText(), new RegExp(`Dina uppgifter behandlas av ${ORG.name} som personuppgiftsansvarig`));
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
    await s.visit(counsellor, `/spaces/${spaceId}`, { lang: 'fi', label: 'space page (counsellor)' });
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
    await s.visit(client, `/spaces/${spaceId}`, { lang: 'sv', label: 'space page with messages (sv)' });
    assert.deepEqual(await messages(client), ['Hej! Tack för inbjudan.', 'Tervetuloa, Sanna! <b>ei lihavoitu</b>']);
  });

  test('5. a message written before the page\'s socket listens appears once it does', async () => {
    // The page is rendered, but its socket reaches the server only after the counsellor has
    // written (a slow phone, or one that slept): what it missed is played back.
    const token = await tokenFor(s, COUNSELLOR.email);
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    const urls = [];
    await client.routeWebSocket(/\/api\/v1\/spaces\/[^/]+\/live/, async (ws) => {
      urls.push(ws.url());
      await held;
      ws.connectToServer();
    });
    await s.visit(client, `/spaces/${spaceId}`, { lang: 'sv', label: 'space page, socket held' });
    const res = await s.api(token, 'POST', `/api/v1/spaces/${spaceId}/messages`, { body: 'Kirjoitettu kun sivu latautui' });
    assert.equal(res.status, 201);
    // Longer than SQLite's one-second event poll: a live event would have gone by now.
    await client.waitForTimeout(1500);
    assert.equal(await client.locator('#messages').getByText('Kirjoitettu kun sivu latautui').count(), 0);
    release();
    await client.locator('#messages').getByText('Kirjoitettu kun sivu latautui').waitFor({ timeout: 10_000 });
    assert.match(urls[0], /\/live\?since=\d+$/, 'the socket asks from the moment of the render');
    assert.equal(pathOf(client), `/spaces/${spaceId}`, 'no reload');
    // Played back once, after the two messages the page already showed (those are skipped).
    assert.deepEqual(await messages(client), ['Hej! Tack för inbjudan.', 'Tervetuloa, Sanna! <b>ei lihavoitu</b>', 'Kirjoitettu kun sivu latautui']);
    await client.unrouteAll();
  });
});
