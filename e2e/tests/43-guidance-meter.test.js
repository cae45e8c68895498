// The life-situation meter in a real browser: a counsellor asks the client to answer, the
// client on a 360 px phone answers the meter twice with the plain form (radio buttons, no
// script needed), and both pages show the chart (one SVG per area, values written) and the
// table with both answers. The client then gives feedback. axe-core checks every page.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkA11y } from '../lib/harness.js';
import { enterWithTestIdentification, openSpace, setupGuidanceOrg, tokenFor } from '../lib/guidance.js';
import { assertNoHorizontalScroll, signIn, submit } from '../lib/pages.js';
import { startSession } from '../lib/session.js';

const ORG = { slug: 'kokkola', name: 'Kokkolan kaupunki' };
const COUNSELLOR = { name: 'Olli Ohjaaja', email: 'olli@kokkola.test', password: 'ohjaajan-hyvä-salasana' };
const KEYS = ['health', 'resilience', 'housing', 'everyday-coping', 'family', 'friends', 'finances', 'strengths', 'self-esteem', 'life-as-a-whole'];

let s; // the session: server, browser, helpers
let token;
let spaceId;
let client;

async function answerMeter(values) {
  await s.visit(client, `/spaces/${spaceId}/meter`, { lang: 'fi', h1: 'Elämäntilannemittari', label: 'meter answer page (360 px)' });
  await assertNoHorizontalScroll(client, 'the answer page');
  for (const [i, key] of KEYS.entries()) await client.locator(`#v-${key}-${values[i]}`).check();
  const done = await submit(client, client.getByRole('button', { name: 'Tallenna vastaukseni' }));
  assert.equal(done.status(), 200);
  assert.equal(new URL(client.url()).pathname, `/spaces/${spaceId}`);
  assert.match(await client.locator('main .notice[role=status]').innerText(), /Vastauksesi tallennettiin/);
}

describe('the life-situation meter in the browser', () => {
  before(async () => {
    s = await startSession();
    await setupGuidanceOrg(s, ORG, COUNSELLOR);
    token = await tokenFor(s, COUNSELLOR.email);
  });
  after(async () => {
    await s?.close();
  });

  test('1. the counsellor opens a space and asks the client to answer the meter', async () => {
    const opened = await openSpace(s, token, ORG.slug, { title: 'Elämäntilanne', client_email: 'anna@example.fi', client_name: 'Anna Asiakas', lang: 'fi' });
    spaceId = opened.id;
    const meters = await s.api(token, 'GET', `/api/v1/orgs/${ORG.slug}/meters`);
    assert.equal(meters.json[0].id, 'tupa-default');
    const chosen = await s.api(token, 'POST', `/api/v1/spaces/${spaceId}/meter`, { meter_id: 'tupa-default', ask: true });
    assert.equal(chosen.status, 200);

    client = await s.newPhone('fi-FI');
    await enterWithTestIdentification(s, client, opened.invite_url, { persona: 'Anna Asiakas', spaceId, lang: 'fi' });
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
    await assertNoHorizontalScroll(client, 'the space page');
    await checkA11y(client, 'space page with the meter chart (client, 360 px)');
  });

  test('3. the counsellor sees the same results, and the client gives feedback', async () => {
    const counsellor = await s.newPage();
    await signIn(s, counsellor, COUNSELLOR);
    await s.visit(counsellor, `/spaces/${spaceId}`, { lang: 'fi', label: 'space page (counsellor)' });
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
