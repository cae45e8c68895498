// Video calls in a guidance space: WebRTC between the two members' browsers, signalled over
// the space's live socket (opened by tupa.js; frames arrive as `tupa-live` events and leave
// as `tupa-live-send`). The server records the call's times; this module only runs the media.
// Without JavaScript or WebRTC the section keeps saying that calls need them.
// Texts come from the section's data attributes, already translated.
const section = document.getElementById('call');
if (section && section.dataset.space && 'RTCPeerConnection' in window && navigator.mediaDevices?.getUserMedia) {
  const $ = (id) => document.getElementById(id);
  const msg = section.dataset;
  const spaceId = msg.space;
  const status = $('call-status');
  const startButton = $('call-start');
  const incomingBox = $('call-incoming');
  const incomingText = $('call-incoming-text');
  const videos = $('call-videos');
  const controls = $('call-controls');
  const localVideo = $('call-local');
  const remoteVideo = $('call-remote');
  const cameraSelect = $('call-camera');
  const micSelect = $('call-mic');
  const muteButton = $('call-mute');
  const cameraButton = $('call-camera-off');
  $('call-needs-js').hidden = true;
  $('call-ui').hidden = false;

  // The call this page takes part in: { id, pc, stream, pendingIce, remoteSet }.
  let call = null;
  // A call ringing on this page, not yet answered: { id, offer, ice, answerWhenOffer }.
  let incoming = null;
  // Started here, waiting for the server's call id.
  let ringing = false;

  const say = (text) => { status.textContent = text; };
  const setState = (state) => { section.dataset.callState = state; };
  const send = (frame) => {
    const event = new CustomEvent('tupa-live-send', { detail: frame, cancelable: true });
    document.dispatchEvent(event);
    return event.defaultPrevented;
  };

  const iceServers = async () => {
    try {
      const res = await fetch(`/api/v1/spaces/${spaceId}/call-config`, { credentials: 'same-origin' });
      return res.ok ? (await res.json()).ice_servers : [];
    } catch {
      return [];
    }
  };

  // The device choices; names appear once the browser has been allowed to use a device.
  const listDevices = async () => {
    const devices = await navigator.mediaDevices.enumerateDevices();
    for (const [select, kind, label] of [[cameraSelect, 'videoinput', msg.msgCamera], [micSelect, 'audioinput', msg.msgMicrophone]]) {
      const chosen = select.value;
      select.replaceChildren();
      devices.filter((d) => d.kind === kind).forEach((d, i) => {
        const option = new Option(d.label || `${label} ${i + 1}`, d.deviceId);
        select.append(option);
      });
      if ([...select.options].some((o) => o.value === chosen)) select.value = chosen;
    }
  };

  const constraint = (select) => (select.value ? { deviceId: { exact: select.value } } : true);
  const getMedia = async () => {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: constraint(micSelect), video: constraint(cameraSelect) });
    localVideo.srcObject = stream;
    await listDevices().catch(() => {});
    return stream;
  };

  const showCall = (active) => {
    videos.hidden = !active;
    controls.hidden = !active;
    startButton.hidden = active;
    if (!active) {
      muteButton.setAttribute('aria-pressed', 'false');
      cameraButton.setAttribute('aria-pressed', 'false');
    }
  };

  const hideIncoming = () => {
    incoming = null;
    incomingBox.hidden = true;
  };

  const teardown = (text) => {
    if (call) {
      call.pc?.close();
      call.stream?.getTracks().forEach((t) => t.stop());
    }
    call = null;
    ringing = false;
    localVideo.srcObject = null;
    remoteVideo.srcObject = null;
    showCall(false);
    setState('ended');
    if (text) say(text);
  };

  const peer = async (id, stream) => {
    const pc = new RTCPeerConnection({ iceServers: await iceServers() });
    stream.getTracks().forEach((t) => pc.addTrack(t, stream));
    pc.addEventListener('icecandidate', (e) => {
      if (e.candidate) send({ type: 'ice', call_id: id, candidate: e.candidate.toJSON() });
    });
    pc.addEventListener('track', (e) => {
      if (remoteVideo.srcObject !== e.streams[0]) {
        remoteVideo.srcObject = e.streams[0];
        remoteVideo.play().catch(() => {});
      }
    });
    pc.addEventListener('connectionstatechange', () => {
      if (!call || call.pc !== pc) return;
      setState(pc.connectionState);
      if (pc.connectionState === 'connected') say(msg.msgConnected);
      if (pc.connectionState === 'failed') {
        send({ type: 'call-end', call_id: id, reason: 'failed' });
        teardown(msg.msgFailed);
      }
    });
    return pc;
  };

  const addIce = async (candidate) => {
    if (!call) return;
    if (!call.remoteSet) { call.pendingIce.push(candidate); return; }
    await call.pc.addIceCandidate(candidate).catch(() => {});
  };
  const remoteDescription = async (description) => {
    await call.pc.setRemoteDescription(description);
    call.remoteSet = true;
    for (const c of call.pendingIce.splice(0)) await call.pc.addIceCandidate(c).catch(() => {});
  };

  startButton.addEventListener('click', async () => {
    if (call || ringing) return;
    let stream;
    try {
      stream = await getMedia();
    } catch {
      say(msg.msgNoMedia);
      return;
    }
    if (!send({ type: 'call-ring' })) {
      stream.getTracks().forEach((t) => t.stop());
      say(msg.msgOffline);
      return;
    }
    ringing = true;
    call = { id: null, pc: null, stream, pendingIce: [], remoteSet: false };
    showCall(true);
    setState('ringing');
    say(msg.msgCalling);
  });

  const answer = async () => {
    const ring = incoming;
    if (!ring) return;
    if (!ring.offer) { ring.answerWhenOffer = true; return; }
    hideIncoming();
    let stream;
    try {
      stream = await getMedia();
    } catch {
      send({ type: 'call-end', call_id: ring.id, reason: 'failed' });
      say(msg.msgNoMedia);
      return;
    }
    call = { id: ring.id, pc: null, stream, pendingIce: ring.ice, remoteSet: false, answering: true, confirmed: false };
    call.pc = await peer(ring.id, stream);
    showCall(true);
    setState('connecting');
    say(msg.msgConnecting);
    await remoteDescription({ type: 'offer', sdp: ring.offer });
    const description = await call.pc.createAnswer();
    // Sent before it is set locally: ICE candidates gather from then on, and the server
    // relays them only once the answer has made this page a party of the call.
    send({ type: 'call-answer', call_id: ring.id, sdp: description.sdp });
    await call.pc.setLocalDescription(description);
    muteButton.focus();
  };
  $('call-answer').addEventListener('click', answer);
  $('call-decline').addEventListener('click', () => {
    if (!incoming) return;
    send({ type: 'call-end', call_id: incoming.id, reason: 'declined' });
    hideIncoming();
    setState('ended');
    say(msg.msgYouDeclined);
    startButton.focus();
  });
  $('call-end').addEventListener('click', () => {
    if (call?.id) send({ type: 'call-end', call_id: call.id });
    teardown(msg.msgEnded);
    startButton.focus();
  });

  muteButton.addEventListener('click', () => {
    const muted = muteButton.getAttribute('aria-pressed') !== 'true';
    call?.stream.getAudioTracks().forEach((t) => { t.enabled = !muted; });
    muteButton.setAttribute('aria-pressed', String(muted));
    say(muted ? msg.msgMuted : msg.msgUnmuted);
  });
  cameraButton.addEventListener('click', () => {
    const off = cameraButton.getAttribute('aria-pressed') !== 'true';
    call?.stream.getVideoTracks().forEach((t) => { t.enabled = !off; });
    cameraButton.setAttribute('aria-pressed', String(off));
    say(off ? msg.msgCameraOff : msg.msgCameraOn);
  });

  // Another camera or microphone during a call: its track replaces the old one in place.
  const switchDevice = async (select, kind) => {
    if (!call?.stream) return;
    try {
      const fresh = await navigator.mediaDevices.getUserMedia({ [kind]: constraint(select) });
      const track = kind === 'audio' ? fresh.getAudioTracks()[0] : fresh.getVideoTracks()[0];
      const old = kind === 'audio' ? call.stream.getAudioTracks()[0] : call.stream.getVideoTracks()[0];
      const button = kind === 'audio' ? muteButton : cameraButton;
      track.enabled = button.getAttribute('aria-pressed') !== 'true';
      const sender = call.pc?.getSenders().find((s) => s.track?.kind === track.kind);
      await sender?.replaceTrack(track);
      if (old) { call.stream.removeTrack(old); old.stop(); }
      call.stream.addTrack(track);
    } catch {
      say(msg.msgNoMedia);
    }
  };
  cameraSelect.addEventListener('change', () => switchDevice(cameraSelect, 'video'));
  micSelect.addEventListener('change', () => switchDevice(micSelect, 'audio'));

  const ended = {
    declined: msg.msgDeclined,
    busy: msg.msgBusy,
    failed: msg.msgFailed,
    disconnected: msg.msgDisconnected,
  };

  document.addEventListener('tupa-live', async (event) => {
    const f = event.detail;
    switch (f.type) {
      case 'call-ringing':
        // Our ring has its id: now the offer.
        if (!ringing || !call) return;
        ringing = false;
        call.id = f.call_id;
        {
          const pc = await peer(f.call_id, call.stream);
          if (call?.id !== f.call_id) { pc.close(); return; } // ended meanwhile
          call.pc = pc;
          const description = await pc.createOffer();
          send({ type: 'call-offer', call_id: f.call_id, sdp: description.sdp });
          await call.pc.setLocalDescription(description);
        }
        break;
      case 'call-ring':
        if (f.mine) return;
        if (call) { send({ type: 'call-end', call_id: f.call_id, reason: 'busy' }); return; }
        incoming = { id: f.call_id, offer: null, ice: [], answerWhenOffer: false };
        incomingText.textContent = msg.msgIncoming.replace('%name%', f.from);
        incomingBox.hidden = false;
        setState('incoming');
        say(incomingText.textContent);
        break;
      case 'call-offer':
        if (incoming?.id === f.call_id) {
          incoming.offer = f.sdp;
          if (incoming.answerWhenOffer) answer();
        }
        break;
      case 'call-answer':
        if (call?.id === f.call_id && !f.mine && call.pc) {
          setState('connecting');
          say(msg.msgConnecting);
          await remoteDescription({ type: 'answer', sdp: f.sdp });
        } else if (incoming?.id === f.call_id) {
          // Answered by someone else, or on this member's other page.
          hideIncoming();
          setState('idle');
          say(msg.msgAnsweredElsewhere);
        }
        break;
      case 'ice':
        if (call?.id === f.call_id) await addIce(f.candidate);
        else if (incoming?.id === f.call_id) incoming.ice.push(f.candidate);
        break;
      case 'call-end':
        if (call?.id === f.call_id) teardown(ended[f.reason] || msg.msgEnded);
        else if (incoming?.id === f.call_id) {
          hideIncoming();
          setState('ended');
          say(msg.msgMissed.replace('%name%', f.from));
        }
        break;
      case 'call-answered':
        if (call?.id === f.call_id) call.confirmed = true;
        break;
      case 'error':
        // Our answer came too late (the call ended, or another page answered first). Other
        // refusals are of frames that raced the end of a call, which this page already heard.
        if (f.code === 'call-unavailable' && call?.answering && !call.confirmed) teardown(msg.msgUnavailable);
        break;
      case 'socket-closed':
        // The server ends this page's calls with its socket.
        if (call) teardown(msg.msgDisconnected);
        hideIncoming();
        break;
      default:
    }
  });
  listDevices().catch(() => {});
  setState('idle');
}
