// New job: choose or drop images (or a folder), upload them, start the job. Built for a season's
// folder of tens of thousands of photos: the page shows totals, a progress bar, the files in
// flight and the failed ones, and a capped list, never a row per file. An interrupted upload
// (a reload, a closed tab) is resumed into its PENDING job: the same files are picked again and
// only those the job lacks are sent.

import { api, ApiError } from '../api.js';
import { h, replace } from '../dom.js';
import { formatBytes, formatCount, formatDuration } from '../format.js';
import { uploadNote } from '../resume.js';
import { routes } from '../router.js';
import { acceptAttribute, describeTypes } from '../selection.js';
import { UploadSession } from '../upload-session.js';

/** Rows shown at most in each list; the totals say how many there are. */
const SHOWN_CHOSEN = 100;
const SHOWN_FAILED = 100;
const SHOWN_REFUSED = 50;

const note = uploadNote(localStorage);

/** The upload going on, kept while the user looks at other pages of the app. */
let session = null;

// Closing or reloading the tab during an upload asks first (the upload can be resumed, but only
// by picking the files again).
window.addEventListener('beforeunload', (e) => {
  if (session?.uploading) e.preventDefault();
});

export function newJobPage({ resume: resumeId = null } = {}) {
  // An upload going on is shown again, whatever was asked; otherwise the page starts afresh.
  const carryOn = session?.phase === 'uploading';
  if (!carryOn) session = new UploadSession({ api, note });
  const current = session;

  const lead = h('p', { class: 'lead' }, 'Loading the upload limits…');
  const offer = h('div', { class: 'resume-offer', role: 'status', hidden: true });
  const resuming = h('div', { class: 'resuming', role: 'status', hidden: true });
  const nameInput = h('input', { id: 'job-name', name: 'name', type: 'text', maxlength: 200, autocomplete: 'off', placeholder: 'e.g. Serra da Canastra, May' });
  const shardInput = h('input', { id: 'shard-size', name: 'shardSize', type: 'number', min: 1, max: 100000, step: 1, inputmode: 'numeric', placeholder: '2000' });
  const options = h('details', { class: 'options' },
    h('summary', {}, 'Options'),
    h('div', { class: 'field' },
      h('label', { for: 'shard-size' }, 'Photos per shard ', h('span', { class: 'hint' }, '(optional; the server’s default is 2,000)')),
      shardInput,
      h('p', { class: 'hint' }, 'A started job runs in shards of this many photos, each on its own worker: smaller shards spread a job over more workers.')));
  const filesInput = h('input', { id: 'pick-files', type: 'file', multiple: true, hidden: true, 'aria-label': 'Choose images' });
  const folderInput = h('input', { id: 'pick-folder', type: 'file', multiple: true, hidden: true, webkitdirectory: true, 'aria-label': 'Choose a folder' });
  const chooseFiles = h('button', { type: 'button', onclick: () => filesInput.click() }, 'Choose images');
  const chooseFolder = h('button', { type: 'button', onclick: () => folderInput.click() }, 'Choose a folder');
  const dropZone = h('div', { class: 'dropzone', id: 'dropzone' },
    h('p', {}, 'Drag images or a folder here, or'),
    h('div', { class: 'buttons' }, chooseFiles, chooseFolder),
    filesInput, folderInput);
  const refusals = h('div', { class: 'refusals', role: 'alert', 'aria-live': 'assertive' });
  const chosenSummary = h('p', { class: 'chosen-summary', 'aria-live': 'polite' });
  const clearButton = h('button', { type: 'button', class: 'link', hidden: true, onclick: () => current.clear() }, 'Clear the list');
  const fileList = h('ul', { class: 'file-list', 'aria-label': 'Chosen images' });
  const moreChosen = h('p', { class: 'hint more', hidden: true });
  const overallBar = h('progress', { id: 'overall-progress', max: 1, value: 0 });
  const overallText = h('p', { id: 'overall-text', 'aria-live': 'polite' });
  const overall = h('div', { class: 'overall', hidden: true },
    h('label', { for: 'overall-progress' }, 'Upload progress'), overallBar, overallText);
  const inFlightList = h('ul', { id: 'in-flight', class: 'file-list uploads', 'aria-label': 'Uploads in progress' });
  const inFlight = h('section', { class: 'upload-list', 'aria-labelledby': 'in-flight-heading', hidden: true },
    h('h2', { id: 'in-flight-heading' }, 'Sending now'), inFlightList);
  const failedList = h('ul', { id: 'failed-uploads', class: 'file-list uploads', 'aria-label': 'Failed uploads' });
  const moreFailed = h('p', { class: 'hint more', hidden: true });
  const retryAllButton = h('button', { type: 'button', onclick: () => current.retryFailed() }, 'Retry all failed');
  const removeAllButton = h('button', { type: 'button', class: 'link', onclick: () => current.removeFailed() }, 'Leave all failed out');
  const failedActions = h('div', { class: 'actions' }, retryAllButton, removeAllButton);
  const failed = h('section', { class: 'upload-list failed', 'aria-labelledby': 'failed-heading', hidden: true },
    h('h2', { id: 'failed-heading' }, 'Failed'), failedList, moreFailed, failedActions);
  const uploadButton = h('button', { type: 'button', class: 'primary', disabled: true, onclick: upload }, 'Upload');
  const startButton = h('button', { type: 'button', class: 'primary', hidden: true, disabled: true, onclick: start }, 'Start detection');
  const error = h('div', { class: 'error', role: 'alert' });
  const jobNote = h('p', { class: 'job-note', hidden: true });

  const element = h('section', { class: 'page new-job' },
    h('h1', {}, 'New job'),
    lead, offer, resuming,
    h('div', { class: 'field' }, h('label', { for: 'job-name' }, 'Job name ', h('span', { class: 'hint' }, '(optional)')), nameInput),
    options,
    dropZone,
    refusals,
    h('div', { class: 'chosen' }, chosenSummary, clearButton),
    fileList, moreChosen,
    jobNote,
    overall,
    inFlight,
    failed,
    error,
    h('div', { class: 'actions' }, uploadButton, startButton));

  filesInput.addEventListener('change', () => { current.choose([...filesInput.files]); filesInput.value = ''; });
  folderInput.addEventListener('change', () => { current.choose([...folderInput.files]); folderInput.value = ''; });
  for (const type of ['dragenter', 'dragover']) {
    dropZone.addEventListener(type, (e) => {
      e.preventDefault();
      if (current.phase === 'choosing') dropZone.classList.add('over');
    });
  }
  dropZone.addEventListener('dragleave', () => dropZone.classList.remove('over'));
  dropZone.addEventListener('drop', async (e) => {
    e.preventDefault();
    dropZone.classList.remove('over');
    if (current.phase === 'choosing') current.choose(await droppedFiles(e.dataTransfer));
  });

  // Redraws at most once a frame: progress events of four uploads come far more often.
  let pending = false;
  const scheduleRender = () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; render(); });
  };
  const unsubscribe = current.subscribe(scheduleRender);
  const rows = new Map(); // item → row, for the rows shown (in flight and failed)
  let ticker = null;
  let drawn = -1; // the session's version last drawn: the choice is redrawn only when it changed
  let spoken = 0; // when the overall line (a live region) last changed
  let later = null; // the redraw of a line held back

  (current.limits ? Promise.resolve(current.limits) : api.limits()).then(
    (limits) => {
      current.limits = limits;
      filesInput.accept = acceptAttribute(limits.acceptedTypes);
      replace(lead, `Choose up to ${formatCount(limits.maxFiles)} camera-trap images (${describeTypes(limits.acceptedTypes)}, at most `,
        `${formatBytes(limits.maxFileBytes)} each), or a whole folder. Folder paths are kept in the results.`);
      drawn = -1;
      render();
    },
    (e) => showError(`Could not load the upload limits: ${e.message}`));

  if (carryOn) render();
  else if (resumeId) openResume(resumeId);
  else offerResume();

  /** An upload this browser started and did not finish: offer to carry on with it. */
  async function offerResume() {
    const noted = note.get();
    if (!noted) return;
    let job;
    try {
      job = await api.job(noted.jobId);
    } catch (e) {
      if (e.status === 404) note.clear(noted.jobId); // gone, or another key's job
      return;
    }
    if (job.status !== 'PENDING') {
      note.clear(noted.jobId);
      return;
    }
    if (current.phase !== 'choosing' || current.resume) return;
    offer.hidden = false;
    replace(offer,
      h('p', {}, h('strong', {}, 'An upload did not finish: '), 'job ', h('a', { href: routes.job(job.jobId) }, job.name || 'Unnamed job'),
        ' (', h('code', {}, job.jobId), `) is waiting with ${formatCount(job.imageCount)} files registered.`),
      h('p', {}, 'Resume it: pick the same folder or images again; only the files the job lacks are sent.'),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'primary', onclick: () => openResume(job.jobId) }, 'Resume this upload'),
        h('button', { type: 'button', onclick: () => { note.clear(job.jobId); offer.hidden = true; } }, 'Discard the note')));
  }

  async function openResume(jobId) {
    offer.hidden = true;
    showError('');
    try {
      await current.openResume(jobId);
    } catch (e) {
      showError(`This upload cannot be resumed: ${e.message}`);
    }
  }

  /** A redraw soon, for a line held back. */
  function scheduleLater() {
    if (later) return;
    later = setTimeout(() => { later = null; scheduleRender(); }, 500);
  }

  function render() {
    const phase = current.phase;
    const choosing = phase === 'choosing';
    if (current.version !== drawn) {
      drawn = current.version;
      for (const control of [nameInput, shardInput, chooseFiles, chooseFolder, clearButton]) control.disabled = !choosing;
      dropZone.classList.toggle('locked', !choosing);
      renderResuming();
      renderChoice();
    }
    if (phase === 'uploading') renderUploads();
    uploadButton.hidden = !choosing;
    startButton.hidden = !(phase === 'uploading' || (choosing && current.resume?.files && current.chosen.length > 0 && current.toSend.length === 0));
    if (phase === 'uploading') startButton.disabled = !current.startable;
    else if (choosing) startButton.disabled = false;
  }

  function renderResuming() {
    const r = current.resume;
    resuming.hidden = !r || current.phase !== 'choosing';
    if (!r) return;
    nameInput.value = r.name ?? '';
    nameInput.disabled = true;
    shardInput.disabled = true;
    if (current.phase !== 'choosing') return;
    const status = r.error ? h('p', { class: 'error' }, `Could not read what the job has: ${r.error}`)
      : r.files ? h('p', {}, `The job has ${formatCount(r.registered)} files registered, ${formatCount(countUploaded(r.files))} of them uploaded.`)
        : h('p', {}, `Reading what the job has… ${formatCount(r.read)} of ${formatCount(r.registered)} files`);
    replace(resuming,
      h('p', {}, h('strong', {}, 'Resuming job '), h('a', { href: routes.job(r.jobId) }, r.name || 'Unnamed job'), ' (', h('code', {}, r.jobId), ').',
        ' Pick the same folder or images again; only the files the job lacks are sent.'),
      status,
      h('button', { type: 'button', class: 'link', onclick: () => { current.cancelResume(); nameInput.value = ''; } }, 'Make a new job instead'));
  }

  function renderChoice() {
    const refused = current.refused;
    replace(refusals, refused.length === 0 ? null : [
      h('p', {}, refused.length === 1 ? '1 file was not added:' : `${formatCount(refused.length)} files were not added:`),
      h('ul', {}, refused.slice(0, SHOWN_REFUSED).map((r) => h('li', {}, h('span', { class: 'file-name' }, r.name), `: ${r.reason}`))),
      refused.length > SHOWN_REFUSED ? h('p', { class: 'hint' }, `… and ${formatCount(refused.length - SHOWN_REFUSED)} more.`) : null]);
    const chosen = current.chosen;
    const bytes = chosen.reduce((sum, c) => sum + c.size, 0);
    const plan = current.plan;
    chosenSummary.textContent = chosen.length === 0 ? 'No images chosen yet.'
      : `${count(chosen.length, 'image')} chosen (${formatBytes(bytes)})`
        + (plan ? `: ${formatCount(plan.uploaded)} already uploaded, ${formatCount(plan.toSend.length)} to send` : '')
        + '.'
        + (current.skipped ? ` ${count(current.skipped, 'hidden or system file')} left out.` : '')
        + (plan?.elsewhere ? ` The job also has ${count(plan.elsewhere, 'uploaded file')} not chosen this time; they stay in it.` : '');
    clearButton.hidden = chosen.length === 0 || current.phase !== 'choosing';
    const showList = current.phase === 'choosing';
    const shown = showList ? current.toSend.slice(0, SHOWN_CHOSEN) : [];
    replace(fileList, shown.map((c) => h('li', {}, h('span', { class: 'file-name' }, c.name), h('span', { class: 'size' }, formatBytes(c.size)))));
    const hiddenCount = showList ? current.toSend.length - shown.length : 0;
    moreChosen.hidden = hiddenCount <= 0;
    moreChosen.textContent = `… and ${formatCount(hiddenCount)} more (the list shows the first ${SHOWN_CHOSEN}).`;
    const n = current.toSend.length;
    uploadButton.disabled = n === 0 || !current.limits || (current.resume && !current.resume.files);
    uploadButton.textContent = n === 0 ? 'Upload' : current.resume ? `Upload ${count(n, 'missing image')}` : `Upload ${count(n, 'image')}`;
  }

  function renderUploads() {
    const queue = current.queue;
    const job = current.job;
    overall.hidden = false;
    jobNote.hidden = false;
    if (!jobNote.dataset.job) {
      jobNote.dataset.job = job.id;
      replace(jobNote, current.resume ? 'Resuming job ' : 'Job ', h('a', { href: routes.job(job.id) }, h('code', {}, job.id)),
        current.resume ? '. ' : ' created. ',
        'Keep this page open until every image is uploaded. If it closes, open New job again to resume.');
    }
    const sum = queue.summary();
    const rate = current.sampleRate(Date.now());
    overallBar.max = Math.max(sum.bytesTotal, 1);
    overallBar.value = sum.bytesLoaded;
    const parts = [`${formatCount(sum.done)} of ${count(sum.total, 'image')} uploaded (${formatBytes(sum.bytesLoaded)} of ${formatBytes(sum.bytesTotal)})`];
    if (rate && !sum.finished) {
      parts.push(`${formatBytes(rate)}/s`);
      parts.push(`about ${formatDuration(((sum.bytesTotal - sum.bytesLoaded) / rate) * 1000)} left`);
    }
    const line = parts.join(' · ')
      + (sum.retrying ? `; ${sum.retrying} waiting to retry` : '')
      + (sum.failed ? `; ${formatCount(sum.failed)} failed` : '') + '.';
    // A live region read out at every frame would never be heard to its end: at most twice a
    // second, and at once when uploads end or fail.
    const now = Date.now();
    const settled = sum.uploading === 0;
    if (line !== overallText.textContent && (settled || now - spoken >= 500 || sum.failed !== Number(overallText.dataset.failed ?? 0))) {
      overallText.textContent = line;
      overallText.dataset.failed = sum.failed;
      spoken = now;
    } else if (line !== overallText.textContent) {
      scheduleLater();
    }

    const active = [...queue.active];
    inFlight.hidden = active.length === 0;
    syncRows(inFlightList, active);
    const failedItems = [];
    for (const item of queue.failed) {
      if (failedItems.length >= SHOWN_FAILED) break;
      failedItems.push(item);
    }
    failed.hidden = sum.failed === 0;
    syncRows(failedList, failedItems);
    moreFailed.hidden = sum.failed <= failedItems.length;
    moreFailed.textContent = `… and ${formatCount(sum.failed - failedItems.length)} more.`;
    failedActions.hidden = sum.failed < 2;
    for (const [item, row] of rows) {
      if (!row.element.isConnected) rows.delete(item);
      else row.update();
    }
    // "Retry in 3 s" counts down even when nothing else changes.
    if (sum.retrying > 0 && !ticker) ticker = setInterval(scheduleRender, 1000);
    if (sum.retrying === 0 && ticker) { clearInterval(ticker); ticker = null; }
  }

  /** Makes list hold exactly these items' rows, in this order, reusing rows (and their focus). */
  function syncRows(list, items) {
    const wanted = items.map((item) => {
      let row = rows.get(item);
      if (!row) {
        row = uploadRow(item);
        rows.set(item, row);
      }
      return row.element;
    });
    const same = wanted.length === list.children.length && wanted.every((el, i) => list.children[i] === el);
    if (!same) list.replaceChildren(...wanted);
  }

  function uploadRow(item) {
    const bar = h('progress', { max: Math.max(item.size, 1), value: 0, 'aria-label': `Upload of ${item.name}` });
    const status = h('span', { class: 'upload-state' });
    const retry = h('button', { type: 'button', class: 'small', onclick: () => current.retry(item) }, 'Retry');
    const remove = h('button', { type: 'button', class: 'small link', onclick: () => current.remove(item), title: 'Leave this file out of the job' }, 'Leave out');
    const element = h('li', { class: 'upload', dataset: { name: item.name } },
      h('span', { class: 'file-name' }, item.name), h('span', { class: 'size' }, formatBytes(item.size)), bar, status, retry, remove);
    return {
      element,
      update() {
        element.dataset.state = item.state;
        bar.value = item.state === 'done' ? item.size : item.loaded;
        status.textContent = describeItem(item);
        retry.hidden = item.state !== 'failed';
        remove.hidden = item.state !== 'failed';
      },
    };
  }

  function describeItem(item) {
    switch (item.state) {
      case 'uploading': return item.failures > 0 ? `Uploading (attempt ${item.failures + 1})` : 'Uploading';
      case 'retrying': {
        const seconds = Math.max(0, Math.ceil((item.retryAt - Date.now()) / 1000));
        return `Retrying in ${seconds} s: ${item.error}`;
      }
      case 'failed': return `Failed: ${item.error}`;
      case 'done': return 'Uploaded';
      default: return 'Waiting';
    }
  }

  async function upload() {
    showError('');
    uploadButton.disabled = true;
    const shardSize = shardInput.value.trim() === '' ? null : Number(shardInput.value);
    if (shardSize != null && !(Number.isInteger(shardSize) && shardSize >= 1 && shardSize <= 100000)) {
      showError('Photos per shard must be a whole number from 1 to 100,000 (or left empty).');
      uploadButton.disabled = false;
      return;
    }
    try {
      await current.upload({ name: nameInput.value.trim(), shardSize });
    } catch (e) {
      uploadButton.disabled = false;
      showError(`The job could not be created: ${e.message}`, e);
    }
  }

  async function start() {
    showError('');
    startButton.disabled = true;
    try {
      if (current.phase === 'choosing') await current.upload(); // resumed with nothing left to send
      await current.start();
      location.hash = routes.job(current.job.id);
    } catch (e) {
      startButton.disabled = false;
      showError(`The job could not be started: ${e.message}`, e);
    }
  }

  function showError(message, e) {
    const details = e instanceof ApiError ? e.fieldErrors() : [];
    replace(error, message ? h('p', {}, message) : null, details.length ? h('ul', {}, details.map((d) => h('li', {}, d))) : null);
  }

  render();
  return {
    title: 'New job',
    element,
    leave() {
      unsubscribe();
      clearInterval(ticker);
      clearTimeout(later);
    },
  };
}

function countUploaded(files) {
  let n = 0;
  for (const f of files.values()) if (f.uploaded) n++;
  return n;
}

function count(n, noun) {
  return `${formatCount(n)} ${noun}${n === 1 ? '' : 's'}`;
}

/** The files of a drop, folders walked recursively, each with its path inside the drop. */
async function droppedFiles(dataTransfer) {
  const entries = [...(dataTransfer.items ?? [])]
    .filter((item) => item.kind === 'file')
    .map((item) => item.webkitGetAsEntry?.())
    .filter(Boolean);
  if (entries.length === 0) return [...(dataTransfer.files ?? [])];
  const files = [];
  for (const entry of entries) await walk(entry, files);
  return files;
}

async function walk(entry, files) {
  if (entry.isFile) {
    const file = await new Promise((resolve, reject) => entry.file(resolve, reject));
    // Not webkitRelativePath (read-only): the path travels beside the File.
    files.push(Object.assign(file, { relativePath: entry.fullPath.replace(/^\//, '') }));
  } else if (entry.isDirectory) {
    const reader = entry.createReader();
    for (;;) {
      const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
      if (batch.length === 0) break;
      for (const child of batch) await walk(child, files);
    }
  }
}
