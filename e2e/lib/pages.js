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
