// Jobs list: the caller's jobs, newest first, a page at a time, filtered by state.

import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { formatTime } from '../format.js';
import { routes } from '../router.js';
import { STATES, statusBadge } from '../status.js';

export const PAGE_SIZE = 20;

export function jobsPage() {
  // cursors[i] opens page i (page 0 has none), so "Previous" needs no API support.
  let cursors = [null];
  let page = 0;
  let next = null;

  const filter = h('select', { id: 'status-filter', onchange: () => { cursors = [null]; page = 0; load(); } },
    h('option', { value: '' }, 'All'), STATES.map((s) => h('option', { value: s }, s.charAt(0) + s.slice(1).toLowerCase())));
  const body = h('tbody');
  const table = h('table', { class: 'jobs' },
    h('caption', { class: 'visually-hidden' }, 'Your jobs, newest first'),
    h('thead', {}, h('tr', {}, ['Job', 'Status', 'Images', 'Processed', 'Created'].map((c) => h('th', { scope: 'col' }, c)))),
    body);
  const empty = h('p', { class: 'empty', hidden: true });
  const previousButton = h('button', { type: 'button', onclick: () => { page--; load(); } }, 'Previous page');
  const nextButton = h('button', { type: 'button', onclick: () => { cursors[page + 1] = next; page++; load(); } }, 'Next page');
  const pageLabel = h('span', { class: 'page-number', 'aria-live': 'polite' });
  const error = h('div', { class: 'error', role: 'alert' });

  const element = h('section', { class: 'page jobs-page' },
    h('h1', {}, 'Jobs'),
    h('div', { class: 'toolbar' },
      h('div', { class: 'field inline' }, h('label', { for: 'status-filter' }, 'Status'), filter),
      h('a', { class: 'button primary', href: routes.newJob() }, 'New job')),
    error, h('div', { class: 'table-wrap' }, table), empty,
    h('nav', { class: 'pagination', 'aria-label': 'Pages' }, previousButton, pageLabel, nextButton));

  async function load() {
    replace(error);
    try {
      const result = await api.jobs({ limit: PAGE_SIZE, cursor: cursors[page], status: filter.value || null });
      next = result.nextCursor ?? null;
      replace(body, result.jobs.map(row));
      empty.hidden = result.jobs.length > 0;
      empty.textContent = filter.value ? 'No jobs in this state.' : 'No jobs yet. Start one with “New job”.';
      table.hidden = result.jobs.length === 0;
    } catch (e) {
      replace(error, h('p', {}, `Could not load the jobs: ${e.message}`));
      next = null;
    }
    previousButton.disabled = page === 0;
    nextButton.disabled = next == null;
    pageLabel.textContent = `Page ${page + 1}`;
  }

  load();
  return { title: 'Jobs', element };
}

function row(job) {
  return h('tr', { dataset: { jobId: job.jobId, status: job.status } },
    h('th', { scope: 'row', 'data-label': 'Job' },
      h('a', { href: routes.job(job.jobId) }, job.name || 'Unnamed job'), h('br'), h('code', { class: 'id' }, job.jobId)),
    h('td', { 'data-label': 'Status' }, statusBadge(job.status)),
    h('td', { 'data-label': 'Images' }, String(job.imageCount)),
    h('td', { 'data-label': 'Processed' }, `${job.processedCount}${job.failedCount ? ` (${job.failedCount} failed)` : ''}`),
    h('td', { 'data-label': 'Created' }, formatTime(job.createdAt)));
}
