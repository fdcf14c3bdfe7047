// Job page: state, elapsed time and live progress by polling (images, shards, speed, time left);
// resume the upload of a PENDING job; cancel; summary and downloads once COMPLETED.

import { api } from '../api.js';
import { h, replace, saveBlob } from '../dom.js';
import { formatCount, formatDuration, formatPercent, formatTime } from '../format.js';
import { ProgressTracker, progressStats, shardStats } from '../progress.js';
import { DEFAULT_THRESHOLD } from '../results.js';
import { routes } from '../router.js';
import { describeStatus, isTerminal, statusBadge } from '../status.js';
import { COUNT_FROM_RESULTS_MAX, loadJobSummary } from '../summary.js';

/** How often a running job is polled; a hidden tab polls less. */
const POLL_MS = 2000;
const HIDDEN_POLL_MS = 10_000;
const MAX_BACKOFF_MS = 30_000;

export function jobPage({ id }) {
  let job = null;
  let timer = null;
  let ticker = null;
  let failures = 0;
  let left = false;
  let summaryShown = false;
  const tracker = new ProgressTracker();

  const heading = h('h1', {}, 'Job');
  const idLine = h('p', { class: 'job-id' }, 'ID ', h('code', {}, id));
  const badge = h('span', { class: 'status-slot' });
  const description = h('p', { class: 'status-description' });
  const message = h('div', { class: 'job-message', role: 'alert' });
  const warning = h('div', { class: 'job-warning', role: 'status' });
  const bar = h('progress', { id: 'job-progress', max: 1, value: 0 });
  const progressText = h('p', { id: 'progress-text', 'aria-live': 'polite' });
  const shardBar = h('progress', { id: 'shard-progress', max: 1, value: 0 });
  const shardText = h('p', { id: 'shards-text', 'aria-live': 'polite' });
  const shards = h('div', { class: 'progress shards', hidden: true },
    h('label', { for: 'shard-progress' }, 'Shards'), shardBar, shardText);
  const elapsed = h('span', { id: 'elapsed' });
  const facts = h('dl', { class: 'facts' });
  const actions = h('div', { class: 'actions' });
  const summary = h('section', { class: 'summary', 'aria-labelledby': 'summary-heading', hidden: true });
  const error = h('div', { class: 'error', role: 'alert' });

  const element = h('section', { class: 'page job' },
    heading, idLine,
    h('div', { class: 'status-line' }, badge, h('span', {}, 'Elapsed: ', elapsed)),
    description, message, warning,
    h('div', { class: 'progress' }, h('label', { for: 'job-progress' }, 'Images processed'), bar, progressText),
    shards, facts, actions, error, summary);

  async function poll() {
    timer = null;
    try {
      job = await api.job(id);
      failures = 0;
      showError('');
      tracker.add(Date.now(), job.processedCount);
      render();
    } catch (e) {
      failures++;
      showError(e.status === 404 ? 'There is no such job (or it belongs to another API key).' : `Could not read the job: ${e.message}. Trying again…`);
      if (e.status === 404) return;
    }
    if (left || (job && isTerminal(job.status))) return;
    const base = document.hidden ? HIDDEN_POLL_MS : POLL_MS;
    timer = setTimeout(poll, Math.min(base * 2 ** failures, MAX_BACKOFF_MS));
  }

  function render() {
    heading.textContent = job.name ? `Job: ${job.name}` : 'Job';
    replace(badge, statusBadge(job.status));
    element.dataset.status = job.status;
    description.textContent = describeStatus(job.status);
    replace(warning, job.warning ? h('p', {}, h('strong', {}, 'Warning: '), job.warning) : null);
    replace(message, job.status === 'FAILED' ? h('p', {}, h('strong', {}, 'This job failed. '), job.message || 'No reason was recorded.')
      : job.status === 'CANCELLED' ? h('p', {}, h('strong', {}, 'This job was cancelled. '), job.message || '')
        : null);
    renderProgress();
    replace(facts,
      fact(job.status === 'PENDING' ? 'Files registered' : 'Images', formatCount(job.imageCount)),
      fact('Processed', formatCount(job.processedCount)), fact('Failed images', formatCount(job.failedCount)),
      fact('Detections', formatCount(job.detectionCount)),
      job.options?.shardSize && fact('Photos per shard', formatCount(job.options.shardSize)),
      fact('Created', formatTime(job.createdAt)),
      job.startedAt && fact('Started', formatTime(job.startedAt)),
      job.completedAt && fact('Finished', formatTime(job.completedAt)),
      job.attempt > 1 && fact('Attempts', job.attempt));
    renderActions();
    if (job.status === 'COMPLETED' && !summaryShown) {
      summaryShown = true;
      showSummary();
    }
  }

  function renderProgress() {
    if (!job) return;
    const stats = progressStats(job, Date.now(), tracker.rate());
    elapsed.textContent = stats.elapsedMs == null ? '' : formatDuration(stats.elapsedMs);
    bar.max = Math.max(job.imageCount, 1);
    bar.value = Math.min(job.processedCount, job.imageCount);
    const parts = [`${formatCount(job.processedCount)} of ${formatCount(job.imageCount)} images processed (${formatPercent(stats.fraction)})`];
    if (stats.rate) parts.push(`${stats.rate.toFixed(stats.rate < 10 ? 1 : 0)} images/s`);
    if (stats.etaMs != null) parts.push(`about ${formatDuration(stats.etaMs)} left`);
    progressText.textContent = parts.join(' · ');
    const shard = shardStats(job);
    shards.hidden = shard == null;
    if (shard) {
      shardBar.max = shard.total;
      shardBar.value = shard.completed;
      shardText.textContent = shard.text;
    }
  }

  function renderActions() {
    const buttons = [];
    if (job.status === 'PENDING') {
      buttons.push(h('a', { class: 'button', href: routes.resumeUpload(id) }, 'Resume upload'));
      buttons.push(h('button', { type: 'button', class: 'primary', onclick: start }, 'Start detection'));
    }
    if (!isTerminal(job.status)) {
      buttons.push(h('button', { type: 'button', class: 'danger', onclick: confirmCancel }, 'Cancel job'));
    }
    if (job.status === 'COMPLETED') {
      buttons.push(h('a', { class: 'button primary', href: routes.viewer(id) }, 'Open the results viewer'));
    }
    replace(actions, buttons);
  }

  function confirmCancel() {
    const yes = h('button', { type: 'button', class: 'danger', onclick: cancel }, 'Yes, cancel the job');
    const no = h('button', { type: 'button', onclick: renderActions }, 'Keep it');
    replace(actions, h('p', {}, 'Cancel this job? A running worker is stopped and the job cannot be resumed.'), yes, no);
    no.focus();
  }

  async function cancel() {
    try {
      job = await api.cancel(id);
      render();
    } catch (e) {
      showError(`The job could not be cancelled: ${e.message}`);
      renderActions();
    }
  }

  async function start() {
    try {
      job = await api.start(id);
      render();
      if (!timer) timer = setTimeout(poll, POLL_MS);
    } catch (e) {
      showError(`The job could not be started: ${e.message}`);
    }
  }

  async function showSummary() {
    summary.hidden = false;
    const jsonButton = h('button', { type: 'button', onclick: () => download('json') }, 'Download results.json');
    const csvButton = h('button', { type: 'button', onclick: () => download('csv') }, 'Download CSV');
    const title = h('h2', { id: 'summary-heading' }, 'Summary');
    const downloads = h('div', { class: 'actions' }, jsonButton, csvButton);
    replace(summary, title, h('p', {}, 'Loading the results…'));
    try {
      const loaded = await loadJobSummary(api, job, DEFAULT_THRESHOLD);
      if (!loaded) {
        replace(summary, title,
          h('p', {}, `Counts by category are worked out in the browser for jobs of up to ${formatCount(COUNT_FROM_RESULTS_MAX)} images; `,
            'for this one, page through its images in the ', h('a', { href: routes.viewer(id) }, 'results viewer'), ' or download the results.'),
          downloads);
        return;
      }
      const { counts, detector } = loaded;
      replace(summary, title,
        h('p', {}, `Images with a detection of at least ${DEFAULT_THRESHOLD.toFixed(2)} confidence (MegaDetector's suggested threshold):`),
        h('dl', { class: 'counts' },
          fact('Images', counts.images), fact('With animals', counts.animal), fact('With persons', counts.person),
          fact('With vehicles', counts.vehicle), fact('Empty', counts.empty), fact('Failed', counts.failed)),
        detector ? h('p', { class: 'hint' }, `Detector: ${detector}`) : null,
        downloads);
    } catch (e) {
      replace(summary, title, h('p', { class: 'error' }, `Could not load the results: ${e.message}`), downloads);
    }
  }

  async function download(format) {
    try {
      saveBlob(await api.resultsFile(id, format), `biotrack-${id}.${format}`);
    } catch (e) {
      showError(`The download failed: ${e.message}`);
    }
  }

  function showError(text) {
    replace(error, text ? h('p', {}, text) : null);
  }

  poll();
  ticker = setInterval(() => { if (job && !isTerminal(job.status)) renderProgress(); }, 1000);
  return {
    title: 'Job',
    element,
    leave() {
      left = true;
      clearTimeout(timer);
      clearInterval(ticker);
    },
  };
}

/** One term of a description list, grouped so the grid keeps each term with its value. */
function fact(term, value) {
  return h('div', { class: 'fact' }, h('dt', {}, term), h('dd', {}, String(value ?? '')));
}
