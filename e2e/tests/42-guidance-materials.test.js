// Materials in guidance spaces in a real browser: a counsellor uploads a PDF to the
// organisation's materials library (after a refused file), shares it into a space with a link
// and a meeting summary, and the client on a 360 px phone in Swedish opens the file (a
// download) — after which the counsellor's page shows it as opened. axe-core checks every
// page visited.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { checkA11y } from '../lib/harness.js';
import { enterWithTestIdentification, openSpace, setupGuidanceOrg, tokenFor } from '../lib/guidance.js';
import { assertNoHorizontalScroll, signIn, submit } from '../lib/pages.js';
import { startSession } from '../lib/session.js';

const ORG = { slug: 'kuopio', name: 'Kuopion kaupunki' };
const COUNSELLOR = { name: 'Kaisa Ohjaaja', email: 'kaisa@kuopio.test', password: 'ohjaajan-hyvä-salasana' };
const CLIENT_EMAIL = 'sanna.svensson@example.fi';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

let s; // the session: server, browser, helpers
let counsellor;
let client;
let spaceId;
let inviteUrl;

describe('materials in guidance spaces in the browser', () => {
  before(async () => {
    s = await startSession();
    await setupGuidanceOrg(s, ORG, COUNSELLOR);
    const token = await tokenFor(s, COUNSELLOR.email);
    const opened = await openSpace(s, token, ORG.slug, { title: 'Asumisen tuki', client_email: CLIENT_EMAIL, client_name: 'Sanna Svensson', lang: 'sv' });
    spaceId = opened.id;
    inviteUrl = opened.invite_url;
  });
  after(async () => {
    await s?.close();
  });

  test('1. the counsellor uploads a PDF to the library, after a refused file', async () => {
    counsellor = await s.newPage();
    await signIn(s, counsellor, COUNSELLOR);
    await s.visit(counsellor, `/orgs/${ORG.slug}/materials`, { lang: 'fi', label: 'materials library (fi)' });
    assert.ok(await counsellor.getByRole('link', { name: 'Materiaalit' }).isVisible(), 'the tab is in the navigation');

    await counsellor.locator('#f-file_file').setInputFiles({ name: 'ohjelma.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ\x90\x00 not a pdf') });
    await counsellor.locator('#f-file_title').fill('Asumistuen opas');
    let res = await submit(counsellor, counsellor.getByRole('button', { name: 'Lataa tiedosto' }));
    assert.equal(res.status(), 422);
    assert.ok(await counsellor.locator('#f-file_file-error').isVisible(), 'the message is at the file field');
    assert.equal(await counsellor.locator('#f-file_title').inputValue(), 'Asumistuen opas', 'typed title kept');
    await checkA11y(counsellor, 'library with a refused file');

    await counsellor.locator('#f-file_file').setInputFiles({ name: 'asumistuen-opas.pdf', mimeType: 'application/pdf', buffer: PDF });
    res = await submit(counsellor, counsellor.getByRole('button', { name: 'Lataa tiedosto' }));
    assert.equal(res.status(), 200);
    assert.match(await counsellor.locator('main .notice[role=status]').innerText(), /Materiaali lisättiin kirjastoon/);
    assert.ok(await counsellor.locator('#library').getByRole('link', { name: 'Asumistuen opas' }).isVisible());
    await checkA11y(counsellor, 'library with a file');
  });

  test('2. the client on a phone in Swedish identifies and enters the space', async () => {
    client = await s.newPhone('sv-FI');
    await enterWithTestIdentification(s, client, inviteUrl, { persona: 'Sanna Svensson', spaceId, lang: 'sv' });
    assert.ok(await client.getByText('Inget material ännu.').isVisible());
  });

  test('3. the counsellor shares the file, adds a link and writes a meeting summary', async () => {
    await s.visit(counsellor, `/spaces/${spaceId}`, { lang: 'fi', label: 'space page (counsellor)' });
    await counsellor.locator('#f-material_id').selectOption({ label: 'Asumistuen opas' });
    await submit(counsellor, counsellor.getByRole('button', { name: 'Jaa tilaan' }));
    assert.match(await counsellor.locator('main .notice[role=status]').innerText(), /Materiaali jaettiin tilaan/);
    assert.match(await counsellor.locator('#material-list').innerText(), /ei vielä avattu/);

    await counsellor.getByText('Lisää linkki', { exact: true }).first().click();
    await counsellor.locator('#f-link_title').fill('Kela: asumistuki');
    await counsellor.locator('#f-link_url').fill('javascript:alert(1)');
    let res = await submit(counsellor, counsellor.locator('#add-link button[type=submit]'));
    assert.equal(res.status(), 422);
    assert.ok(await counsellor.locator('#f-link_url-error').isVisible());
    await checkA11y(counsellor, 'space page with a refused link');
    await counsellor.locator('#f-link_url').fill('https://www.kela.fi/asumistuki');
    res = await submit(counsellor, counsellor.locator('#add-link button[type=submit]'));
    assert.equal(res.status(), 200);

    await counsellor.getByText('Kirjoita tapaamisen yhteenveto').click();
    await counsellor.locator('#f-summary_title').fill('Ensimmäinen tapaaminen');
    await counsellor.locator('#f-summary_met_on').fill('2026-03-04');
    await counsellor.locator('#f-summary_body').fill('Sovimme, että haet asumistukea.');
    res = await submit(counsellor, counsellor.locator('#add-summary button[type=submit]'));
    assert.equal(res.status(), 200);
    await checkA11y(counsellor, 'space page with items (counsellor)');
  });

  test('4. the client opens the file, and the counsellor sees it opened', async () => {
    await s.visit(client, `/spaces/${spaceId}`, { lang: 'sv', label: 'space page with materials (client, sv)' });
    await assertNoHorizontalScroll(client, 'space page with materials');
    const link = client.locator('#link-list a');
    assert.equal(await link.getAttribute('target'), '_blank');
    assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
    assert.ok(await client.getByText('Sovimme, että haet asumistukea.').isVisible());
    const [download] = await Promise.all([
      client.waitForEvent('download'),
      client.locator('#material-list').getByRole('link', { name: 'Asumistuen opas' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'asumistuen-opas.pdf');
    const path = await download.path();
    assert.deepEqual(await readFile(path), PDF);

    await s.visit(counsellor, `/spaces/${spaceId}`, { lang: 'fi', label: 'space page after opening (counsellor)' });
    assert.match(await counsellor.locator('#material-list').innerText(), /avattu/);
    assert.doesNotMatch(await counsellor.locator('#material-list').innerText(), /ei vielä avattu/);
  });
});
