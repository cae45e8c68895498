// Progressive enhancement only: every page works without this file.
// Moves focus to a form's error summary so screen-reader and keyboard users hear what failed.
const summary = document.querySelector('.error-summary');
if (summary) {
  summary.setAttribute('tabindex', '-1');
  summary.focus();
}
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
