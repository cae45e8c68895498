// Progressive enhancement only: every page works without this file.
// Moves focus to a form's error summary so screen-reader and keyboard users hear what failed.
const summary = document.querySelector('.error-summary');
if (summary) {
  summary.setAttribute('tabindex', '-1');
  summary.focus();
  // A link in the summary puts the cursor in its field (a plain fragment link only scrolls),
  // with the field's label in view above it.
  summary.addEventListener('click', (event) => {
    const link = event.target.closest('a[href^="#"]');
    const field = link && document.getElementById(link.getAttribute('href').slice(1));
    if (!field) return;
    event.preventDefault();
    // A group of radio buttons is named by its fieldset: its first choice takes the cursor.
    const control = field.matches('input, select, textarea') ? field : field.querySelector('input, select, textarea');
    const label = document.querySelector(`label[for="${field.id}"]`) || field;
    label.scrollIntoView();
    (control || field).focus({ preventScroll: true });
  });
}

// "Add" under a form's repeated slots (an ad's contacts and questions): without JavaScript
// the button posts the form back with one more slot; with it, the next hidden slot is shown
// in place, nothing is lost and the cursor moves to its first field.
document.addEventListener('click', (event) => {
  const button = event.target.closest('[data-add-slot]');
  if (!button) return;
  const group = button.closest('[data-slots]');
  const next = group && group.querySelector('[data-slot][hidden]');
  if (!next) return;
  event.preventDefault();
  next.hidden = false;
  const count = group.querySelector('[data-slot-count]');
  if (count) count.value = String(group.querySelectorAll('[data-slot]:not([hidden])').length);
  if (!group.querySelector('[data-slot][hidden]')) button.hidden = true;
  next.querySelector('input:not([type=hidden]), select, textarea')?.focus();
});
// Asks before destructive actions marked with data-confirm.
document.addEventListener('submit', (event) => {
  const message = event.target.getAttribute('data-confirm');
  if (message && !window.confirm(message)) event.preventDefault();
});

// Live desk updates (server-sent events). Without JavaScript the pages are simply reloaded
// by hand; with it, the queue refreshes itself and a ticket page says when something changed
// and who else has it open. Texts come from data attributes, already translated.
const live = document.querySelector('[data-live]');
if (live && 'EventSource' in window) {
  const source = new EventSource(live.dataset.live);
  const status = document.getElementById('live-status');
  const say = (text) => { if (status) status.textContent = text; };
  if (live.dataset.liveKind === 'queue') {
    let pending = false;
    source.addEventListener('ticket', () => {
      if (pending) return;
      pending = true;
      // Fetch the same page and swap in its results, keeping the filters and focus as they are.
      setTimeout(() => fetch(window.location.href, { credentials: 'same-origin' })
        .then((r) => r.text())
        .then((html) => {
          const fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('queue-results');
          const current = document.getElementById('queue-results');
          if (fresh && current) current.innerHTML = fresh.innerHTML;
          say(live.dataset.msgUpdated);
        })
        .finally(() => { pending = false; }), 500);
    });
  } else {
    const changed = document.getElementById('ticket-changed');
    const viewers = document.getElementById('viewers');
    source.addEventListener('ticket', () => { if (changed) changed.hidden = false; });
    source.addEventListener('viewers', (e) => {
      const names = JSON.parse(e.data || '[]');
      if (viewers) viewers.textContent = names.length ? live.dataset.msgViewing.replace('%names%', names.join(', ')) : '';
    });
  }
}

