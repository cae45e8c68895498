// A professional of another organisation in a guidance space, in a real browser: the
// counsellor proposes them on the space page, the client on a 360 px phone consents, the
// professional joins by the mailed link (read from the training outbox) and writes in the
// conversation; the client revokes and the professional gets 404 at once. The supervisor's
// page shows figures only (no titles, names or messages). axe-core checks every page.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkA11y, totpCode } from '../lib/harness.js';
import { OPERATOR_ADMIN, enterWithTestIdentification, openSpace, setupGuidanceOrg, tokenFor } from '../lib/guidance.js';
import { assertNoHorizontalScroll, expectPage, signIn, submit } from '../lib/pages.js';
import { startSession } from '../lib/session.js';

const ORG = { slug: 'kemi', name: 'Kemin kaupunki' };
const OTHER = { slug: 'tornio', name: 'Tornion kaupunki' };
const COUNSELLOR = { name: 'Kalle Ohjaaja', email: 'kalle@kemi.test', password: 'ohjaajan-hyvä-salasana' };
const PRO = { name: 'Pekka Ammattilainen', email: 'pekka@tornio.test', password: 'ammattilaisen-salasana-1' };
const SUPERVISOR = { name: 'Sirpa Esihenkilö', email: 'sirpa@kemi.test', password: 'esihenkilön-salasana-1' };
const TITLE = 'Velkajärjestely';
const SECRET_MESSAGE = 'Luottamuksellinen viesti ammattilaiselta';

let s;
let counsellor;
let client;
let pro;
let spaceId;
let joinUrl;

// A platform admin reads the outbox of the training environment (after enrolling TOTP once).
async function mailBody(subjectText, to) {
  const admin = await s.newPage();
  await signIn(s, admin, OPERATOR_ADMIN);
  await expectPage(admin, { path: '/profile/totp', lang: 'fi', label: 'TOTP enrolment (operator admin)' });
  const secret = (await admin.locator('#totp-secret').innerText()).trim();
  await admin.getByLabel('Kuusinumeroinen koodi').fill(totpCode(secret));
  await submit(admin, admin.locator('main form[action="/profile/totp"] button[type=submit]'));
  await s.visit(admin, '/outbox', { lang: 'fi', label: 'outbox' });
  const row = admin.locator('main table tbody tr', { hasText: to }).filter({ hasText: subjectText });
  await submit(admin, row.first().getByRole('link'));
  return admin.locator('pre.mail').innerText();
}

