// Files in a guidance space's conversation and items put in place live, in a real browser:
// the client on a 360 px phone attaches a PDF with the message form (which works without
// JavaScript), the counsellor's open page shows it at once with its download link; the
// counsellor adds a link and a meeting summary and the client's open page puts them in place
// and announces them politely, without reloading. axe-core checks every page.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { checkA11y } from '../lib/harness.js';
import { enterWithTestIdentification, openSpace, setupGuidanceOrg, tokenFor } from '../lib/guidance.js';
import { assertNoHorizontalScroll, signIn, submit } from '../lib/pages.js';
import { startSession } from '../lib/session.js';

const ORG = { slug: 'rauma', name: 'Rauman kaupunki' };
const COUNSELLOR = { name: 'Riikka Ohjaaja', email: 'riikka@rauma.test', password: 'ohjaajan-hyvä-salasana' };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

let s;
let token;
let counsellor;
let client;
let spaceId;

describe('files and live items in a guidance space', () => {
  before(async () => {
    s = await startSession();
    await setupGuidanceOrg(s, ORG, COUNSELLOR);
    token = await tokenFor(s, COUNSELLOR.email);
  });
  after(async () => {
    await s?.close();
  });

  test('1. the client attaches a PDF on a phone; the counsellor sees it live', async () => {
    const opened = await openSpace(s, token, ORG.slug, { title: 'Asumisneuvonta', client_email: 'aino@example.fi', client_name: 'Aino', lang: 'fi' });
    spaceId = opened.id;
    client = await s.newPhone('fi-FI');
    await enterWithTestIdentification(s, client, opened.invite_url, { persona: 'Anna Asiakas', spaceId, lang: 'fi' });
    counsellor = await s.newPage();
    await signIn(s, counsellor, COUNSELLOR);
    await s.visit(counsellor, `/spaces/${spaceId}`, { lang: 'fi', label: 'space page (counsellor)' });
    await counsellor.waitForTimeout(500); // the socket connects

    await assertNoHorizontalScroll(client, 'space page with the file input');
    await client.getByLabel('Viesti').fill('Tässä vuokrasopimus.');
    await client.getByLabel('Liitä tiedostoja (vapaaehtoinen)').setInputFiles({ name: 'vuokrasopimus.pdf', mimeType: 'application/pdf', buffer: PDF });
    const res = await submit(client, client.locator('#new-message button[type=submit]'));
    assert.equal(res.status(), 200);
    const mine = client.locator('#messages li.message').last();
    assert.match(await mine.innerText(), /Tässä vuokrasopimus\./);
    assert.equal(await mine.locator('a[download]').innerText(), 'vuokrasopimus.pdf');
    await checkA11y(client, 'space page with an attachment (client)');
    await assertNoHorizontalScroll(client, 'space page with an attachment');

    // On the counsellor's open page without a reload, and downloadable byte for byte.
    const link = counsellor.locator('#messages a[download]', { hasText: 'vuokrasopimus.pdf' });
    await link.waitFor({ timeout: 10_000 });
    await checkA11y(counsellor, 'space page with a live attachment (counsellor)');
    const [download] = await Promise.all([counsellor.waitForEvent('download'), link.click()]);
    assert.deepEqual(await readFile(await download.path()), PDF);
  });

  test('2. a refused file comes back with the message at the field and the text kept', async () => {
    await client.getByLabel('Viesti').fill('Ohjelma');
    await client.getByLabel('Liitä tiedostoja (vapaaehtoinen)').setInputFiles({ name: 'ohjelma.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ not a pdf') });
    const res = await submit(client, client.locator('#new-message button[type=submit]'));
    assert.equal(res.status(), 422);
    assert.match(await client.locator('#f-attachments-error').innerText(), /Tällaista tiedostoa ei voi lähettää/);
    assert.equal(await client.getByLabel('Viesti').inputValue(), 'Ohjelma');
    await checkA11y(client, 'space page with a refused file (client)');
  });

  test('3. a new link and summary are put in place on the client page and announced', async () => {
    await s.visit(client, `/spaces/${spaceId}`, { lang: 'fi', label: 'space page (client)' });
    await client.waitForTimeout(500);
    const link = await s.api(token, 'POST', `/api/v1/spaces/${spaceId}/links`, { title: 'Kelan asumistuki', url: 'https://www.kela.fi/asumistuki' });
    assert.equal(link.status, 201);
    await client.locator(`#l-${link.json.id}`).waitFor({ timeout: 10_000 });
    assert.equal(await client.locator('#no-links').count(), 0);
    assert.match(await client.locator('#live-status').textContent(), /Uusi linkki: Kelan asumistuki/);
    const summary = await s.api(token, 'POST', `/api/v1/spaces/${spaceId}/summaries`, { title: 'Ensimmäinen tapaaminen', body: 'Sovimme asumistuen hakemisesta.' });
    assert.equal(summary.status, 201);
    await client.locator(`#s-${summary.json.id}`).waitFor({ timeout: 10_000 });
    assert.match(await client.locator(`#s-${summary.json.id}`).innerText(), /Sovimme asumistuen hakemisesta/);
    assert.match(await client.locator('#live-status').textContent(), /Ensimmäinen tapaaminen/);
    await checkA11y(client, 'space page with live items (client)');
    await assertNoHorizontalScroll(client, 'space page with live items');
  });
});
