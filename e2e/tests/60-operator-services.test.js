// Operator services in a real browser: a main admin opens a case with the operator from the
// support page (on a desktop and on a 360 px phone), reads it and replies from the page.
// axe-core checks every page; the phone pages must not scroll sideways.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startSession } from '../lib/session.js';
import { assertNoHorizontalScroll, signIn, submit } from '../lib/pages.js';

const ORG = { slug: 'kemi', name: 'Kemin kaupunki' };
const ADMIN = { email: 'paakayttaja@kemi.test', password: 'pääkäyttäjän-salasana-1' };

let s;

describe('operator services in the browser', () => {
  before(async () => {
    s = await startSession();
    await s.cli(['setup', '--operator-name', 'Tupa-palvelu', '--admin-email', 'yllapito@tupa.example', '--admin-name', 'Ylläpito', '--password-stdin'], 'ylläpidon-salasana-1');
    await s.cli(['org', 'create', '--slug', ORG.slug, '--name', ORG.name, '--plan', 'full']);
    await s.cli(['user', 'create', '--org', ORG.slug, '--email', ADMIN.email, '--name', 'Pääkäyttäjä', '--role', 'main-admin', '--password-stdin'], ADMIN.password);
  });
  after(async () => {
    await s?.close();
  });

  for (const [label, width] of [['desktop', 1280], ['phone', 360]]) {
    test(`the main admin opens a case and replies (${label})`, async () => {
      const page = await s.newPage({ viewport: { width, height: 800 } });
      await signIn(s, page, ADMIN);
      // Reachable from the navigation.
      await submit(page, page.locator('nav.main-nav a[href="/support"]'));
      await s.visit(page, '/support', { lang: 'fi', h1: 'Tukipyynnöt', label: `support list ${label}` });
      assert.match(await page.locator('main').innerText(), /Yksi kysymys asiaa kohden/);
      // A missing subject is named and linked from the error summary.
      await page.locator('#f-message').fill('Raportit eivät aukea.');
      await submit(page, page.locator('main form[action="/support"] button[type=submit]'));
      assert.equal(await page.locator('#f-subject').getAttribute('aria-invalid'), 'true');
      assert.equal(await page.locator('#f-message').inputValue(), 'Raportit eivät aukea.', 'nothing typed is lost');
      await s.visit(page, '/support', { label: `support list again ${label}` });
      await page.locator('#f-subject').fill(`Raportit (${label})`);
      await page.locator('#f-message').fill('Raportit eivät aukea.');
      await submit(page, page.locator('main form[action="/support"] button[type=submit]'));
      const path = new URL(page.url()).pathname;
      assert.match(path, /^\/support\/\d{4}-\d+$/);
      assert.match(await page.locator('[role=status]').innerText(), /lähetettiin tukeen/);
      await s.visit(page, path, { h1: `Raportit (${label})`, label: `support case ${label}` });
      if (width === 360) await assertNoHorizontalScroll(page, `support case ${label}`);
      await page.locator('#f-message').fill('Lisätietoa: selain on Firefox.');
      await submit(page, page.locator('main form button[type=submit]'));
      assert.match(await page.locator('main').innerText(), /selain on Firefox/);
      await s.visit(page, '/support', { label: `support list with cases ${label}` });
      if (width === 360) await assertNoHorizontalScroll(page, `support list ${label}`);
      assert.match(await page.locator('main table').innerText(), new RegExp(`Raportit \\(${label}\\)`));
    });

    test(`the main admin gives the operator access and ends it (${label})`, async () => {
      const page = await s.newPage({ viewport: { width, height: 800 } });
      await signIn(s, page, ADMIN);
      const path = `/orgs/${ORG.slug}/delegations`;
      await s.visit(page, path, { h1: ORG.name, label: `delegations ${label}` });
      if (width === 360) await assertNoHorizontalScroll(page, `delegations ${label}`);
      // Nothing ticked: the error names the rights and keeps the reason.
      const until = new Date(Date.now() + 14 * 86400e3).toISOString().slice(0, 10);
      await page.locator('#f-until').fill(until);
      await page.locator('#f-reason').fill('Kesäloma');
      await submit(page, page.locator(`main form[action="${path}"] button[type=submit]`));
      assert.ok(await page.locator('#f-rights-error').isVisible());
      assert.equal(await page.locator('#f-reason').inputValue(), 'Kesäloma');
      await s.visit(page, path, { label: `delegations with error ${label}` });
      await page.getByLabel('Asetukset').check();
      await page.locator('#f-until').fill(until);
      await page.locator('#f-reason').fill('Kesäloma');
      await submit(page, page.locator(`main form[action="${path}"] button[type=submit]`));
      assert.match(await page.locator('[role=status]').innerText(), /annettiin lupa/);
      assert.match(await page.locator('main .cards').innerText(), /Voimassa/);
      await s.visit(page, path, { label: `delegations with a grant ${label}` });
      if (width === 360) await assertNoHorizontalScroll(page, `delegations with a grant ${label}`);
      await submit(page, page.getByRole('button', { name: 'Päätä nyt' }).first());
      assert.match(await page.locator('[role=status]').innerText(), /Lupa päätettiin/);
      assert.equal(await page.getByRole('button', { name: 'Päätä nyt' }).count(), 0);
    });
  }
});