describe('a professional joins a guidance space with the client consent', () => {
  before(async () => {
    s = await startSession();
    await setupGuidanceOrg(s, ORG, COUNSELLOR);
    await s.cli(['org', 'create', '--slug', OTHER.slug, '--name', OTHER.name, '--plan', 'full']);
    await s.cli(['user', 'create', '--org', OTHER.slug, '--email', PRO.email, '--name', PRO.name, '--role', 'counsellor', '--password-stdin'], PRO.password);
    await s.cli(['user', 'create', '--org', ORG.slug, '--email', SUPERVISOR.email, '--name', SUPERVISOR.name, '--role', 'supervisor', '--password-stdin'], SUPERVISOR.password);
  });
  after(async () => {
    await s?.close();
  });

  test('1. the counsellor proposes a professional on the space page', async () => {
    const token = await tokenFor(s, COUNSELLOR.email);
    const opened = await openSpace(s, token, ORG.slug, { title: TITLE, client_email: 'anna@example.fi', client_name: 'Anna Asiakas', lang: 'fi' });
    spaceId = opened.id;
    client = await s.newPhone('fi-FI');
    await enterWithTestIdentification(s, client, opened.invite_url, { persona: 'Anna Asiakas', spaceId, lang: 'fi' });

    counsellor = await s.newPage();
    await signIn(s, counsellor, COUNSELLOR);
    await s.visit(counsellor, `/spaces/${spaceId}`, { lang: 'fi', label: 'space page (counsellor)' });
    await counsellor.locator('#professionals summary').click();
    await counsellor.getByLabel('Ammattilaisen nimi').fill(PRO.name);
    await counsellor.getByLabel('Ammattilaisen sähköpostiosoite').fill(PRO.email);
    await counsellor.getByLabel('Ammattilaisen organisaatio').fill('Tornion sosiaalitoimi');
    await counsellor.getByLabel('Miksi hänen pitäisi liittyä').fill('Toimeentulotuen selvittely');
    const res = await submit(counsellor, counsellor.getByRole('button', { name: 'Pyydä asiakkaalta suostumus' }));
    assert.equal(res.status(), 200);
    assert.match(await counsellor.locator('main .notice[role=status]').innerText(), /Ammattilaista ehdotettiin/);
    assert.match(await counsellor.locator('#professionals').innerText(), /Odottaa asiakkaan suostumusta/);
    await checkA11y(counsellor, 'space page with a proposal (counsellor)');
  });

  test('2. the client consents in the space on a phone', async () => {
    await s.visit(client, `/spaces/${spaceId}`, { lang: 'fi', label: 'space page with a proposal (client)' });
    const proposal = client.locator('#professionals li').first();
    assert.match(await proposal.innerText(), /Pekka Ammattilainen, Tornion sosiaalitoimi/);
    assert.match(await proposal.innerText(), /Toimeentulotuen selvittely/);
    await assertNoHorizontalScroll(client, 'space page with a proposal');
    const res = await submit(client, proposal.getByRole('button', { name: 'Annan suostumuksen' }));
    assert.equal(res.status(), 200);
    assert.match(await client.locator('main .notice[role=status]').innerText(), /Annoit suostumuksen/);
    await checkA11y(client, 'space page after consent (client)');
  });

  test('3. the professional joins by the mailed link and writes', async () => {
    const body = await mailBody('', PRO.email);
    joinUrl = body.match(/https?:\/\/\S+\/spaces\/professional\/\S+/)[0];
    assert.ok(!body.includes('Toimeentulotuen'), 'no purpose or content in the mail');
    pro = await s.newPage();
    await signIn(s, pro, PRO);
    await s.visit(pro, joinUrl.slice(s.baseUrl.length), { lang: 'fi', h1: 'Liity ohjaustilaan', label: 'join page (professional)' });
    await submit(pro, pro.getByRole('button', { name: 'Liity tilaan' }));
    await expectPage(pro, { path: `/spaces/${spaceId}`, lang: 'fi', label: 'space page (professional)' });
    await pro.waitForTimeout(500); // the socket connects
    await pro.locator('#f-body').fill(SECRET_MESSAGE);
    await pro.locator('#new-message button[type=submit]').click();
    // Sent over the live socket; the client's open page and the professional's both show it.
    await pro.locator('#messages li.message', { hasText: SECRET_MESSAGE }).waitFor({ timeout: 10_000 });
    await checkA11y(pro, 'space page with a message (professional)');
  });

  test('4. the client revokes; the professional gets 404 at once', async () => {
    await s.visit(client, `/spaces/${spaceId}`, { lang: 'fi', label: 'space page (client)' });
    const res = await submit(client, client.getByRole('button', { name: 'Peru pääsy' }));
    assert.equal(res.status(), 200);
    assert.match(await client.locator('main .notice[role=status]').innerText(), /Suostumus peruttiin/);
    await checkA11y(client, 'space page after revocation (client)');
    const gone = await pro.goto(`${s.baseUrl}/spaces/${spaceId}`);
    assert.equal(gone.status(), 404);
  });

  test('5. the supervisor page shows figures only', async () => {
    const sup = await s.newPhone('fi-FI');
    await signIn(s, sup, SUPERVISOR);
    await s.visit(sup, `/orgs/${ORG.slug}/supervision`, { lang: 'fi', label: 'supervision page (360 px)' });
    await assertNoHorizontalScroll(sup, 'supervision page');
    const text = await sup.locator('main').innerText();
    assert.equal(await sup.locator('table.supervision tbody tr').count(), 1, 'one space counted');
    for (const secret of [TITLE, 'Anna Asiakas', SECRET_MESSAGE, PRO.name, 'Toimeentulotuen']) {
      assert.ok(!text.includes(secret), `the supervisor does not see ${secret}`);
    }
    const gone = await sup.goto(`${s.baseUrl}/spaces/${spaceId}`);
    assert.equal(gone.status(), 404, 'nor the space itself');
  });
});
