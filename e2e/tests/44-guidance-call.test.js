// A video call in a guidance space, end to end in Chromium: two browser contexts with fake
// camera and microphone, served from http://127.0.0.1 (a secure context), connect over
// loopback with host candidates — WebRTC for real, signalled over the space's socket. The
// counsellor starts the call, the client on a 360 px phone answers, both see the connection
// and the other's video, the client mutes and then ends the call, both see it ended, and the
// counsellor sees the call minutes. axe-core checks the pages, also during the call.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import { checkA11y, startTupa } from '../lib/harness.js';

const ORG = { slug: 'kajaani', name: 'Kajaanin kaupunki' };
const COUNSELLOR = { name: 'Kalle Ohjaaja', email: 'kalle@kajaani.test', password: 'ohjaajan-hyvä-salasana' };

let tupa;
let browser;
const contexts = [];
let counsellor;
let client;
let spaceId;

async function cli(args, input) {
  const res = await tupa.run(args, { input });
  assert.equal(res.code, 0, `tupa ${args.join(' ')} exited ${res.code}:\n${res.stdout}${res.stderr}`);
  return res.stdout.trim();
}

async function newPage(options = {}) {
  const context = await browser.newContext({ locale: 'fi-FI', permissions: ['camera', 'microphone'], ...options });
  contexts.push(context);
  return context.newPage();
}

async function submit(page, target) {
  const [res] = await Promise.all([page.waitForNavigation(), target.click()]);
  return res;
}

const callState = (page) => page.locator('#call').getAttribute('data-call-state');
const waitForState = (page, state) => page.waitForSelector(`#call[data-call-state="${state}"]`, { timeout: 20_000 });
const status = (page) => page.locator('#call-status').innerText();

