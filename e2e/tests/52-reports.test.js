// Reports in a real browser: a supervisor on a 360 px phone opens the report page, whose
// three charts are server-drawn SVG images with a data table each, changes the period with
// the plain GET form, and downloads the CSV and the XLSX from the page's links; the XLSX is
// opened with a real reader (exceljs) and its rows checked against the JSON API; printed, the
// page leaves navigation, the form and the links out but says what the figures cover. axe-core
// checks every page.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { launchBrowser, startTupa } from '../lib/harness.js';
import { expectPage } from '../lib/pages.js';

const ORG = { slug: 'raahe', name: 'Raahen kaupunki' };
const ADMIN = { email: 'paakayttaja@raahe.test', password: 'pääkäyttäjän-salasana-1' };
const SUPERVISOR = { email: 'valvoja@raahe.test', password: 'valvojan-hyvä-salasana' };
const ADVISER = { email: 'neuvoja@raahe.test', password: 'neuvojan-hyvä-salasana' };

let tupa;
let browser;
let context;
let page;
let adminToken;
let today;

async function cli(args, input) {
  const res = await tupa.run(args, { input });
  assert.equal(res.code, 0, `tupa ${args.join(' ')} exited ${res.code}:\n${res.stdout}${res.stderr}`);
  return res.stdout.trim();
}

