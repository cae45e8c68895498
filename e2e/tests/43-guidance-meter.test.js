// The life-situation meter in a real browser: a counsellor asks the client to answer, the
// client on a 360 px phone answers the meter twice with the plain form (radio buttons, no
// script needed), and both pages show the chart (one SVG per area, values written) and the
// table with both answers. The client then gives feedback. axe-core checks every page.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkA11y, launchBrowser, startTupa } from '../lib/harness.js';
import { expectPage } from '../lib/pages.js';

const ORG = { slug: 'kokkola', name: 'Kokkolan kaupunki' };
const COUNSELLOR = { name: 'Olli Ohjaaja', email: 'olli@kokkola.test', password: 'ohjaajan-hyvä-salasana' };
const KEYS = ['health', 'resilience', 'housing', 'everyday-coping', 'family', 'friends', 'finances', 'strengths', 'self-esteem', 'life-as-a-whole'];

let tupa;
let browser;
const contexts = [];
let token;
let spaceId;
let client;

async function cli(args, input) {
  const res = await tupa.run(args, { input });
  assert.equal(res.code, 0, `tupa ${args.join(' ')} exited ${res.code}:\n${res.stdout}${res.stderr}`);
  return res.stdout.trim();
}

async function api(method, path, body) {
  const res = await fetch(tupa.baseUrl + path, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

async function submit(page, target) {
  const [res] = await Promise.all([page.waitForNavigation(), target.click()]);
  return res;
}

async function answerMeter(values) {
  const res = await client.goto(`${tupa.baseUrl}/spaces/${spaceId}/meter`);
  assert.equal(res.status(), 200);
  await expectPage(client, { path: `/spaces/${spaceId}/meter`, lang: 'fi', h1: 'Elämäntilannemittari', label: 'meter answer page (360 px)' });
  const width = await client.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `the answer page is ${width} px wide at 360 px`);
  for (const [i, key] of KEYS.entries()) await client.locator(`#v-${key}-${values[i]}`).check();
  const done = await submit(client, client.getByRole('button', { name: 'Tallenna vastaukseni' }));
  assert.equal(done.status(), 200);
  assert.equal(new URL(client.url()).pathname, `/spaces/${spaceId}`);
  assert.match(await client.locator('main .notice[role=status]').innerText(), /Vastauksesi tallennettiin/);
}

describe('the life-situation meter in the browser', () => {
  before(async () => {
    tupa = await startTupa();
    browser = await launchBrowser();
    await cli(['setup', '--operator-name', 'Tupa-palvelu', '--admin-email', 'yllapito@tupa.example', '--admin-name', 'Ylläpito', '--password-stdin'], 'ylläpidon-salasana-1');
    await cli(['org', 'create', '--slug', ORG.slug, '--name', ORG.name, '--plan', 'full']);
    await cli(['user', 'create', '--org', ORG.slug, '--email', COUNSELLOR.email, '--name', COUNSELLOR.name, '--role', 'counsellor', '--password-stdin'], COUNSELLOR.password);
    token = await cli(['token', 'create', '--email', COUNSELLOR.email, '--name', 'e2e']);
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await tupa?.stop();
  });

  test('1. the counsellor opens a space and asks the client to answer the meter', async () => {
    const opened = await api('POST', `/api/v1/orgs/${ORG.slug}/spaces`, { title: 'Elämäntilanne', client_email: 'anna@example.fi', client_name: 'Anna Asiakas', lang: 'fi' });
    assert.equal(opened.status, 201);
    spaceId = opened.json.id;
    const meters = await api('GET', `/api/v1/orgs/${ORG.slug}/meters`);
    assert.equal(meters.json[0].id, 'tupa-default');
    const chosen = await api('POST', `/api/v1/spaces/${spaceId}/meter`, { meter_id: 'tupa-default', ask: true });
    assert.equal(chosen.status, 200);

    const context = await browser.newContext({ locale: 'fi-FI', viewport: { width: 360, height: 740 } });
    contexts.push(context);
    client = await context.newPage();
    const invitePath = opened.json.invite_url.slice(tupa.baseUrl.length);
    await client.goto(tupa.baseUrl + invitePath);
    await submit(client, client.getByRole('link', { name: 'Testitunnistautuminen (koulutusympäristö)' }));
    await client.getByLabel('Anna Asiakas').check();
    await submit(client, client.getByRole('button', { name: 'Tunnistaudu tänä testihenkilönä' }));
    await submit(client, client.locator('main form[method=post] button[type=submit]'));
    assert.equal(new URL(client.url()).pathname, `/spaces/${spaceId}`);
    assert.match(await client.locator('#meter-section').innerText(), /Ohjaajasi pyytää sinua vastaamaan/);
    await checkA11y(client, 'space page with the meter request (client)');
  });

  test('2. the client answers twice; the chart and the table show both', async () => {
    await answerMeter([4, 5, 6, 7, 8, 9, 10, 3, 2, 5]);
    await answerMeter([7, 6, 8, 8, 8, 9, 10, 6, 5, 8]);
    assert.equal(await client.locator('svg.meter-chart').count(), 10, 'a chart per area');
    const health = client.locator('figure.meter-area').first();
    assert.equal(await health.locator('figcaption').innerText(), 'Terveys');
    const labels = await health.locator('svg text').allTextContents();
    assert.ok(labels.includes('4') && labels.includes('7'), `values written in the chart: ${labels}`);
    assert.ok(labels.includes('punainen') && labels.includes('vihreä'), 'the bands are named');
    const row = client.locator('#meter-table tr', { has: client.locator('th', { hasText: 'Terveys' }) });
    assert.deepEqual(await row.locator('td').allInnerTexts(), ['4 (punainen)', '7 (keltainen)']);
    assert.equal(await client.locator('#meter-table caption').count(), 1);
    assert.doesNotMatch(await client.locator('#meter-section').innerText(), /Ohjaajasi pyytää sinua vastaamaan/);
    const width = await client.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `the space page is ${width} px wide at 360 px`);
    await checkA11y(client, 'space page with the meter chart (client, 360 px)');
  });

  test('3. the counsellor sees the same results, and the client gives feedback', async () => {
    const context = await browser.newContext({ locale: 'fi-FI' });
    contexts.push(context);
    const counsellor = await context.newPage();
    await counsellor.goto(`${tupa.baseUrl}/sign-in`);
    await counsellor.locator('#f-email').fill(COUNSELLOR.email);
    await counsellor.locator('#f-password').fill(COUNSELLOR.password);
    await submit(counsellor, counsellor.locator('main form[action="/sign-in"] button[type=submit]'));
    await counsellor.goto(`${tupa.baseUrl}/spaces/${spaceId}`);
    assert.equal(await counsellor.locator('svg.meter-chart').count(), 10);
    const row = counsellor.locator('#meter-table tr', { has: counsellor.locator('th', { hasText: 'Elämä kokonaisuutena' }) });
    assert.deepEqual(await row.locator('td').allInnerTexts(), ['5 (punainen)', '8 (vihreä)']);
    await checkA11y(counsellor, 'space page with the meter chart (counsellor)');

    await client.locator('#feedback-form').getByLabel('4', { exact: true }).check();
    await client.locator('#f-comment').fill('Hyvä tapaaminen');
    await submit(client, client.getByRole('button', { name: 'Lähetä palaute' }));
    assert.match(await client.locator('main .notice[role=status]').innerText(), /Kiitos palautteestasi/);
    await counsellor.reload();
    assert.match(await counsellor.locator('#feedback-status').innerText(), /Palautteita tapaamisista: 1/);
    assert.doesNotMatch(await counsellor.locator('main').innerText(), /Hyvä tapaaminen/);
  });
});
