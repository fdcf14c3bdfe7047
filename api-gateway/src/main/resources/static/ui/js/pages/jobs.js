// Jobs list: the caller's jobs, newest first, a page at a time, filtered by state.

import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { formatTime } from '../format.js';
import { routes } from '../router.js';
import { STATES, stateName, statusBadge } from '../status.js';
import { t } from '../i18n.js';

export const PAGE_SIZE = 20;

export function jobsPage() {
  // cursors[i] opens page i (page 0 has none), so "Previous" needs no API support.
  let cursors = [null];
  let page = 0;
  let next = null;

  const filter = h('select', { id: 'status-filter', onchange: () => { cursors = [null]; page = 0; load(); } },
    h('option', { value: '' }, t('All')), STATES.map((s) => h('option', { value: s }, stateName(s))));
  const body = h('tbody');
  const table = h('table', { class: 'jobs' },
    h('caption', { class: 'visually-hidden' }, t('Your jobs, newest first')),
    h('thead', {}, h('tr', {}, ['Job', 'Status', 'Images', 'Processed', 'Created'].map((c) => h('th', { scope: 'col' }, t(c))))),
    body);
  const empty = h('p', { class: 'empty', hidden: true });
  const previousButton = h('button', { type: 'button', onclick: () => { page--; load(); } }, t('Previous page'));
  const nextButton = h('button', { type: 'button', onclick: () => { cursors[page + 1] = next; page++; load(); } }, t('Next page'));
  const pageLabel = h('span', { class: 'page-number', 'aria-live': 'polite' });
  const error = h('div', { class: 'error', role: 'alert' });

  const element = h('section', { class: 'page jobs-page' },
    h('h1', {}, t('Jobs')),
    h('div', { class: 'toolbar' },
      h('div', { class: 'field inline' }, h('label', { for: 'status-filter' }, t('Status')), filter),
      h('a', { class: 'button primary', href: routes.newJob() }, t('New job'))),
    error, h('div', { class: 'table-wrap' }, table), empty,
    h('nav', { class: 'pagination', 'aria-label': t('Pages') }, previousButton, pageLabel, nextButton));

  async function load() {
    replace(error);
    try {
      const result = await api.jobs({ limit: PAGE_SIZE, cursor: cursors[page], status: filter.value || null });
      next = result.nextCursor ?? null;
      replace(body, result.jobs.map(row));
      empty.hidden = result.jobs.length > 0;
      empty.textContent = filter.value ? t('No jobs in this state.') : t('No jobs yet. Start one with “New job”.');
      table.hidden = result.jobs.length === 0;
    } catch (e) {
      replace(error, h('p', {}, t('Could not load the jobs: {error}', { error: e.message })));
      next = null;
    }
    previousButton.disabled = page === 0;
    nextButton.disabled = next == null;
    pageLabel.textContent = t('Page {n}', { n: page + 1 });
  }

  load();
  return { title: t('Jobs'), element };
}

function row(job) {
  return h('tr', { dataset: { jobId: job.jobId, status: job.status } },
    h('th', { scope: 'row', 'data-label': t('Job') },
      h('a', { href: routes.job(job.jobId) }, job.name || t('Unnamed job')), h('br'), h('code', { class: 'id' }, job.jobId)),
    h('td', { 'data-label': t('Status') }, statusBadge(job.status)),
    h('td', { 'data-label': t('Images') }, String(job.imageCount)),
    h('td', { 'data-label': t('Processed') }, `${job.processedCount}${job.failedCount ? ` (${t('{n} failed', { n: job.failedCount })})` : ''}`),
    h('td', { 'data-label': t('Created') }, formatTime(job.createdAt)));
}
