// Steps the guidance-space browser tests share: an installation with an organisation and a
// counsellor, a space opened through the API, and a client entering a space through their
// invitation. Every page these steps pass is checked with axe.
import assert from 'node:assert/strict';
import { checkA11y } from './harness.js';
import { pathOf, submit } from './pages.js';

export const OPERATOR_ADMIN = { name: 'Ylläpito', email: 'yllapito@tupa.example', password: 'ylläpidon-salasana-1' };

// `tupa setup`, an organisation on the full plan and a counsellor with a password; with
// `roles`, the counsellor holds those roles too (e.g. ['adviser'] to work the desk).
export async function setupGuidanceOrg(session, org, counsellor, { roles = [] } = {}) {
  const { cli } = session;
  await cli(['setup', '--operator-name', 'Tupa-palvelu', '--admin-email', OPERATOR_ADMIN.email, '--admin-name', OPERATOR_ADMIN.name, '--password-stdin'], OPERATOR_ADMIN.password);
  await cli(['org', 'create', '--slug', org.slug, '--name', org.name, '--plan', 'full']);
  for (const role of ['counsellor', ...roles]) {
    await cli(['user', 'create', '--org', org.slug, '--email', counsellor.email, '--name', counsellor.name, '--role', role, '--password-stdin'], counsellor.password);
  }
}

// An API token of the person with this e-mail address.
export const tokenFor = (session, email) => session.cli(['token', 'create', '--email', email, '--name', 'e2e']);

// Opens a space through the API (`POST /api/v1/orgs/{org}/spaces`); the answer's JSON,
// with `id` and `invite_url`.
export async function openSpace(session, token, orgSlug, body) {
  const res = await session.api(token, 'POST', `/api/v1/orgs/${orgSlug}/spaces`, body);
  assert.equal(res.status, 201, `open a space: ${JSON.stringify(res.json)}`);
  return res.json;
}

// The client on `page` follows `inviteUrl`, identifies with the training environment's test
// identification as `persona` (the label of a test person) and enters the space. Found by
// address rather than wording so that it works in every language; the tests that are about
// the wording check it themselves. `lang`: the language the pages must be in.
export async function enterWithTestIdentification(session, page, inviteUrl, { persona, spaceId, lang }) {
  const invitePath = inviteUrl.slice(session.baseUrl.length);
  await session.visit(page, invitePath, { lang, label: 'invitation' });
  await submit(page, page.locator('main a[href^="/auth/test-identification"]'));
  await checkA11y(page, 'test identification');
  await page.getByLabel(persona).check();
  await submit(page, page.locator('main form[action="/auth/test-identification"] button[type=submit]'));
  assert.equal(pathOf(page), invitePath, 'back at the invitation');
  await checkA11y(page, 'invitation, identified');
  await submit(page, page.locator(`main form[action="${invitePath}"] button[type=submit]`));
  if (spaceId) assert.equal(pathOf(page), `/spaces/${spaceId}`);
  if (lang) assert.equal(await page.getAttribute('html', 'lang'), lang);
  await checkA11y(page, 'space page (client)');
}
