// A video call in a guidance space, end to end in Chromium: two browser contexts with fake
// camera and microphone, served from http://127.0.0.1 (a secure context), connect over
// loopback with host candidates — WebRTC for real, signalled over the space's socket. The
// counsellor starts the call, the client on a 360 px phone answers, both see the connection
// and the other's video, the client mutes and then ends the call, both see it ended, and the
// counsellor sees the call minutes. axe-core checks the pages, also during the call.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkA11y } from '../lib/harness.js';
import { enterWithTestIdentification, openSpace, setupGuidanceOrg, tokenFor } from '../lib/guidance.js';
import { assertNoHorizontalScroll, signIn } from '../lib/pages.js';
import { startSession } from '../lib/session.js';

const ORG = { slug: 'kajaani', name: 'Kajaanin kaupunki' };
const COUNSELLOR = { name: 'Kalle Ohjaaja', email: 'kalle@kajaani.test', password: 'ohjaajan-hyvä-salasana' };

let s; // the session: server, browser (with fake camera and microphone), helpers
let counsellor;
let client;
let spaceId;

const callState = (page) => page.locator('#call').getAttribute('data-call-state');
const waitForState = (page, state) => page.waitForSelector(`#call[data-call-state="${state}"]`, { timeout: 20_000 });
const status = (page) => page.locator('#call-status').innerText();

describe('a video call in a guidance space', () => {
  before(async () => {
    s = await startSession({ fakeMedia: true });
    await setupGuidanceOrg(s, ORG, COUNSELLOR);
  });
  after(async () => {
    await s?.close();
  });

  test('1. the counsellor and the client are in the space, with the call section', async () => {
    const token = await tokenFor(s, COUNSELLOR.email);
    const opened = await openSpace(s, token, ORG.slug, { title: 'Opiskelun tuki', client_email: 'anna@example.fi', client_name: 'Anna Asiakas', lang: 'fi' });
    spaceId = opened.id;

    counsellor = await s.newPage();
    await signIn(s, counsellor, COUNSELLOR);

    client = await s.newPhone('fi-FI');
    await enterWithTestIdentification(s, client, opened.invite_url, { persona: 'Anna Asiakas', spaceId, lang: 'fi' });

    await s.visit(counsellor, `/spaces/${spaceId}`, { lang: 'fi', label: 'space page (counsellor)' });
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
    await assertNoHorizontalScroll(client, 'the call on a 360 px phone');
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
    await s.visit(counsellor, `/spaces/${spaceId}`, { label: 'space page with the call minutes' });
    const rows = counsellor.locator('table.call-log tbody tr');
    assert.equal(await rows.count(), 1);
    assert.match(await rows.first().innerText(), /Kalle Ohjaaja\s+\d+:\d\d/);
    await checkA11y(counsellor, 'space page with the call minutes');
  });
});
