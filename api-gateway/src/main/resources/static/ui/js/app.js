// The web UI's entry point: routes the hash to a page, keeps the API key dialog.

import { api, apiKey, UNAUTHORIZED_EVENT } from './api.js';
import { h, replace } from './dom.js';
import { LANGUAGES, language, setLanguage, t } from './i18n.js';
import { parseRoute, routes } from './router.js';
import { jobPage } from './pages/job.js';
import { jobsPage } from './pages/jobs.js';
import { newJobPage } from './pages/new-job.js';
import { viewerPage } from './pages/viewer.js';

const PAGES = { new: newJobPage, jobs: jobsPage, job: jobPage, viewer: viewerPage, 'not-found': notFoundPage };

const main = document.getElementById('main');
let leaveCurrent = () => {};
let rendered = false;

function render() {
  const route = parseRoute(location.hash);
  if (route == null) return; // an in-page anchor such as the skip link
  leaveCurrent();
  const page = PAGES[route.page](route);
  leaveCurrent = page.leave ?? (() => {});
  replace(main, page.element);
  document.title = `${page.title} · Biotrack`;
  markCurrentNav(route.page);
  // After a route change, screen-reader and keyboard users start at the new page's heading (on
  // the first load the browser's own order, skip link first, stays).
  const heading = main.querySelector('h1');
  if (heading && rendered) {
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
  }
  rendered = true;
  window.scrollTo(0, 0);
}

function markCurrentNav(page) {
  for (const link of document.querySelectorAll('nav.main a')) {
    const current =
      (link.dataset.page === 'new' && page === 'new') ||
      (link.dataset.page === 'jobs' && ['jobs', 'job', 'viewer'].includes(page));
    if (current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

function notFoundPage() {
  return {
    title: t('Not found'),
    element: h('section', {}, h('h1', {}, t('Page not found')),
      h('p', {}, t('There is nothing at this address. '), h('a', { href: routes.newJob() }, t('Start a new job')), '.')),
  };
}

// ---- API key ---------------------------------------------------------------------------------

const dialog = document.getElementById('key-dialog');
const keyForm = document.getElementById('key-form');
const keyInput = document.getElementById('key-input');
const keyMessage = document.getElementById('key-message');
const keyButton = document.getElementById('key-button');

function showKeyState() {
  keyButton.textContent = apiKey.get() ? t('API key: set') : t('API key');
}

function openKeyDialog(message) {
  keyMessage.textContent = message ?? '';
  keyInput.value = apiKey.get() ?? '';
  if (!dialog.open) dialog.showModal();
  keyInput.focus();
}

keyButton.addEventListener('click', () => openKeyDialog());
window.addEventListener(UNAUTHORIZED_EVENT, (e) =>
  openKeyDialog(t('This server needs an API key: {detail}', { detail: e.detail })));
keyForm.addEventListener('submit', (e) => {
  // method=dialog closes the dialog; the key only lives in this tab's session storage.
  if (e.submitter?.value === 'save') {
    apiKey.set(keyInput.value.trim());
    showKeyState();
    render();
    showPlatformWarnings();
  } else if (e.submitter?.value === 'forget') {
    apiKey.set(null);
    showKeyState();
  }
});

// The skip link moves focus without touching the hash, which holds the route.
document.querySelector('.skip-link').addEventListener('click', (e) => {
  e.preventDefault();
  main.focus();
});

// Warnings every user must see, e.g. that the platform runs the small test model. A gateway
// without the info endpoint (404) has none.
async function showPlatformWarnings() {
  const banner = document.getElementById('platform-warnings');
  try {
    const info = await api.info();
    // One line each on every page; the rest of the text on request.
    replace(banner, (info.warnings ?? []).map((w) => {
      const [first, ...rest] = w.split(/(?<=\.) /);
      return rest.length === 0
        ? h('p', {}, h('strong', {}, t('Warning: ')), w)
        : h('details', {}, h('summary', {}, h('strong', {}, t('Warning: ')), first), h('p', {}, rest.join(' ')));
    }));
  } catch {
    replace(banner);
  }
}

// ---- language ---------------------------------------------------------------------------------

const languageSelect = document.getElementById('language');

/** The page's fixed texts (marked data-i18n in index.html) in the current language. */
function translateShell() {
  document.documentElement.lang = language();
  for (const element of document.querySelectorAll('[data-i18n]')) {
    element.dataset.i18n ||= element.textContent.trim();
    element.textContent = t(element.dataset.i18n);
  }
  for (const element of document.querySelectorAll('[data-i18n-label]')) {
    element.dataset.i18nLabel ||= element.getAttribute('aria-label');
    element.setAttribute('aria-label', t(element.dataset.i18nLabel));
  }
}

replace(languageSelect, LANGUAGES.map((l) => h('option', { value: l.code, lang: l.code, selected: l.code === language() }, l.name)));
languageSelect.addEventListener('change', () => {
  setLanguage(languageSelect.value);
  translateShell();
  showKeyState();
  render();
  showPlatformWarnings();
});

translateShell();
showKeyState();
window.addEventListener('hashchange', render);
render();
showPlatformWarnings();
