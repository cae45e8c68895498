// Navigation (issue 12): for each role, a breadth-first walk of every same-origin link from
// the front page (GET only; no sign-out, downloads, feeds or other sites; at most 150 pages
// a role) meets no 403, 404 or 500, and axe finds nothing on the first page of each template.
// The main admin reaches the logo upload and the job-market settings; the audit log reads in
// words and fits a 360 px phone without sideways scrolling. No page shows Markdown backticks
// or refers to the README.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkA11y, totpCode } from '../lib/harness.js';
import { assertNoHorizontalScroll, pathOf, signIn, submit } from '../lib/pages.js';
import { startSession } from '../lib/session.js';

const ORG = { slug: 'esimerkkila', name: 'Esimerkkilän kaupunki' };
const OPERATOR = { email: 'yllapito@tupa.example', password: 'ylläpidon-salasana-1' };
const PEOPLE = {
  'main-admin': { email: 'paakayttaja@esimerkkila.test', password: 'pääkäyttäjän-salasana-1' },
  adviser: { email: 'neuvoja@esimerkkila.test', password: 'neuvojan-hyvä-salasana' },
  recruiter: { email: 'rekrytoija@esimerkkila.test', password: 'rekrytoijan-salasana-1' },
  counsellor: { email: 'ohjaaja@esimerkkila.test', password: 'ohjaajan-hyvä-salasana' },
  supervisor: { email: 'valvoja@esimerkkila.test', password: 'valvojan-hyvä-salasana' },
};
const CAP = 150;
const SKIP = ['/sign-out', '.zip', '/export', '/download', '/files/', '/attachments/', '/original', '/logo', 'feed.', '/events', '.csv', '.xlsx'];

let session;
const templatesChecked = new Set();

// A page's template: ids, case numbers and tokens in the path become placeholders.
function templateOf(path) {
  return path
    .split('?')[0]
    .split('/')
    .map((seg) => (/\d/.test(seg) && seg.length >= 6 ? ':id' : seg))
    .join('/');
}

// Walks the links from the front page; the pages seen.
async function walk(page, who) {
  const base = session.baseUrl;
  const seen = new Set(['/']);
  const queue = ['/'];
  let visited = 0;
  while (queue.length > 0 && visited < CAP) {
    const path = queue.shift();
    visited += 1;
    const res = await page.goto(base + path);
    const status = res.status();
    assert.ok(![403, 404, 500].includes(status), `${who}: GET ${path} answered ${status}`);
    if (!(res.headers()['content-type'] ?? '').startsWith('text/html')) continue;
    const template = templateOf(pathOf(page));
    if (status < 400 && !templatesChecked.has(template)) {
      templatesChecked.add(template);
      await checkA11y(page, `${who}: ${pathOf(page)}`);
    }
    // The page speaks in words: no Markdown backticks or README references (issue 12).
    const text = await page.locator('body').innerText();
    assert.ok(!text.includes('`') && !text.includes('README'), `${who}: ${path} shows Markdown or the README: ${text}`);
    const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.href));
    for (const href of hrefs) {
      const url = new URL(href);
      if (url.origin !== base) continue;
      const link = url.pathname + url.search;
      if (SKIP.some((s) => link.includes(s)) || seen.has(link)) continue;
      seen.add(link);
      queue.push(link);
    }
  }
  return seen;
}

