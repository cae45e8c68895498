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
