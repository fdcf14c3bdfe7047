// Job page: state, elapsed time and live progress by polling (images, shards, speed, time left);
// resume the upload of a PENDING job; cancel; delete once finished (after a confirmation); once
// COMPLETED the summary as charts at a threshold chosen with a slider, and downloads at that
// threshold.

import { api } from '../api.js';
import { barChart, folderChart, histogram, seriesOf } from '../charts.js';
import { h, replace } from '../dom.js';
import { DOWNLOADS, downloadExport } from '../downloads.js';
import { t } from '../i18n.js';
import { formatCount, formatDuration, formatPercent, formatTime } from '../format.js';
import { ProgressTracker, progressStats, shardStats } from '../progress.js';
import { CATEGORIES, DEFAULT_THRESHOLD } from '../results.js';
import { routes } from '../router.js';
import { describeStatus, isTerminal, statusBadge } from '../status.js';
import { countsOf, loadJobSummary, speciesRows } from '../summary.js';

/** How often a running job is polled; a hidden tab polls less. */
const POLL_MS = 2000;
const HIDDEN_POLL_MS = 10_000;
const MAX_BACKOFF_MS = 30_000;
/** The summary asks the server again once the slider has rested this long. */
const SLIDER_REST_MS = 250;
/** Folders drawn in the chart at most; the rest are told as a number. */
const FOLDERS_DRAWN = 40;


