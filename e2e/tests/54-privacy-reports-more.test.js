// More of issue 9 in Chromium, with axe on every page of ours visited: a person on a 360 px
// phone chooses strong identification on /privacy/{org}, signs in at the FTN-profile OpenID
// provider (e2e/oidc-provider), comes back to the page identified and files a request about
// their own data, which the adviser then finds as a case; a counsellor, who may not read the
// organisation's reports, reaches their own figures from the organisation's tabs; and the
// restriction is carried out, the person told, and lifted (GDPR art. 18(3)).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkA11y } from '../lib/harness.js';
import { setupGuidanceOrg } from '../lib/guidance.js';
import { LOA3, oidcEnv, reservePort, startProvider } from '../lib/oidc.js';
import { assertNoHorizontalScroll, expectPage, signIn, submit } from '../lib/pages.js';
import { startSession } from '../lib/session.js';

const ORG = { slug: 'kotka', name: 'Kotkan kaupunki' };
const STAFF = { name: 'Kalle Ohjaaja', email: 'kalle@kotka.test', password: 'ohjaajan-hyvä-salasana' };
// The provider's persona 'anna' is Anna Asiakas.
const PERSON = { name: 'Anna Asiakas', persona: 'anna' };
const CLIENT_ID = 'tupa-e2e-privacy';
const CASE_NUMBER = /\b(\d{4}-\d{6,8})\b/;

let s;
let provider;
let caseNumber;