// A guidance space's conversation, live over the space's WebSocket. Without JavaScript the
// message form posts and the page reloads; with it, new messages from anyone appear at once
// and the form sends over the socket. Message text is inserted as text, never as HTML.
const conversation = document.querySelector('#messages[data-space]');
if (conversation && 'WebSocket' in window) {
  const spaceId = conversation.dataset.space;
  const form = document.getElementById('new-message');
  const status = document.getElementById('live-status');
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  let socket = null;
  const seen = new Set([...conversation.querySelectorAll('li.message')].map((li) => li.id));
  const show = (m) => {
    if (seen.has(`m-${m.id}`)) return;
    seen.add(`m-${m.id}`);
    document.getElementById('no-messages')?.remove();
    const li = document.createElement('li');
    li.className = 'message';
    li.id = `m-${m.id}`;
    const meta = document.createElement('p');
    meta.className = 'meta';
    const who = document.createElement('strong');
    who.textContent = m.author;
    const when = document.createElement('time');
    when.textContent = new Date(m.created_at * 1000).toLocaleString(document.documentElement.lang, { dateStyle: 'short', timeStyle: 'short' });
    meta.append(who, ' · ', when);
    li.append(meta);
    if (m.body) {
      const body = document.createElement('div');
      body.className = 'body wrap';
      body.textContent = m.body;
      li.append(body);
    }
    const files = m.attachments || [];
    if (files.length) {
      const list = document.createElement('ul');
      list.className = 'attachments';
      list.setAttribute('aria-label', conversation.dataset.attachments || '');
      for (const f of files) {
        const item = document.createElement('li');
        const link = document.createElement('a');
        link.href = f.url;
        link.setAttribute('download', '');
        link.textContent = f.filename;
        item.append(link);
        list.append(item);
      }
      li.append(list);
    }
    conversation.append(li);
    const names = files.map((f) => f.filename).join(', ');
    if (status) status.textContent = `${m.author}: ${(m.body || names).slice(0, 140)}`;
  };
  // A task changed (given, answered, commented): say so with a way to reload, rather than
  // redraw its forms here; the texts come translated in the element's data attributes. Used
  // when the item cannot be put in place (someone is typing in it, or the page is unreachable).
  const taskNews = () => {
    const news = document.getElementById('tasks-live');
    if (!news || news.childElementCount) return;
    const reload = document.createElement('a');
    reload.href = `${window.location.pathname}#tasks`;
    reload.textContent = news.dataset.reload;
    reload.addEventListener('click', (event) => { event.preventDefault(); window.location.reload(); });
    news.append(`${news.dataset.news} `, reload);
  };
  // A new or changed task, link, summary or material is put in place: the page is fetched
  // again (rendered by the server for this member, forms and all) and only that item is taken
  // from it, so nothing typed elsewhere on the page is lost. Announced politely.
  const ITEM_PREFIX = { task: 'task-', link: 'l-', summary: 's-', material: 'mat-' };
  const PLACEHOLDER = { task: 'no-tasks', link: 'no-links', summary: 'no-summaries', material: 'no-materials' };
  const here = (id) => (id ? document.getElementById(id) : null);
  const putInPlace = (doc, kind, id) => {
    const elementId = `${ITEM_PREFIX[kind]}${id}`;
    const fresh = doc.getElementById(elementId);
    const old = here(elementId);
    if (!fresh) {
      old?.remove();
      return true;
    }
    if (old) {
      // Someone is writing in it: their text stays; the reload is offered instead.
      if (old.contains(document.activeElement) && document.activeElement !== old) return false;
      old.replaceWith(document.importNode(fresh, true));
    } else {
      // Climb to the nearest container this page has too (a first item brings its list).
      let node = fresh;
      while (node.parentElement && !here(node.parentElement.id)) node = node.parentElement;
      const parent = node.parentElement && here(node.parentElement.id);
      if (!parent) return false;
      let before = node.previousElementSibling;
      while (before && here(before.id)?.parentElement !== parent) before = before.previousElementSibling;
      const imported = document.importNode(node, true);
      if (before) here(before.id).after(imported); else parent.prepend(imported);
      here(PLACEHOLDER[kind])?.remove();
    }
    const title = fresh.querySelector('h3') || fresh.querySelector('a');
    const label = status?.dataset[kind];
    if (status && label) status.textContent = `${label}: ${(title?.firstChild?.textContent || '').trim()}`;
    return true;
  };
  // Items that changed close together (a reconnect plays back several) are put in place
  // from one fetch of the page.
  const pending = new Map();
  let queue = Promise.resolve();
  const putPendingInPlace = async () => {
    const items = [...pending.values()];
    pending.clear();
    let doc = null;
    try {
      const res = await fetch(window.location.pathname, { credentials: 'same-origin' });
      if (res.ok) doc = new DOMParser().parseFromString(await res.text(), 'text/html');
    } catch { /* offered as a reload below */ }
    for (const { kind, id } of items) {
      const done = doc ? putInPlace(doc, kind, id) : false;
      if (!done && kind === 'task') taskNews();
    }
  };
  const itemChanged = (kind, id) => {
    const first = pending.size === 0;
    pending.set(`${kind}:${id}`, { kind, id });
    if (first) queue = queue.then(() => new Promise((r) => setTimeout(r, 50))).then(putPendingInPlace);
  };
  // The moment (server time, seconds) this page last knew the space at: its render, then
  // each socket's `listening` frame. The socket plays back what came after it, so nothing
  // sent while the page loaded or a phone slept is missing (shown items are skipped).
  let since = conversation.dataset.since || '';
  const connect = () => {
    const query = since ? `?since=${encodeURIComponent(since)}` : '';
    socket = new WebSocket(`${scheme}//${window.location.host}/api/v1/spaces/${spaceId}/live${query}`);
    socket.addEventListener('message', (event) => {
      const data = JSON.parse(event.data);
      if (data.type === 'message') {
        show(data);
        socket.send(JSON.stringify({ type: 'read' }));
      } else if (data.type in ITEM_PREFIX) {
        itemChanged(data.type, data.id);
      } else if (data.type === 'listening') {
        since = String(data.at);
      } else if (data.type === 'resync') {
        window.location.reload();
      } else {
        // Anything else (video call signalling) is for the page's other modules.
        document.dispatchEvent(new CustomEvent('tupa-live', { detail: data }));
      }
    });
    // Reconnect after a lost connection (a server restart, a phone waking up).
    socket.addEventListener('close', () => {
      socket = null;
      setTimeout(connect, 3000);
      document.dispatchEvent(new CustomEvent('tupa-live', { detail: { type: 'socket-closed' } }));
    });
  };
  connect();
  // Other modules send on this socket (one per page) by dispatching `tupa-live-send`; the
  // event is marked (preventDefault) when it was sent.
  document.addEventListener('tupa-live-send', (event) => {
    if (!socket || socket.readyState !== WebSocket.OPEN) return;
    socket.send(JSON.stringify(event.detail));
    event.preventDefault();
  });
  form?.addEventListener('submit', (event) => {
    const field = form.querySelector('textarea[name=body]');
    // Files go with the form's own post (the socket carries text only).
    const files = form.querySelector('input[type=file]');
    if (files && files.files.length) return;
    if (!socket || socket.readyState !== WebSocket.OPEN || !field.value.trim()) return;
    event.preventDefault();
    socket.send(JSON.stringify({ type: 'message', body: field.value }));
    field.value = '';
    field.focus();
  });
}