async function api(token, method, path, body) {
  const res = await fetch(tupa.baseUrl + path, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'accept-language': 'fi' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

async function submit(target) {
  const [res] = await Promise.all([page.waitForNavigation(), target.click()]);
  return res;
}

async function download(name) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}

describe('reports in the browser', () => {
  before(async () => {
    tupa = await startTupa();
    browser = await launchBrowser();
    await cli(['setup', '--operator-name', 'Tupa-palvelu', '--admin-email', 'yllapito@tupa.example', '--admin-name', 'Ylläpito', '--password-stdin'], 'ylläpidon-salasana-1');
    await cli(['org', 'create', '--slug', ORG.slug, '--name', ORG.name, '--plan', 'full']);
    for (const [who, role] of [[ADMIN, 'main-admin'], [SUPERVISOR, 'supervisor'], [ADVISER, 'adviser']]) {
      await cli(['user', 'create', '--org', ORG.slug, '--email', who.email, '--name', who.email.split('@')[0], '--role', role, '--password-stdin'], who.password);
    }
    adminToken = await cli(['token', 'create', '--email', ADMIN.email, '--name', 'e2e']);
    const adviserToken = await cli(['token', 'create', '--email', ADVISER.email, '--name', 'e2e']);
    const laskut = await api(adminToken, 'POST', `/api/v1/orgs/${ORG.slug}/desk/categories`, { name_fi: 'Laskut', name_sv: 'Fakturor', name_en: 'Invoices' });
    assert.equal(laskut.status, 201, JSON.stringify(laskut.json));
    for (let i = 0; i < 6; i++) {
      const made = await api(adviserToken, 'POST', `/api/v1/orgs/${ORG.slug}/tickets`, {
        name: `Asiakas ${i}`, email: `asiakas${i}@example.fi`, message: 'Kysymys laskusta', category_id: i < 4 ? laskut.json.id : null,
      });
      assert.equal(made.status, 201, JSON.stringify(made.json));
    }
    today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Helsinki' });
  });
  after(async () => {
    await context?.close().catch(() => {});
    await browser?.close();
    await tupa?.stop();
  });

  test('1. the supervisor reads the report with its charts on a phone', async () => {
    context = await browser.newContext({ locale: 'fi-FI', viewport: { width: 360, height: 740 }, acceptDownloads: true });
    page = await context.newPage();
    await page.goto(`${tupa.baseUrl}/sign-in`);
    await page.locator('#f-email').fill(SUPERVISOR.email);
    await page.locator('#f-password').fill(SUPERVISOR.password);
    await submit(page.locator('main form[action="/sign-in"] button[type=submit]'));
    await page.goto(`${tupa.baseUrl}/orgs/${ORG.slug}`);
    await submit(page.getByRole('link', { name: 'Raportit' }));
    await expectPage(page, { path: `/orgs/${ORG.slug}/reports`, lang: 'fi', h1: ORG.name, label: 'report page (360 px)' });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `the report page is ${width} px wide at 360 px`);
    // Three charts, each an image with a title and a description, each with its table.
    const charts = page.locator('svg.report-chart[role=img]');
    assert.equal(await charts.count(), 3);
    for (const id of ['chart-trend', 'chart-categories', 'chart-meter']) {
      assert.equal(await page.locator(`#${id}-t`).count(), 1, `${id} has a title`);
      assert.equal(await page.locator(`#${id}-table caption`).count(), 1, `${id} has a table`);
    }
    assert.match(await page.locator('#chart-categories-d').textContent(), /Laskut: 4/);
    const row = page.locator('#chart-categories-table tbody tr', { hasText: 'Laskut' });
    assert.equal((await row.locator('td').innerText()).trim(), '4');
    const contacts = page.locator('#report-points tr[data-id="desk.contacts.total"] td.num');
    assert.equal((await contacts.innerText()).trim(), '6');
    // Six people, so shown; a figure of fewer people would read "alle 5".
    assert.equal((await page.locator('#report-points tr[data-id="desk.requesters.distinct"] td.num').innerText()).trim(), '6');
  });

  test('2. the period form works without script and refuses a reversed period', async () => {
    await page.locator('#f-from').fill('2020-01-01');
    await page.locator('#f-to').fill('2020-01-31');
    let res = await submit(page.getByRole('button', { name: 'Näytä' }));
    assert.equal(res.status(), 200);
    await expectPage(page, { path: `/orgs/${ORG.slug}/reports`, lang: 'fi', label: 'report page, January 2020' });
    assert.equal((await page.locator('#report-points tr[data-id="desk.contacts.total"] td.num').innerText()).trim(), '0');
    await page.locator('#f-from').fill('2020-02-01');
    res = await submit(page.getByRole('button', { name: 'Näytä' }));
    assert.equal(res.status(), 422);
    await expectPage(page, { path: `/orgs/${ORG.slug}/reports`, lang: 'fi', label: 'report page with an error' });
    assert.match(await page.locator('#f-to-error').innerText(), /Loppupäivä on ennen alkupäivää/);
    await page.goto(`${tupa.baseUrl}/orgs/${ORG.slug}/reports?from=${today.slice(0, 4)}-01-01&to=${today}`);
  });

  test('3. the downloads: CSV and an XLSX a real reader opens', async () => {
    const csv = await download('Lataa CSV-tiedostona');
    assert.match(csv.name, new RegExp(`^${ORG.slug}-.*\\.csv$`));
    const lines = csv.bytes.toString('utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    assert.equal(lines[0], 'Tunniste,Datapiste,Arvo');
    assert.ok(lines.includes('desk.contacts.total,Yhteydenotot,6'), lines.slice(0, 5).join('\n'));

    const xlsx = await download('Lataa Excel-tiedostona (XLSX)');
    assert.match(xlsx.name, /\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.bytes);
    const sheet = book.worksheets[0];
    assert.deepEqual(sheet.getRow(1).values.slice(1), ['Tunniste', 'Datapiste', 'Arvo']);
    const rows = new Map();
    sheet.eachRow((r, n) => { if (n > 1) rows.set(r.getCell(1).value, r.getCell(3).value); });
    const json = await api(adminToken, 'GET', `/api/v1/orgs/${ORG.slug}/reports?from=${today.slice(0, 4)}-01-01&to=${today}`);
    assert.equal(json.status, 200);
    assert.equal(rows.size, json.json.data_points.length);
    for (const p of json.json.data_points) assert.equal(rows.get(p.id) ?? null, p.value, p.id);
    assert.equal(rows.get('desk.contacts.total'), 6);
  });

  test('4. the printout: no navigation, form or links, the scope said, charts and tables kept', async () => {
    const scope = page.locator('#report-scope');
    assert.match(await scope.innerText(), new RegExp(`Jakso 1\\.1\\.${today.slice(0, 4)}–`));
    assert.match(await scope.innerText(), /Koko organisaatio/);
    await page.emulateMedia({ media: 'print' });
    try {
      for (const hidden of ['.site-header', 'nav.tabs', 'form.report-form', '.report-downloads']) {
        const el = page.locator(hidden).first();
        assert.equal(await el.count(), 1, `${hidden} is on the page`);
        assert.equal(await el.isVisible(), false, `${hidden} is left out of the printout`);
      }
      assert.ok(await scope.isVisible(), 'the printout says what it covers');
      assert.equal(await page.locator('svg.report-chart').count(), 3);
      for (const id of ['chart-trend', 'chart-categories', 'chart-meter']) {
        assert.ok(await page.locator(`svg.report-chart[aria-labelledby^="${id}-t "]`).isVisible(), `${id} is printed`);
        assert.ok(await page.locator(`#${id}-table`).isVisible(), `${id}'s table is printed`);
      }
      // Tables are not clipped to a scrolling box on paper.
      const clipped = await page.evaluate(() => [...document.querySelectorAll('.table-scroll')]
        .filter((el) => getComputedStyle(el).overflowX !== 'visible').length);
      assert.equal(clipped, 0);
      const pdf = await page.pdf({ format: 'A4' });
      assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });
});
