// A client's whole journey through a guidance space, in Chromium, with axe on every page of
// ours visited: a citizen writes to the service desk through the contact form on her phone;
// the counsellor (who also works the desk) turns the ticket into a space with one click; the
// invitation waits in the outbox (training); the client follows it and identifies through the
// FTN-profile OpenID provider (e2e/oidc-provider: signed request object, private_key_jwt,
// encrypted ID token, loa3) on its own login form; they chat live, the counsellor gives a
// task and the client answers it, the client answers the meter, a video call connects (fake
// devices), the client gives feedback; the counsellor closes the space; time moves on with
// `tupa maintenance run --at` until the space is archived; and the client downloads the
// archive ZIP, which holds the transcript and the shared file.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { checkA11y, totpCode } from '../lib/harness.js';
import { OPERATOR_ADMIN, setupGuidanceOrg, tokenFor } from '../lib/guidance.js';
import { LOA3, oidcEnv, reservePort, startProvider } from '../lib/oidc.js';
import { assertNoHorizontalScroll, expectPage, signIn, submit } from '../lib/pages.js';
import { startSession } from '../lib/session.js';
import { readZip } from '../lib/zip.js';

const ORG = { slug: 'lahti', name: 'Lahden kaupunki' };
const COUNSELLOR = { name: 'Leena Ohjaaja', email: 'leena@lahti.test', password: 'ohjaajan-hyvä-salasana' };
// The provider's persona 'anna' is Anna Asiakas.
const CLIENT = { name: 'Anna Asiakas', email: 'anna.asiakas@example.fi', persona: 'anna' };
const CLIENT_ID = 'tupa-e2e-journey';
const CONTACT = { subject: 'Velat ja vuokra', message: 'Hei, vuokrarästit kasvavat enkä tiedä mistä aloittaa.' };
const METER_KEYS = ['health', 'resilience', 'housing', 'everyday-coping', 'family', 'friends', 'finances', 'strengths', 'self-esteem', 'life-as-a-whole'];
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const DAY = 24 * 3600 * 1000;

let s; // the session: server, browser, helpers
let provider;
let client; // Anna's phone, from the contact form to the archive
let counsellor;
let caseNumber;
let spaceId;
let inviteUrl;
let counsellorToken;

const pathname = (page) => new URL(page.url()).pathname;
const notice = (page) => page.locator('main .notice[role=status]').innerText();
const messages = (page) => page.locator('#messages li.message .body').allInnerTexts();
const callState = (page, state) => page.waitForSelector(`#call[data-call-state="${state}"]`, { timeout: 20_000 });

