// The desk's queue and ticket pages, for people who work them all day. Progressive
// enhancement only: without this file the filters stay open, the "Reply" and "Note" links
// lead to the reply box, and nothing listens to the keyboard.

const KEY = 'tupa-desk-shortcuts'; // 'off' when the adviser turned single-key shortcuts off
const QUEUE = 'tupa-desk-queue'; // the queue last seen in this tab: its address and case numbers

const shortcuts = document.querySelector('[data-shortcuts]');
const toggle = document.getElementById('shortcuts-on');
const enabled = () => localStorage.getItem(KEY) !== 'off';
if (shortcuts) {
  shortcuts.hidden = false;
  if (toggle) {
    toggle.checked = enabled();
    toggle.addEventListener('change', () => {
      if (toggle.checked) localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, 'off');
    });
  }
}

// ---- the queue ----

const results = document.getElementById('queue-results');
const rows = () => [...document.querySelectorAll('#queue-results tbody tr[data-case]')];

// On a phone the filters fold away unless one is on (the server sends them open).
const fold = document.querySelector('details.filters-fold');
if (fold?.dataset.foldNarrow === 'true' && window.matchMedia('(max-width: 47.99rem)').matches) fold.open = false;

// The skip link's target takes focus (it has tabindex=-1); some browsers only scroll.
document.querySelector('.skip-inline')?.addEventListener('click', (event) => {
  event.preventDefault();
  results?.focus();
  results?.scrollIntoView({ block: 'start' });
});

// Remembered for `n` on a ticket page: the next ticket is the next one of this list.
function rememberQueue() {
  const cases = rows().map((tr) => tr.dataset.case);
  sessionStorage.setItem(QUEUE, JSON.stringify({ url: window.location.pathname + window.location.search, cases }));
}
if (results) {
  rememberQueue();
  // The live update swaps the results in; keep the list current with it.
  new MutationObserver(rememberQueue).observe(results, { childList: true });
}

// j/k: the next or previous ticket gets focus (on its case number link; Enter opens it).
function moveInQueue(step) {
  const all = rows();
  if (!all.length) return false;
  const here = all.findIndex((tr) => tr.contains(document.activeElement));
  const at = here < 0 ? (step > 0 ? 0 : all.length - 1) : Math.min(all.length - 1, Math.max(0, here + step));
  for (const tr of all) tr.classList.toggle('is-current', tr === all[at]);
  const link = all[at].querySelector('a');
  link.focus();
  link.scrollIntoView({ block: 'nearest' });
  return true;
}

// ---- a ticket page ----

const replyForm = document.querySelector('form.reply-form');
function compose(kind) {
  if (!replyForm) return false;
  const radio = replyForm.querySelector(`input[name=kind][value=${kind}]`);
  if (radio) radio.checked = true;
  const body = replyForm.querySelector('textarea[name=body]');
  body.scrollIntoView({ block: 'center' });
  body.focus();
  return true;
}
// The toolbar's "Reply" and "Note" links choose the kind in place instead of reloading.
for (const link of document.querySelectorAll('[data-compose]')) {
  link.addEventListener('click', (event) => {
    if (compose(link.dataset.compose)) event.preventDefault();
  });
}

// The queue this ticket was opened from, when it was this organisation's queue.
const queueLink = document.querySelector('[data-queue-link]');
const queueBase = queueLink?.getAttribute('href'); // /orgs/{org}/desk
function lastQueue() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(QUEUE) || 'null');
    if (saved && queueBase && saved.url.split('?')[0] === queueBase) return saved;
  } catch {
    // Unreadable: as if none.
  }
  return null;
}
const fromQueue = lastQueue();
if (fromQueue && queueLink) queueLink.href = fromQueue.url;

// n: the ticket after this one in that queue, else back to the queue.
function nextTicket() {
  if (!queueLink) return false;
  const here = document.querySelector('[data-ticket-case]')?.dataset.ticketCase;
  const cases = fromQueue?.cases ?? [];
  const i = cases.indexOf(here);
  const next = i >= 0 ? cases[i + 1] : cases.find((c) => c !== here);
  window.location.href = next ? `${queueBase}/${encodeURIComponent(next)}` : queueLink.href;
  return true;
}

// ---- the keys ----

function typing(target) {
  return target instanceof Element
    && (target.closest('input, textarea, select, [contenteditable]:not([contenteditable="false"])') !== null
      || target.isContentEditable);
}

document.addEventListener('keydown', (event) => {
  if (!shortcuts || !enabled() || event.defaultPrevented || event.isComposing) return;
  if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
  // `?` needs Shift on most layouts; every other key is taken without it only.
  if (event.shiftKey && event.key !== '?') return;
  let done = false;
  switch (event.key) {
    case '?':
      shortcuts.open = !shortcuts.open;
      if (shortcuts.open) shortcuts.querySelector('summary').focus();
      done = true;
      break;
    case 'j':
      done = results ? moveInQueue(1) : false;
      break;
    case 'k':
      done = results ? moveInQueue(-1) : false;
      break;
    case '/': {
      const search = document.getElementById('f-q');
      if (results && search) {
        if (fold) fold.open = true;
        search.focus();
        done = true;
      }
      break;
    }
    case 'n':
      done = replyForm ? nextTicket() : false;
      break;
    case 'r':
      done = compose('reply');
      break;
    case 'i':
      done = compose('note');
      break;
    default:
  }
  if (done) event.preventDefault();
});