describe('a video call in a guidance space', () => {
  before(async () => {
    tupa = await startTupa();
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_BIN || '/usr/bin/chromium',
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        // A camera and microphone that exist in no machine, allowed without a prompt.
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
      ],
    });
    await cli(['setup', '--operator-name', 'Tupa-palvelu', '--admin-email', 'yllapito@tupa.example', '--admin-name', 'Ylläpito', '--password-stdin'], 'ylläpidon-salasana-1');
    await cli(['org', 'create', '--slug', ORG.slug, '--name', ORG.name, '--plan', 'full']);
    await cli(['user', 'create', '--org', ORG.slug, '--email', COUNSELLOR.email, '--name', COUNSELLOR.name, '--role', 'counsellor', '--password-stdin'], COUNSELLOR.password);
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await tupa?.stop();
  });

  test('1. the counsellor and the client are in the space, with the call section', async () => {
    const token = await cli(['token', 'create', '--email', COUNSELLOR.email, '--name', 'e2e']);
    const res = await fetch(`${tupa.baseUrl}/api/v1/orgs/${ORG.slug}/spaces`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Opiskelun tuki', client_email: 'anna@example.fi', client_name: 'Anna Asiakas', lang: 'fi' }),
    });
    assert.equal(res.status, 201);
    const opened = await res.json();
    spaceId = opened.id;

    counsellor = await newPage();
    await counsellor.goto(`${tupa.baseUrl}/sign-in`);
    await counsellor.locator('#f-email').fill(COUNSELLOR.email);
    await counsellor.locator('#f-password').fill(COUNSELLOR.password);
    await submit(counsellor, counsellor.locator('main form[action="/sign-in"] button[type=submit]'));

    client = await newPage({ viewport: { width: 360, height: 740 } });
    const invitePath = opened.invite_url.slice(tupa.baseUrl.length);
    await client.goto(tupa.baseUrl + invitePath);
    await submit(client, client.getByRole('link', { name: 'Testitunnistautuminen (koulutusympäristö)' }));
    await client.getByLabel('Anna Asiakas').check();
    await submit(client, client.getByRole('button', { name: 'Tunnistaudu tänä testihenkilönä' }));
    await submit(client, client.getByRole('button', { name: 'Siirry tilaan' }));
    assert.equal(new URL(client.url()).pathname, `/spaces/${spaceId}`);

    await counsellor.goto(`${tupa.baseUrl}/spaces/${spaceId}`);
    for (const page of [counsellor, client]) {
      // With JavaScript and WebRTC the controls replace the "needs JavaScript" note.
      await page.getByRole('button', { name: 'Aloita videopuhelu' }).waitFor();
      assert.equal(await page.locator('#call-needs-js').isVisible(), false);
      assert.equal(await callState(page), 'idle');
      assert.match(await status(page), /Puhelua ei ole käynnissä/);
      assert.equal(await page.getByLabel('Kamera').count(), 1, 'the camera choice has a label');
      assert.equal(await page.getByLabel('Mikrofoni').count(), 1, 'the microphone choice has a label');
    }
    assert.match(await counsellor.locator('#call-log + p').innerText(), /Ei vielä puheluita/);
    assert.equal(await client.locator('#call-log').count(), 0, 'the call minutes are the counsellor\'s');
    await checkA11y(counsellor, 'space page with the call section (counsellor)');
    await checkA11y(client, 'space page with the call section (client, 360 px)');
    // Both sockets open before the call rings.
    await counsellor.waitForTimeout(1000);
  });

  test('2. the counsellor calls, the client answers, and they see each other', async () => {
    await counsellor.getByRole('button', { name: 'Aloita videopuhelu' }).click();
    await waitForState(counsellor, 'ringing');
    assert.match(await status(counsellor), /Soitetaan/);

    await client.locator('#call-incoming').waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await client.locator('#call-incoming-text').innerText(), /Kalle Ohjaaja soittaa sinulle/);
    assert.match(await status(client), /Kalle Ohjaaja soittaa sinulle/, 'announced in the live region');
    await checkA11y(client, 'incoming call');
    await client.getByRole('button', { name: 'Vastaa', exact: true }).click();

    await Promise.all([waitForState(counsellor, 'connected'), waitForState(client, 'connected')]);
    for (const page of [counsellor, client]) {
      await page.waitForFunction(() => {
        const v = document.getElementById('call-remote');
        return v.videoWidth > 0 && !v.paused && v.readyState >= 2;
      }, null, { timeout: 20_000 });
      assert.match(await status(page), /Puhelu on yhdistetty/);
      // The fake devices are offered by name once the browser may use them.
      assert.ok((await page.locator('#call-camera option').count()) >= 1, 'a camera to choose');
      assert.ok((await page.locator('#call-mic option').count()) >= 1, 'a microphone to choose');
    }
    await checkA11y(counsellor, 'during a call (counsellor)');
    await checkA11y(client, 'during a call (client, 360 px)');
    const width = await client.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `the call fits a 360 px phone: ${width} px`);
  });

  test('3. the client mutes and turns the camera off, then ends; both see the call ended', async () => {
    const mute = client.getByRole('button', { name: 'Mykistä mikrofoni' });
    await mute.click();
    assert.equal(await mute.getAttribute('aria-pressed'), 'true');
    assert.equal(await client.evaluate(() => document.getElementById('call-local').srcObject.getAudioTracks().every((t) => !t.enabled)), true);
    assert.match(await status(client), /Mikrofoni mykistetty/);
    const camera = client.getByRole('button', { name: 'Sulje kamera' });
    await camera.click();
    assert.equal(await camera.getAttribute('aria-pressed'), 'true');
    assert.equal(await client.evaluate(() => document.getElementById('call-local').srcObject.getVideoTracks().every((t) => !t.enabled)), true);

    await client.getByRole('button', { name: 'Lopeta puhelu' }).click();
    await Promise.all([waitForState(client, 'ended'), waitForState(counsellor, 'ended')]);
    assert.match(await status(client), /Puhelu päättyi/);
    assert.match(await status(counsellor), /Puhelu päättyi/);
    for (const page of [counsellor, client]) {
      assert.equal(await page.locator('#call-videos').isVisible(), false);
      assert.equal(await page.getByRole('button', { name: 'Aloita videopuhelu' }).isVisible(), true);
    }

    // The counsellor's page shows the call in the minutes after a reload.
    await counsellor.goto(`${tupa.baseUrl}/spaces/${spaceId}`);
    const rows = counsellor.locator('table.call-log tbody tr');
    assert.equal(await rows.count(), 1);
    assert.match(await rows.first().innerText(), /Kalle Ohjaaja\s+\d+:\d\d/);
    await checkA11y(counsellor, 'space page with the call minutes');
  });
});
