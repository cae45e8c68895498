// Materials in guidance spaces in a real browser: a counsellor uploads a PDF to the
// organisation's materials library (after a refused file), shares it into a space with a link
// and a meeting summary, and the client on a 360 px phone in Swedish opens the file (a
// download) — after which the counsellor's page shows it as opened. axe-core checks every
// page visited.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkA11y, launchBrowser, startTupa } from '../lib/harness.js';
import { expectPage, pathOf } from '../lib/pages.js';

const ORG = { slug: 'kuopio', name: 'Kuopion kaupunki' };
const COUNSELLOR = { name: 'Kaisa Ohjaaja', email: 'kaisa@kuopio.test', password: 'ohjaajan-hyvä-salasana' };
const CLIENT_EMAIL = 'sanna.svensson@example.fi';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

let tupa;
let browser;
const contexts = [];
let counsellor;
let client;
let spaceId;
let inviteUrl;

async function newPage(options = {}) {
  const context = await browser.newContext({ locale: 'fi-FI', acceptDownloads: true, ...options });
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
  await expectPage(page, { path: path.split('?')[0].split('#')[0], ...expected });
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

describe('materials in guidance spaces in the browser', () => {
  before(async () => {
    tupa = await startTupa();
    browser = await launchBrowser();
    await cli(['setup', '--operator-name', 'Tupa-palvelu', '--admin-email', 'yllapito@tupa.example', '--admin-name', 'Ylläpito', '--password-stdin'], 'ylläpidon-salasana-1');
    await cli(['org', 'create', '--slug', ORG.slug, '--name', ORG.name, '--plan', 'full']);
    await cli(['user', 'create', '--org', ORG.slug, '--email', COUNSELLOR.email, '--name', COUNSELLOR.name, '--role', 'counsellor', '--password-stdin'], COUNSELLOR.password);
    const token = await cli(['token', 'create', '--email', COUNSELLOR.email, '--name', 'e2e']);
    const res = await fetch(`${tupa.baseUrl}/api/v1/orgs/${ORG.slug}/spaces`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Asumisen tuki', client_email: CLIENT_EMAIL, client_name: 'Sanna Svensson', lang: 'sv' }),
    });
    assert.equal(res.status, 201);
    const opened = await res.json();
    spaceId = opened.id;
    inviteUrl = opened.invite_url;
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await tupa?.stop();
  });

  test('1. the counsellor uploads a PDF to the library, after a refused file', async () => {
    counsellor = await newPage();
    await visit(counsellor, '/sign-in', { lang: 'fi', label: 'sign-in' });
    await counsellor.locator('#f-email').fill(COUNSELLOR.email);
    await counsellor.locator('#f-password').fill(COUNSELLOR.password);
    await submit(counsellor, counsellor.locator('main form[action="/sign-in"] button[type=submit]'));
    await visit(counsellor, `/orgs/${ORG.slug}/materials`, { lang: 'fi', label: 'materials library (fi)' });
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
    client = await newPage({ locale: 'sv-FI', viewport: { width: 360, height: 740 } });
    const invitePath = inviteUrl.slice(tupa.baseUrl.length);
    await visit(client, invitePath, { lang: 'sv', label: 'invitation (sv, 360 px)' });
    await submit(client, client.getByRole('link', { name: 'Testidentifiering (utbildningsmiljö)' }));
    await client.getByLabel('Sanna Svensson').check();
    await submit(client, client.getByRole('button', { name: 'Identifiera dig som denna testperson' }));
    await submit(client, client.getByRole('button', { name: 'Gå till rummet' }));
    assert.equal(pathOf(client), `/spaces/${spaceId}`);
    assert.ok(await client.getByText('Inget material ännu.').isVisible());
  });

  test('3. the counsellor shares the file, adds a link and writes a meeting summary', async () => {
    await visit(counsellor, `/spaces/${spaceId}`, { lang: 'fi', label: 'space page (counsellor)' });
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
    await visit(client, `/spaces/${spaceId}`, { lang: 'sv', label: 'space page with materials (client, sv)' });
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
    const { readFile } = await import('node:fs/promises');
    assert.deepEqual(await readFile(path), PDF);

    await visit(counsellor, `/spaces/${spaceId}`, { lang: 'fi', label: 'space page after opening (counsellor)' });
    assert.match(await counsellor.locator('#material-list').innerText(), /avattu/);
    assert.doesNotMatch(await counsellor.locator('#material-list').innerText(), /ei vielä avattu/);
  });
});