describe('a client\'s journey through a guidance space', () => {
  before(async () => {
    const port = await reservePort();
    s = await startSession({ env: oidcEnv(port, CLIENT_ID), fakeMedia: true });
    await setupGuidanceOrg(s, ORG, COUNSELLOR, { roles: ['adviser'] });
    provider = await startProvider({ port, clientId: CLIENT_ID, tupaBase: s.baseUrl });
    counsellorToken = await tokenFor(s, COUNSELLOR.email);
  });
  after(async () => {
    provider?.stop();
    await s?.close();
  });

  test('1. the citizen writes to the service desk from her phone', async () => {
    client = await s.newPhone('fi-FI');
    const path = `/contact/${ORG.slug}`;
    await s.visit(client, path, { lang: 'fi', label: 'contact form (360 px)' });
    await client.locator('#f-name').fill(CLIENT.name);
    await client.locator('#f-email').fill(CLIENT.email);
    await client.locator('#f-subject').fill(CONTACT.subject);
    await client.locator('#f-message').fill(CONTACT.message);
    const res = await submit(client, client.locator(`main form[action^="${path}?csrf="] button[type=submit]`));
    assert.equal(res.status(), 200);
    await checkA11y(client, 'contact form sent');
    caseNumber = (await notice(client)).match(/\b(\d{4}-\d{8})\b/)[1];
  });

  test('2. the counsellor turns the ticket into a space with one click', async () => {
    counsellor = await s.newPage();
    await signIn(s, counsellor, COUNSELLOR);
    const ticketPath = `/orgs/${ORG.slug}/desk/${caseNumber}`;
    await s.visit(counsellor, ticketPath, { lang: 'fi', label: 'ticket page' });
    const res = await submit(counsellor, counsellor.getByRole('button', { name: 'Muuta ohjaustilaksi' }));
    assert.equal(res.status(), 200);
    assert.match(pathname(counsellor), /^\/spaces\/[0-9a-f-]+$/);
    spaceId = pathname(counsellor).split('/').pop();
    assert.match(await notice(counsellor), /Ohjaustila avattiin ja asiakas kutsuttiin/);
    assert.equal(await counsellor.locator('h1').innerText(), CONTACT.subject, 'the ticket\'s subject is the title');
    assert.ok((await messages(counsellor)).some((m) => m.includes('vuokrarästit kasvavat')), 'the conversation came along');
    assert.match(await counsellor.locator('#messages li.from-ticket .meta').first().innerText(), /Palvelupisteestä/);
    await checkA11y(counsellor, 'space opened from a ticket (counsellor)');
    // The ticket now leads to its space.
    await s.visit(counsellor, ticketPath, { label: 'ticket page with its space' });
    assert.equal(await counsellor.getByRole('link', { name: 'Asian ohjaustila' }).getAttribute('href'), `/spaces/${spaceId}`);
  });

  test('3. the invitation mail waits in the outbox, where the operator reads it (training)', async () => {
    // A platform admin enrols a second factor before anything else.
    const admin = await s.newPage();
    await signIn(s, admin, OPERATOR_ADMIN);
    await expectPage(admin, { path: '/profile/totp', lang: 'fi', label: 'TOTP enrolment (operator admin)' });
    const secret = (await admin.locator('#totp-secret').innerText()).trim();
    await admin.getByLabel('Kuusinumeroinen koodi').fill(totpCode(secret));
    await submit(admin, admin.locator('main form[action="/profile/totp"] button[type=submit]'));
    await s.visit(admin, '/outbox', { lang: 'fi', label: 'outbox' });
    const row = admin.locator('main table tbody tr', { hasText: CLIENT.email }).filter({ hasText: 'Kutsu ohjaustilaan' });
    assert.equal(await row.count(), 1, 'one invitation to the client');
    assert.match(await row.innerText(), /Tallennettu|captured/i);
    await submit(admin, row.getByRole('link'));
    await checkA11y(admin, 'the invitation in the outbox');
    const body = await admin.locator('pre.mail').innerText();
    inviteUrl = body.match(/https?:\/\/\S+\/spaces\/invite\/\S+/)[0];
    assert.ok(inviteUrl.startsWith(s.baseUrl), inviteUrl);
  });

  test('4. the client identifies through the FTN provider and enters the space', async () => {
    const invitePath = inviteUrl.slice(s.baseUrl.length);
    await s.visit(client, invitePath, { lang: 'fi', h1: 'Sinut on kutsuttu ohjaustilaan', label: 'invitation (360 px)' });
    await assertNoHorizontalScroll(client, 'invitation');
    await submit(client, client.getByRole('link', { name: 'Tunnistaudu ja siirry tilaan' }));
    // The provider's own login page (not ours, but a person passes it, so axe checks it too).
    assert.ok(client.url().startsWith(`${provider.issuer}/interaction/`), client.url());
    assert.equal(await client.locator('h1').innerText(), 'Test identification provider');
    await checkA11y(client, 'the provider\'s login page');
    await client.getByLabel('Persona').selectOption(CLIENT.persona);
    await client.getByLabel('Level').selectOption(LOA3);
    // Provider → Tupa's callback → back at the invitation, identified.
    await Promise.all([client.waitForURL(`${s.baseUrl}${invitePath}`), client.getByRole('button', { name: 'Identify' }).click()]);
    await expectPage(client, { path: invitePath, lang: 'fi', label: 'invitation, identified' });
    assert.match(await client.locator('main').innerText(), /Olet tunnistautunut: Anna Asiakas/);
    await submit(client, client.getByRole('button', { name: 'Siirry tilaan' }));
    await expectPage(client, { path: `/spaces/${spaceId}`, lang: 'fi', h1: CONTACT.subject, label: 'space page (client, 360 px)' });
    assert.match(await client.locator('main .controller').innerText(), new RegExp(ORG.name));
    await assertNoHorizontalScroll(client, 'space page (client)');
  });

  test('5. they chat live: each message appears on the other page without reloading', async () => {
    await s.visit(counsellor, `/spaces/${spaceId}`, { label: 'space page (counsellor)' });
    await counsellor.waitForTimeout(500); // both sockets open
    await counsellor.locator('#f-body').fill('Hei Anna, hyvä että otit yhteyttä. Katsotaan tilanne yhdessä.');
    await counsellor.getByRole('button', { name: 'Lähetä', exact: true }).click();
    await client.locator('#messages').getByText('Hei Anna, hyvä että otit yhteyttä.', { exact: false }).waitFor({ timeout: 10_000 });
    await client.locator('#f-body').fill('Kiitos! Vuokraa on rästissä kolmelta kuukaudelta.');
    await client.getByRole('button', { name: 'Lähetä', exact: true }).click();
    await counsellor.locator('#messages').getByText('Vuokraa on rästissä kolmelta kuukaudelta.', { exact: false }).waitFor({ timeout: 10_000 });
    assert.equal(pathname(client), `/spaces/${spaceId}`, 'the client page did not reload');
    await checkA11y(client, 'space page with live messages (client)');
    await checkA11y(counsellor, 'space page with live messages (counsellor)');
    await assertNoHorizontalScroll(client, 'space page with messages');
  });

  test('6. the counsellor gives a task on the spot and the client answers it', async () => {
    await counsellor.locator('#f-task_title').fill('Listaa laskut');
    await counsellor.locator('#f-task_instructions').fill('Kirjoita auki olevat laskut ja niiden eräpäivät.');
    let res = await submit(counsellor, counsellor.getByRole('button', { name: 'Lisää tehtävä' }));
    assert.equal(res.status(), 200);
    assert.match(await notice(counsellor), /Tehtävä lisättiin/);
    const taskId = (await counsellor.locator('#tasks li.task').first().getAttribute('id')).replace('task-', '');
    await checkA11y(counsellor, 'space page with a task (counsellor)');

    // The client's open page puts the new task in place without reloading.
    const task = client.locator(`#task-${taskId}`);
    await task.waitFor({ timeout: 10_000 });
    assert.match(await task.innerText(), /Kirjoita auki olevat laskut/);
    await checkA11y(client, 'space page with a task (client)');
    await task.getByLabel('Vastauksesi').fill('Vuokra 3 × 650 €, sähkö 120 €.');
    await task.getByLabel('Tehtävä on tehty').check();
    res = await submit(client, task.getByRole('button', { name: 'Lähetä vastaus' }));
    assert.equal(res.status(), 200);
    await checkA11y(client, 'space page with an answered task (client)');

    await s.visit(counsellor, `/spaces/${spaceId}`, { label: 'space page with the answer (counsellor)' });
    assert.match(await counsellor.locator(`#task-${taskId}`).innerText(), /Vuokra 3 × 650 €, sähkö 120 €\./);
  });

  test('7. the client answers the life-situation meter', async () => {
    await s.visit(client, `/spaces/${spaceId}/meter`, { lang: 'fi', h1: 'Elämäntilannemittari', label: 'meter answer page (360 px)' });
    await assertNoHorizontalScroll(client, 'meter answer page');
    const values = [6, 5, 2, 5, 8, 7, 1, 6, 5, 4];
    for (const [i, key] of METER_KEYS.entries()) await client.locator(`#v-${key}-${values[i]}`).check();
    const res = await submit(client, client.getByRole('button', { name: 'Tallenna vastaukseni' }));
    assert.equal(res.status(), 200);
    assert.equal(pathname(client), `/spaces/${spaceId}`);
    assert.match(await notice(client), /Vastauksesi tallennettiin/);
    assert.equal(await client.locator('svg.meter-chart').count(), METER_KEYS.length, 'a chart per area');
    const housing = client.locator('#meter-table tr', { has: client.locator('th', { hasText: 'Asuminen' }) });
    assert.deepEqual(await housing.locator('td').allInnerTexts(), ['2 (punainen)']);
    await checkA11y(client, 'space page with the meter chart (client)');
    await assertNoHorizontalScroll(client, 'space page with the meter chart');
  });

  test('8. the counsellor shares a file from the materials library', async () => {
    await s.visit(counsellor, `/orgs/${ORG.slug}/materials`, { label: 'materials library' });
    await counsellor.locator('#f-file_file').setInputFiles({ name: 'velkaneuvonta.pdf', mimeType: 'application/pdf', buffer: PDF });
    await counsellor.locator('#f-file_title').fill('Velkaneuvonnan opas');
    let res = await submit(counsellor, counsellor.getByRole('button', { name: 'Lataa tiedosto' }));
    assert.equal(res.status(), 200);
    await s.visit(counsellor, `/spaces/${spaceId}`, { label: 'space page (counsellor)' });
    await counsellor.locator('#f-material_id').selectOption({ label: 'Velkaneuvonnan opas' });
    res = await submit(counsellor, counsellor.getByRole('button', { name: 'Jaa tilaan' }));
    assert.equal(res.status(), 200);
    assert.match(await notice(counsellor), /Materiaali jaettiin tilaan/);
    await checkA11y(counsellor, 'space page with a shared file (counsellor)');
  });

  test('9. a video call connects between the two browsers', async () => {
    await s.visit(counsellor, `/spaces/${spaceId}`, { label: 'space page before the call (counsellor)' });
    await s.visit(client, `/spaces/${spaceId}`, { label: 'space page before the call (client)' });
    for (const page of [counsellor, client]) await page.getByRole('button', { name: 'Aloita videopuhelu' }).waitFor();
    await counsellor.waitForTimeout(1000); // both sockets open before the call rings
    await counsellor.getByRole('button', { name: 'Aloita videopuhelu' }).click();
    await client.locator('#call-incoming').waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await client.locator('#call-incoming-text').innerText(), /Leena Ohjaaja soittaa sinulle/);
    await checkA11y(client, 'incoming call (client)');
    await client.getByRole('button', { name: 'Vastaa', exact: true }).click();
    await Promise.all([callState(counsellor, 'connected'), callState(client, 'connected')]);
    for (const page of [counsellor, client]) {
      await page.waitForFunction(() => {
        const v = document.getElementById('call-remote');
        return v.videoWidth > 0 && v.readyState >= 2;
      }, null, { timeout: 20_000 });
    }
    await checkA11y(client, 'during the call (client, 360 px)');
    await assertNoHorizontalScroll(client, 'during the call');
    await client.getByRole('button', { name: 'Lopeta puhelu' }).click();
    await Promise.all([callState(client, 'ended'), callState(counsellor, 'ended')]);
  });

  test('10. the client gives feedback on the meeting', async () => {
    await s.visit(client, `/spaces/${spaceId}`, { label: 'space page after the call (client)' });
    await client.locator('#feedback-form').getByLabel('5 – erinomainen', { exact: true }).check();
    await client.locator('#f-comment').fill('Sain selkeän suunnitelman.');
    await submit(client, client.getByRole('button', { name: 'Lähetä palaute' }));
    assert.match(await notice(client), /Kiitos palautteestasi/);
    await checkA11y(client, 'feedback sent (client)');
  });

  test('11. the counsellor closes the space; the client may still read and write', async () => {
    await s.visit(counsellor, `/spaces/${spaceId}`, { label: 'space page before closing (counsellor)' });
    await submit(counsellor, counsellor.getByRole('button', { name: 'Sulje tila' }));
    assert.match(await notice(counsellor), /Tila suljettiin/);
    await checkA11y(counsellor, 'closed space (counsellor)');
    const space = await s.api(counsellorToken, 'GET', `/api/v1/spaces/${spaceId}`);
    assert.equal(space.json.status, 'closed');
    await s.visit(client, `/spaces/${spaceId}`, { label: 'closed space (client)' });
    assert.match(await client.locator('main').innerText(), /Tila on suljettu/);
  });

  test('12. time moves on: still closed after a month, archived after three', async () => {
    const at = (days) => new Date(Date.now() + days * DAY).toISOString().replace(/\.\d+Z$/, 'Z');
    await s.cli(['maintenance', 'run', '--at', at(30)]);
    let space = await s.api(counsellorToken, 'GET', `/api/v1/spaces/${spaceId}`);
    assert.equal(space.json.status, 'closed', 'a month after closing the space is still closed');
    const out = await s.cli(['maintenance', 'run', '--at', at(100)]);
    assert.match(out, /archiv/i, `maintenance said: ${out}`);
    await s.visit(client, `/spaces/${spaceId}`, { lang: 'fi', label: 'archived space (client, 360 px)' });
    assert.match(await client.locator('main').innerText(), /Tila on arkistoitu/);
    assert.equal(await client.locator('#f-body').count(), 0, 'an archived space takes no more messages');
    await assertNoHorizontalScroll(client, 'archived space');
  });

  test('13. the client downloads the archive: the transcript and the file', async () => {
    const [download] = await Promise.all([
      client.waitForEvent('download'),
      client.getByRole('link', { name: 'Lataa tila (ZIP)' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /\.zip$/);
    const files = readZip(await readFile(await download.path()));
    assert.ok(files['transcript.html'], `the ZIP holds ${Object.keys(files)}`);
    const transcript = files['transcript.html'].toString('utf8');
    for (const text of ['vuokrarästit kasvavat', 'Hei Anna, hyvä että otit yhteyttä.', 'Vuokraa on rästissä kolmelta kuukaudelta.', 'Listaa laskut', 'Vuokra 3 × 650 €, sähkö 120 €.', 'Velkaneuvonnan opas']) {
      assert.ok(transcript.includes(text), `the transcript has "${text}"`);
    }
    assert.ok(transcript.includes(ORG.name), 'the transcript names the controller');
    const pdf = Object.entries(files).find(([name]) => name.startsWith('files/') && name.endsWith('.pdf'));
    assert.ok(pdf, `a PDF under files/ in ${Object.keys(files)}`);
    assert.deepEqual(pdf[1], PDF, 'the shared file, byte for byte');
  });
});
