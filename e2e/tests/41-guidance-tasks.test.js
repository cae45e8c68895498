// Tasks in a guidance space, in a real browser: the counsellor keeps a task template on the
// templates page, gives the client a task from it on the space page (after a bad due date),
// the client on a 360 px phone in Swedish sees the task appear in place, answers and finishes
// the task, and the counsellor sees the answer and comments. axe-core checks every page.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkA11y } from '../lib/harness.js';
import { enterWithTestIdentification, openSpace, setupGuidanceOrg, tokenFor } from '../lib/guidance.js';
import { assertNoHorizontalScroll, expectPage, signIn, submit } from '../lib/pages.js';
import { startSession } from '../lib/session.js';

const ORG = { slug: 'kuopio', name: 'Kuopion kaupunki' };
const COUNSELLOR = { name: 'Kalle Ohjaaja', email: 'kalle@kuopio.test', password: 'ohjaajan-hyvä-salasana' };
const CLIENT_EMAIL = 'sanna.svensson@example.fi';

let s; // the session: server, browser, helpers
let counsellor;
let client;
let spaceId;
let taskId;

describe('tasks in a guidance space', () => {
  before(async () => {
    s = await startSession();
    await setupGuidanceOrg(s, ORG, COUNSELLOR);
  });
  after(async () => {
    await s?.close();
  });

  test('1. the counsellor keeps a task template', async () => {
    counsellor = await s.newPage();
    await signIn(s, counsellor, COUNSELLOR);
    await s.visit(counsellor, `/orgs/${ORG.slug}/spaces`, { lang: 'fi', label: 'spaces page' });
    await submit(counsellor, counsellor.getByRole('link', { name: 'Tehtävä- ja tilapohjat' }));
    await expectPage(counsellor, { path: `/orgs/${ORG.slug}/spaces/templates`, lang: 'fi', label: 'templates page' });
    await counsellor.locator('#f-tt_title').fill('Kuukausibudjetti');
    await counsellor.locator('#f-tt_instructions').fill('Kirjoita kuukauden tulot ja menot.');
    const res = await submit(counsellor, counsellor.getByRole('button', { name: 'Tallenna tehtäväpohja' }));
    assert.equal(res.status(), 200);
    assert.match(await counsellor.locator('main .notice[role=status]').innerText(), /Pohja tallennettiin/);
    assert.match(await counsellor.locator('.template-list').first().innerText(), /Kuukausibudjetti/);
    await checkA11y(counsellor, 'templates page with a template');
  });

  test('2. the client enters the space on a phone in Swedish', async () => {
    const token = await tokenFor(s, COUNSELLOR.email);
    const opened = await openSpace(s, token, ORG.slug, { title: 'Talousneuvonta', client_email: CLIENT_EMAIL, client_name: 'Sanna Svensson', lang: 'sv' });
    spaceId = opened.id;

    client = await s.newPhone('sv-FI');
    await enterWithTestIdentification(s, client, opened.invite_url, { persona: 'Sanna Svensson', spaceId, lang: 'sv' });
    assert.match(await client.locator('#tasks').innerText(), /Inga uppgifter ännu/);
    await checkA11y(client, 'space page without tasks (client, sv)');
  });

  test('3. the counsellor gives a task from the template, after a bad due date', async () => {
    await s.visit(counsellor, `/spaces/${spaceId}`, { lang: 'fi', label: 'space page (counsellor)' });
    await counsellor.waitForTimeout(500);
    await counsellor.locator('#f-task_template_id').selectOption({ label: 'Kuukausibudjetti' });
    // A typed date in a browser that offers no date picker; here, a bad value set directly.
    await counsellor.locator('#f-task_due_on').evaluate((el) => { el.type = 'text'; el.value = '31.2.2099'; });
    let res = await submit(counsellor, counsellor.getByRole('button', { name: 'Lisää tehtävä' }));
    assert.equal(res.status(), 422);
    assert.match(await counsellor.locator('#tasks .error-summary').innerText(), /päivämääränä/);
    await checkA11y(counsellor, 'space page with a task error');
    await counsellor.locator('#f-task_due_on').fill('2099-02-28');
    res = await submit(counsellor, counsellor.getByRole('button', { name: 'Lisää tehtävä' }));
    assert.equal(res.status(), 200);
    assert.match(await counsellor.locator('main .notice[role=status]').innerText(), /Tehtävä lisättiin/);
    const task = counsellor.locator('#tasks li.task').first();
    assert.match(await task.locator('h3').innerText(), /Kuukausibudjetti/);
    taskId = (await task.getAttribute('id')).replace('task-', '');
    await checkA11y(counsellor, 'space page with a task (counsellor)');
  });

  test('4. the client hears of it, answers and finishes it; the counsellor sees the answer', async () => {
    // The client's open page puts the new task in place without reloading, answer form and
    // all, and says so politely to screen readers.
    const task = client.locator(`#task-${taskId}`);
    await task.waitFor({ timeout: 10_000 });
    assert.equal(await client.locator('#live-status').getAttribute('aria-live'), 'polite');
    assert.match(await client.locator('#live-status').textContent(), /Ny eller ändrad uppgift: Kuukausibudjetti/);
    assert.equal(await client.locator('#no-tasks').count(), 0, 'the "no tasks" note went');
    assert.match(await task.innerText(), /Kirjoita kuukauden tulot ja menot/);
    await checkA11y(client, 'space page with a task (client, sv)');
    await assertNoHorizontalScroll(client, 'space page with a task');
    await task.getByLabel('Ditt svar').fill('Inkomster 1 200 €, utgifter 1 100 €.');
    await task.getByLabel('Uppgiften är gjord').check();
    const res = await submit(client, task.getByRole('button', { name: 'Skicka svaret' }));
    assert.equal(res.status(), 200);
    assert.match(await client.locator('main .notice[role=status]').innerText(), /Ditt svar skickades/);
    assert.match(await client.locator(`#task-${taskId} .meta`).first().innerText(), /Gjord/);
    await checkA11y(client, 'space page with an answered task (client, sv)');

    await s.visit(counsellor, `/spaces/${spaceId}`, { lang: 'fi', label: 'space page with the answer (counsellor)' });
    const seen = counsellor.locator(`#task-${taskId}`);
    assert.match(await seen.innerText(), /Inkomster 1 200 €, utgifter 1 100 €\./);
    assert.match(await seen.locator('.meta').first().innerText(), /Tehty/);
    await seen.getByLabel('Kommentti').fill('Kiitos, hyvä budjetti!');
    await submit(counsellor, seen.getByRole('button', { name: 'Lisää kommentti' }));
    assert.match(await counsellor.locator(`#task-${taskId}`).innerText(), /Kiitos, hyvä budjetti!/);
    await checkA11y(counsellor, 'space page with a comment (counsellor)');
  });
});