describe('every page of every role is reachable without a refusal', () => {
  before(async () => {
    session = await startSession();
    const { cli, api } = session;
    await cli(['setup', '--operator-name', 'Tupa-palvelu', '--admin-email', OPERATOR.email, '--admin-name', 'Ylläpito', '--password-stdin'], OPERATOR.password);
    await cli(['org', 'create', '--slug', ORG.slug, '--name', ORG.name, '--plan', 'full']);
    for (const [role, who] of Object.entries(PEOPLE)) {
      await cli(['user', 'create', '--org', ORG.slug, '--email', who.email, '--name', `${role} Esimerkki`, '--role', role, '--password-stdin'], who.password);
    }
    const adviserToken = await cli(['token', 'create', '--email', PEOPLE.adviser.email, '--name', 'e2e']);
    const made = await api(adviserToken, 'POST', `/api/v1/orgs/${ORG.slug}/tickets`, { name: 'Asiakas', email: 'asiakas@example.fi', subject: 'Koulukuljetus', message: 'Kysymys koulukuljetuksesta' });
    assert.equal(made.status, 201, JSON.stringify(made.json));
    const recruiterToken = await cli(['token', 'create', '--email', PEOPLE.recruiter.email, '--name', 'e2e']);
    const deadline = new Date(Date.now() + 2 * 86400e3).toLocaleString('sv-SE', { timeZone: 'Europe/Helsinki' }).slice(0, 16).replace(' ', 'T');
    const ad = await api(recruiterToken, 'POST', `/api/v1/orgs/${ORG.slug}/job-ads`, {
      municipality_name: 'Espoo', municipality_code: '049', street: 'Kamreerintie 3', postal_code: '02770', city: 'Espoo',
      employment_type: 'permanent', working_time: 'full-time', engagement: 'public-office', salary_basis: 'OVTES', vacancies: 1,
      contacts: [], questions: [], deadline, texts: { fi: { title: 'Kesätyöntekijä', description: 'Tule töihin.' } },
    });
    assert.equal(ad.status, 201, JSON.stringify(ad.json));
    const sent = await api(recruiterToken, 'POST', `/api/v1/orgs/${ORG.slug}/job-ads/${ad.json.id}/submit`, {});
    assert.ok(sent.status < 300, JSON.stringify(sent.json));
  });
  after(async () => {
    await session?.close();
  });

  test('1. the platform admin, after enrolling the second factor', async () => {
    const page = await session.newPage();
    await signIn(session, page, OPERATOR);
    assert.equal(new URL(page.url()).pathname, '/profile/totp');
    const secret = (await page.locator('#totp-secret').innerText()).trim();
    await page.locator('#f-code').fill(totpCode(secret));
    await submit(page, page.locator('form[action="/profile/totp"] button[type=submit]'));
    const seen = await walk(page, 'platform admin');
    for (const p of ['/orgs', `/orgs/${ORG.slug}`, '/plans', '/audit', '/outbox']) assert.ok(seen.has(p), `platform admin reaches ${p}`);
  });

  test('2. the main admin reaches the logo upload and the job-market settings', async () => {
    const page = await session.newPage();
    await signIn(session, page, PEOPLE['main-admin']);
    const home = await page.locator('main').innerText();
    assert.match(home, /Lisää logo työpaikkasivulle/);
    const seen = await walk(page, 'main admin');
    for (const p of [`/orgs/${ORG.slug}/recruitment/publishing`, `/orgs/${ORG.slug}/recruitment/jobmarket`, `/orgs/${ORG.slug}/audit`, `/orgs/${ORG.slug}/users`]) {
      assert.ok(seen.has(p), `main admin reaches ${p}`);
    }
    // The audit log in words, on a phone, with nothing scrolling sideways.
    const phone = await session.newPhone();
    await signIn(session, phone, PEOPLE['main-admin']);
    await session.visit(phone, `/orgs/${ORG.slug}/audit`, { label: 'audit log at 360 px' });
    assert.match(await phone.locator('main').innerText(), /main-admin Esimerkki kirjautui sisään/);
    await assertNoHorizontalScroll(phone, 'audit log');
  });

  for (const role of ['adviser', 'recruiter', 'counsellor', 'supervisor']) {
    test(`3. the ${role}`, async () => {
      const page = await session.newPage();
      await signIn(session, page, PEOPLE[role]);
      const home = await page.locator('main').innerText();
      if (role === 'adviser') assert.match(home, /Tiketit ilman käsittelijää: 1/);
      if (role === 'recruiter') assert.match(home, /”Kesätyöntekijä” sulkeutuu/);
      const seen = await walk(page, role);
      assert.ok(seen.size > 5, `${role} has somewhere to go: ${[...seen].join(' ')}`);
    });
  }

  test('5. Chromium gets compressed pages, a fingerprinted stylesheet kept for a year, a favicon, and 304 on a public page it has', async () => {
    const page = await session.newPage();
    const seen = new Map();
    page.on('response', async (r) => seen.set(new URL(r.url()).pathname, { status: r.status(), headers: await r.allHeaders() }));
    const board = `/jobs/${ORG.slug}`;
    await session.visit(page, board, { label: 'job board for headers' });
    const first = seen.get(board);
    assert.ok(['br', 'gzip'].includes(first.headers['content-encoding']), `board encoding: ${JSON.stringify(first.headers)}`);
    assert.ok(first.headers.etag, 'the board has an ETag');
    const css = [...seen.keys()].find((p) => p.endsWith('.css'));
    assert.match(css, /\.[0-9a-f]{8,}\.css$|\/[0-9a-f]{8,}\//, `fingerprinted stylesheet address: ${css}`);
    const cc = seen.get(css).headers['cache-control'];
    assert.match(cc, /immutable/, cc);
    assert.match(cc, /max-age=31536000/, cc);
    assert.ok(['br', 'gzip'].includes(seen.get(css).headers['content-encoding']), 'stylesheet compressed');
    // The same page again: Chromium revalidates with If-None-Match and the server says 304.
    const again = await page.request.get(session.baseUrl + board, { headers: { 'if-none-match': first.headers.etag, 'accept-encoding': first.headers['content-encoding'] } });
    assert.equal(again.status(), 304);
    const icon = await page.request.get(session.baseUrl + '/favicon.ico');
    assert.equal(icon.status(), 200);
  });

  test('4. public pages carry the organisation name in the header', async () => {
    const page = await session.newPage();
    for (const path of [`/jobs/${ORG.slug}`, `/contact/${ORG.slug}`, `/privacy/${ORG.slug}`, `/accessibility/${ORG.slug}`]) {
      await session.visit(page, path, { label: `public page ${path}` });
      assert.equal((await page.locator('header .org-brand').innerText()).trim(), ORG.name, path);
    }
  });
});