export function jobPage({ id }) {
  let job = null;
  let timer = null;
  let ticker = null;
  let failures = 0;
  let left = false;
  let summaryShown = false;
  let threshold = DEFAULT_THRESHOLD;
  let sliderTimer = null;
  let summaryRequest = null;
  const tracker = new ProgressTracker();

  const heading = h('h1', {}, t('Job'));
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
    h('label', { for: 'shard-progress' }, t('Shards')), shardBar, shardText);
  const elapsed = h('span', { id: 'elapsed' });
  const facts = h('dl', { class: 'facts' });
  const actions = h('div', { class: 'actions' });
  const summary = h('section', { class: 'summary', 'aria-labelledby': 'summary-heading', hidden: true });
  const error = h('div', { class: 'error', role: 'alert' });

  const element = h('section', { class: 'page job' },
    heading, idLine,
    h('div', { class: 'status-line' }, badge, h('span', {}, t('Elapsed: '), elapsed)),
    description, message, warning,
    h('div', { class: 'progress' }, h('label', { for: 'job-progress' }, t('Images processed')), bar, progressText),
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
      showError(e.status === 404 ? t('There is no such job (or it belongs to another API key).') : t('Could not read the job: {error}. Trying again…', { error: e.message }));
      if (e.status === 404) return;
    }
    if (left || (job && isTerminal(job.status))) return;
    const base = document.hidden ? HIDDEN_POLL_MS : POLL_MS;
    timer = setTimeout(poll, Math.min(base * 2 ** failures, MAX_BACKOFF_MS));
  }

  function render() {
    heading.textContent = job.name ? t('Job: {name}', { name: job.name }) : t('Job');
    replace(badge, statusBadge(job.status));
    element.dataset.status = job.status;
    description.textContent = describeStatus(job.status);
    replace(warning, job.warning ? h('p', {}, h('strong', {}, t('Warning: ')), job.warning) : null);
    replace(message, job.status === 'FAILED' ? h('p', {}, h('strong', {}, t('This job failed. ')), job.message || t('No reason was recorded.'))
      : job.status === 'CANCELLED' ? h('p', {}, h('strong', {}, t('This job was cancelled. ')), job.message || '')
        : null);
    renderProgress();
    replace(facts,
      fact(t(job.status === 'PENDING' ? 'Files registered' : 'Images'), formatCount(job.imageCount)),
      fact(t('Processed'), formatCount(job.processedCount)), fact(t('Failed images'), formatCount(job.failedCount)),
      fact(t('Detections'), formatCount(job.detectionCount)),
      job.options?.shardSize && fact(t('Photos per shard'), formatCount(job.options.shardSize)),
      fact(t('Created'), formatTime(job.createdAt)),
      job.startedAt && fact(t('Started'), formatTime(job.startedAt)),
      job.completedAt && fact(t('Finished'), formatTime(job.completedAt)),
      job.attempt > 1 && fact(t('Attempts'), job.attempt));
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
    const parts = [t('{n} of {total} images processed ({percent})', { n: formatCount(job.processedCount), total: formatCount(job.imageCount), percent: formatPercent(stats.fraction) })];
    if (stats.rate) parts.push(t('{rate} images/s', { rate: stats.rate.toFixed(stats.rate < 10 ? 1 : 0) }));
    if (stats.etaMs != null) parts.push(t('about {time} left', { time: formatDuration(stats.etaMs) }));
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
      buttons.push(h('a', { class: 'button', href: routes.resumeUpload(id) }, t('Resume upload')));
      buttons.push(h('button', { type: 'button', class: 'primary', onclick: start }, t('Start detection')));
    }
    if (!isTerminal(job.status)) {
      buttons.push(h('button', { type: 'button', class: 'danger', onclick: confirmCancel }, t('Cancel job')));
    }
    if (job.status === 'COMPLETED') {
      buttons.push(h('a', { class: 'button primary', href: routes.viewer(id) }, t('Open the results viewer')));
    }
    if (isTerminal(job.status)) {
      buttons.push(h('button', { type: 'button', class: 'danger', onclick: confirmDelete }, t('Delete job')));
    }
    replace(actions, buttons);
  }

  function confirmDelete() {
    const yes = h('button', { type: 'button', class: 'danger', onclick: remove }, t('Yes, delete the job'));
    const no = h('button', { type: 'button', onclick: renderActions }, t('Keep it'));
    replace(actions, h('p', { class: 'confirm' }, t('Delete this job? Its photos and results are deleted for good.')), yes, no);
    no.focus();
  }

  async function remove() {
    try {
      await api.remove(id);
      location.hash = routes.jobs();
    } catch (e) {
      showError(t('The job could not be deleted: {error}', { error: e.message }));
      renderActions();
    }
  }

  function confirmCancel() {
    const yes = h('button', { type: 'button', class: 'danger', onclick: cancel }, t('Yes, cancel the job'));
    const no = h('button', { type: 'button', onclick: renderActions }, t('Keep it'));
    replace(actions, h('p', {}, t('Cancel this job? A running worker is stopped and the job cannot be resumed.')), yes, no);
    no.focus();
  }

  async function cancel() {
    try {
      job = await api.cancel(id);
      render();
    } catch (e) {
      showError(t('The job could not be cancelled: {error}', { error: e.message }));
      renderActions();
    }
  }

  async function start() {
    try {
      job = await api.start(id);
      render();
      if (!timer) timer = setTimeout(poll, POLL_MS);
    } catch (e) {
      showError(t('The job could not be started: {error}', { error: e.message }));
    }
  }

  function showSummary() {
    summary.hidden = false;
    const title = h('h2', { id: 'summary-heading' }, t('Summary'));
    const slider = h('input', { id: 'summary-threshold', type: 'range', min: 0, max: 1, step: 0.01, value: threshold });
    const value = h('output', { for: 'summary-threshold', id: 'summary-threshold-value' }, threshold.toFixed(2));
    const note = h('p', { id: 'summary-note', 'aria-live': 'polite' });
    const counts = h('dl', { class: 'counts' });
    const species = h('section', { class: 'species-counts', id: 'species-counts', hidden: true });
    const histograms = h('div', { class: 'histograms' });
    const charts = h('div', { class: 'charts' });
    const downloads = h('div', { class: 'actions downloads' },
      DOWNLOADS.map((d) => h('button', { type: 'button', 'data-kind': d.kind, onclick: () => download(d.kind) }, t(d.label))));
    const downloadNote = h('p', { class: 'hint', id: 'downloads-note' });
    replace(summary, title,
      h('div', { class: 'field slider' },
        h('label', { for: 'summary-threshold' }, t('Confidence threshold ')), value, slider),
      histograms, note, counts, species, charts, downloads, downloadNote);

    async function load() {
      summaryRequest?.abort();
      const controller = new AbortController();
      summaryRequest = controller;
      summary.dataset.state = 'loading';
      try {
        const loaded = await loadJobSummary(api, id, threshold, controller.signal);
        if (controller.signal.aborted) return;
        draw(loaded);
        summary.dataset.state = 'ready';
        summary.dataset.threshold = loaded.threshold.toFixed(2);
      } catch (e) {
        if (controller.signal.aborted || e.name === 'AbortError') return;
        replace(note, h('span', { class: 'error' }, t('Could not load the summary: {error}', { error: e.message })));
        summary.dataset.state = 'error';
      }
    }

    function draw(loaded) {
      const c = countsOf(loaded);
      replace(note, t('Images with a detection of at least {threshold} confidence', { threshold: threshold.toFixed(2) })
        + (Math.abs(threshold - DEFAULT_THRESHOLD) < 1e-9 ? t(" (MegaDetector's suggested threshold)") : '') + ':');
      replace(counts,
        fact(t('Images'), c.images), fact(t('With animals'), c.animal), fact(t('With persons'), c.person),
        fact(t('With vehicles'), c.vehicle), fact(t('Empty'), c.empty), fact(t('Failed'), c.failed));
      drawSpecies(loaded);
      replace(histograms, CATEGORIES.map((category) => {
        const bins = loaded.histograms[category.key];
        if (!bins) return null;
        return h('figure', { class: 'histogram-figure' },
          histogram(category, bins.counts, bins.binWidth, threshold,
            { title: t('{category}: photos by their highest {key} confidence; the dashed line is the threshold', { category: t(category.label), key: t(category.label).toLowerCase() }) }),
          h('figcaption', {}, t('{category}: photos by highest confidence', { category: t(category.label) })));
      }));
      const folders = loaded.folders.slice(0, FOLDERS_DRAWN);
      const more = loaded.folders.length - folders.length + (loaded.otherFolders ? 1 : 0);
      replace(charts,
        h('figure', {},
          barChart(seriesOf(loaded.overall), { title: t('Photos per category'), className: 'categories' }),
          h('figcaption', {}, t('Photos per category (a photo with an animal and a person counts in both)'))),
        folders.length > 1 || (folders.length === 1 && folders[0].folder !== '')
          ? h('figure', {},
            folderChart(folders, { title: t('Photos per folder (camera or site), by category') }),
            h('figcaption', {}, t('Per folder (camera or site)'),
              more > 0 ? t('; {n} more folder(s) not drawn (see the images CSV)', { n: more }) : ''))
          : null);
      replace(downloadNote, t('The CSV files and the zip hold what is at or above {threshold}; results.json holds every detection.', { threshold: threshold.toFixed(2) }));
      for (const button of downloads.querySelectorAll('button')) button.dataset.threshold = threshold.toFixed(2);
    }

    /** Photos per species (the classifier's decision per photo, at least the threshold). */
    function drawSpecies(loaded) {
      const rows = speciesRows(loaded);
      species.hidden = rows == null;
      if (rows == null) return;
      replace(species,
        h('h3', {}, t('Species')),
        h('p', { class: 'hint' }, t('Photos by the species the classifier decided, where it is at least {threshold} sure.', { threshold: threshold.toFixed(2) })),
        rows.length === 0 ? h('p', {}, t('No species decision at this threshold.'))
          : h('table', { class: 'species' },
            h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('Species')), h('th', { scope: 'col' }, t('Photos')))),
            h('tbody', {}, rows.map((r) => h('tr', { dataset: { species: r.name } }, h('td', {}, r.name), h('td', {}, formatCount(r.images)))))),
        loaded.speciesBelowThreshold > 0
          ? h('p', { class: 'hint' }, t('{n} more photo(s) with a less sure decision.', { n: formatCount(loaded.speciesBelowThreshold) }))
          : null);
    }

    slider.addEventListener('input', () => {
      threshold = Number(slider.value);
      value.textContent = threshold.toFixed(2);
      clearTimeout(sliderTimer);
      sliderTimer = setTimeout(load, SLIDER_REST_MS);
    });
    load();
  }

  async function download(kind) {
    try {
      await downloadExport(api, id, kind, threshold);
    } catch (e) {
      showError(t('The download failed: {error}', { error: e.message }));
    }
  }

  function showError(text) {
    replace(error, text ? h('p', {}, text) : null);
  }

  poll();
  ticker = setInterval(() => { if (job && !isTerminal(job.status)) renderProgress(); }, 1000);
  return {
    title: t('Job'),
    element,
    leave() {
      left = true;
      clearTimeout(timer);
      clearTimeout(sliderTimer);
      summaryRequest?.abort();
      clearInterval(ticker);
    },
  };
}

/** One term of a description list, grouped so the grid keeps each term with its value. */
function fact(term, value) {
  return h('div', { class: 'fact' }, h('dt', {}, term), h('dd', {}, String(value ?? '')));
}