// A canned answer goes into the reply box at the cursor, keeping what is typed. Without
// JavaScript the same button posts the form back and the page returns with both texts.
const cannedButton = document.querySelector('[data-canned-insert]');
if (cannedButton) {
  cannedButton.addEventListener('click', (event) => {
    const form = cannedButton.form;
    const select = form.querySelector('select[name=canned]');
    const body = form.querySelector('textarea[name=body]');
    const status = document.getElementById('canned-status');
    if (!select || !body) return;
    event.preventDefault();
    fetch(cannedButton.dataset.cannedInsert + encodeURIComponent(select.value), {
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
    })
      .then((r) => (r.ok ? r.json() : Promise.reject(r.status)))
      .then(({ text }) => {
        const start = body.selectionStart ?? body.value.length;
        const end = body.selectionEnd ?? start;
        const before = body.value.slice(0, start);
        // Separate the answer from text before it by a blank line, as the no-JS way does.
        const glue = before.trim() && !before.endsWith('\n\n') ? (before.endsWith('\n') ? '\n' : '\n\n') : '';
        body.setRangeText(glue + text, start, end, 'end');
        body.focus();
        if (status) status.textContent = status.dataset.inserted;
      })
      // The server way still works: submit with this button.
      .catch(() => form.requestSubmit(cannedButton));
  });
}
