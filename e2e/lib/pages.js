// Page assertions shared by the browser tests.
import assert from 'node:assert/strict';
import { checkA11y } from './harness.js';

export function pathOf(page) {
  const url = new URL(page.url());
  return url.pathname + url.search;
}

// Asserts where the browser is and in which language, then runs axe on the page.
export async function expectPage(page, { path, lang, h1, label }) {
  if (path instanceof RegExp) assert.match(pathOf(page), path);
  else assert.equal(new URL(page.url()).pathname, path);
  if (lang) assert.equal(await page.getAttribute('html', 'lang'), lang);
  if (h1) {
    const heading = (await page.locator('h1').innerText()).trim();
    if (h1 instanceof RegExp) assert.match(heading, h1);
    else assert.equal(heading, h1);
  }
  await checkA11y(page, label ?? pathOf(page));
}

// Clicks `target` (a submit button or a link) and waits for the page it leads to; the answer.
export async function submit(page, target) {
  const [res] = await Promise.all([page.waitForNavigation(), target.click()]);
  return res;
}

// Asserts that the page fits its `width` px viewport without scrolling sideways.
export async function assertNoHorizontalScroll(page, label, width = 360) {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scrollWidth <= width, `${label}: page is ${scrollWidth} px wide at a ${width} px viewport`);
}

// Signs a staff member in with e-mail and password (no second factor) from the sign-in page.
export async function signIn(session, page, { email, password }) {
  await session.visit(page, '/sign-in', { label: 'sign-in' });
  await page.locator('#f-email').fill(email);
  await page.locator('#f-password').fill(password);
  await submit(page, page.locator('main form[action="/sign-in"] button[type=submit]'));
}