describe('strong identification on the privacy page, and one\'s own figures', () => {
  before(async () => {
    const port = await reservePort();
    s = await startSession({ env: oidcEnv(port, CLIENT_ID) });
    // The staff member also works the desk, where the request arrives as a case.
    await setupGuidanceOrg(s, ORG, STAFF, { roles: ['adviser'] });
    provider = await startProvider({ port, clientId: CLIENT_ID, tupaBase: s.baseUrl });
  });
  after(async () => {
    provider?.stop();
    await s?.close();
  });

  test('1. a person identifies strongly and files a request on /privacy/{org}', async () => {
    const phone = await s.newPhone('fi-FI');
    const path = `/privacy/${ORG.slug}`;
    await s.visit(phone, path, { lang: 'fi', h1: `${ORG.name}: henkilötietosi`, label: 'privacy page (360 px)' });
    await assertNoHorizontalScroll(phone, 'privacy page');
    await submit(phone, phone.getByRole('link', { name: 'Tunnistaudu' }));
    // The provider's own login form.
    assert.ok(phone.url().startsWith(`${provider.issuer}/interaction/`), phone.url());
    await phone.getByLabel('Persona').selectOption(PERSON.persona);
    await phone.getByLabel('Level').selectOption(LOA3);
    // Provider → Tupa's callback → back on the privacy page, identified.
    await Promise.all([
      phone.waitForURL(`${s.baseUrl}${path}`),
      phone.getByRole('button', { name: 'Identify' }).click(),
    ]);
    await expectPage(phone, { path, lang: 'fi', label: 'privacy page, identified' });
    const main = await phone.locator('main').innerText();
    assert.match(main, new RegExp(`Olet kirjautunut nimellä ${PERSON.name}`));
    assert.equal(await phone.locator('#f-email').count(), 0, 'no address asked: the request is about the identified person');
    await phone.getByLabel('Käsittelyn rajoittaminen').check();
    await phone.locator('#f-details').fill('Älkää käsitelkö tietojani ennen kuin oikaisu on ratkaistu.');
    const res = await submit(phone, phone.getByRole('button', { name: 'Lähetä pyyntö', exact: true }));
    assert.equal(res.status(), 200);
    await expectPage(phone, { path, lang: 'fi', label: 'request received at once' });
    const text = await phone.locator('main .notice[role=status]').innerText();
    assert.match(text, /Pyyntösi on vastaanotettu/);
    caseNumber = text.match(CASE_NUMBER)?.[1];
    assert.ok(caseNumber, `case number in: ${text}`);
    await assertNoHorizontalScroll(phone, 'request received');
  });

  test('2. the request is a case on the organisation\'s list', async () => {
    const staff = await s.newPage();
    await signIn(s, staff, STAFF);
    await s.visit(staff, `/orgs/${ORG.slug}/data-requests`, { h1: 'Rekisteröityjen pyynnöt', label: 'data requests' });
    const row = staff.locator('main table tbody tr', { hasText: caseNumber });
    assert.equal(await row.count(), 1, 'the case is listed');
    assert.match(await row.innerText(), /Käsittelyn rajoittaminen[\s\S]*Avoin/);
  });

  test('3. a staff member without the reports right sees their own figures', async () => {
    const staff = await s.newPhone('fi-FI');
    await signIn(s, staff, STAFF);
    // Reached from the organisation's tabs: "My figures".
    await s.visit(staff, `/orgs/${ORG.slug}`, { label: 'organisation page (360 px)' });
    const tab = staff.getByRole('navigation', { name: /osiot|sections/i }).getByRole('link', { name: 'Omat lukuni' });
    assert.equal(await tab.count(), 1, 'the own-figures tab');
    const res = await submit(staff, tab);
    assert.equal(res.status(), 200);
    await expectPage(staff, { path: `/orgs/${ORG.slug}/reports`, lang: 'fi', label: 'own figures (360 px)' });
    const again = await staff.goto(`${s.baseUrl}/orgs/${ORG.slug}/reports?from=2026-01-01&to=2026-12-31`);
    assert.equal(again.status(), 200);
    assert.match(await staff.locator('main').innerText(), /Nämä ovat omat lukusi/);
    assert.equal(await staff.locator('#f-staff').count(), 0, 'no one else to pick');
    const csv = await staff.locator('a[href*="reports.csv"]').getAttribute('href');
    assert.match(csv, /staff=/, 'the downloads are of the same person');
    assert.match(await staff.locator('#report-points').innerText(), /ei sovellu/);
    await assertNoHorizontalScroll(staff, 'own figures');
    await checkA11y(staff, 'own figures');
  });

  test('4. the restriction is carried out, the person told, and then it is lifted', async () => {
    const staff = await s.newPage();
    await signIn(s, staff, STAFF);
    await s.visit(staff, `/orgs/${ORG.slug}/data-requests`, { h1: 'Rekisteröityjen pyynnöt', label: 'data requests' });
    await submit(staff, staff.locator('main table tbody tr', { hasText: caseNumber }).getByRole('link').first());
    await submit(staff, staff.getByRole('button', { name: 'Merkitse valmiiksi ja toteuta' }));
    assert.match(await staff.locator('#request-status').innerText(), /Valmis/);
    assert.match(await staff.locator('#restriction-state').innerText(), /rajoitettu/);
    // Lifting is offered only after the notice; an empty reason is refused, translated.
    assert.equal(await staff.getByRole('button', { name: 'Poista rajoitus' }).count(), 0);
    const refused = await submit(staff, staff.getByRole('button', { name: 'Ilmoita henkilölle' }));
    assert.equal(refused.status(), 422);
    assert.match(await staff.locator('main').innerText(), /Kerro, miksi rajoitus poistetaan/);
    await checkA11y(staff, 'lift notice refused');
    await staff.getByLabel('Miksi rajoitus poistetaan').fill('Oikaisu on ratkaistu.');
    await submit(staff, staff.getByRole('button', { name: 'Ilmoita henkilölle' }));
    assert.match(await staff.locator('#lift-noticed').innerText(), /Oikaisu on ratkaistu/);
    await checkA11y(staff, 'restriction noticed');
    await submit(staff, staff.getByRole('button', { name: 'Poista rajoitus' }));
    assert.match(await staff.locator('#restriction-state').innerText(), /Rajoitus poistettu/);
    assert.equal(await staff.getByRole('button', { name: 'Poista rajoitus' }).count(), 0);
    await checkA11y(staff, 'restriction lifted');
  });
});
