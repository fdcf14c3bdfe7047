// New job: choose or drop images (or a folder), upload them, start the job. Built for a season's
// folder of tens of thousands of photos: the page shows totals, a progress bar, the files in
// flight and the failed ones, and a capped list, never a row per file. An interrupted upload
// (a reload, a closed tab) is resumed into its PENDING job: the same files are picked again and
// only those the job lacks are sent.

import { api, ApiError } from '../api.js';
import { h, replace } from '../dom.js';
import { formatBytes, formatCount, formatDuration } from '../format.js';
import { t } from '../i18n.js';
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

  const lead = h('p', { class: 'lead' }, t('Loading the upload limits…'));
  const offer = h('div', { class: 'resume-offer', role: 'status', hidden: true });
  const resuming = h('div', { class: 'resuming', role: 'status', hidden: true });
  const nameInput = h('input', { id: 'job-name', name: 'name', type: 'text', maxlength: 200, autocomplete: 'off', placeholder: t('e.g. Serra da Canastra, May') });
  const shardInput = h('input', { id: 'shard-size', name: 'shardSize', type: 'number', min: 1, max: 100000, step: 1, inputmode: 'numeric', placeholder: '2000' });
  const classifyInput = h('input', { id: 'classify', name: 'classify', type: 'checkbox' });
  const countryInput = h('input', { id: 'country', name: 'country', type: 'text', maxlength: 3, autocomplete: 'off', placeholder: 'BRA' });
  const admin1Input = h('input', { id: 'admin1', name: 'admin1', type: 'text', maxlength: 2, autocomplete: 'off', placeholder: 'CA' });
  const options = h('details', { class: 'options' },
    h('summary', {}, t('Options')),
    h('div', { class: 'field' },
      h('label', { for: 'shard-size' }, t('Photos per shard '), h('span', { class: 'hint' }, t('(optional; the server’s default is 2,000)'))),
      shardInput,
      h('p', { class: 'hint' }, t('A started job runs in shards of this many photos, each on its own worker: smaller shards spread a job over more workers.'))),
    h('div', { class: 'field check' },
      h('label', { class: 'check', for: 'classify' }, classifyInput, t('Classify species (SpeciesNet) after detection'))),
    h('div', { class: 'field', id: 'region-fields', hidden: true },
      h('label', { for: 'country' }, t('Country '), h('span', { class: 'hint' }, t('(optional; ISO-3166 alpha-3, e.g. BRA, KEN, USA)'))),
      countryInput,
      h('label', { for: 'admin1' }, t('US state '), h('span', { class: 'hint' }, t('(optional, with USA; two letters, e.g. CA)'))),
      admin1Input,
      h('p', { class: 'hint' }, t('Where the photos were taken: species not found there are not proposed.'))));
  classifyInput.addEventListener('change', () => {
    options.querySelector('#region-fields').hidden = !classifyInput.checked;
  });
  const filesInput = h('input', { id: 'pick-files', type: 'file', multiple: true, hidden: true, 'aria-label': t('Choose images') });
  const folderInput = h('input', { id: 'pick-folder', type: 'file', multiple: true, hidden: true, webkitdirectory: true, 'aria-label': t('Choose a folder') });
  const chooseFiles = h('button', { type: 'button', onclick: () => filesInput.click() }, t('Choose images'));
  const chooseFolder = h('button', { type: 'button', onclick: () => folderInput.click() }, t('Choose a folder'));
  const dropZone = h('div', { class: 'dropzone', id: 'dropzone' },
    h('p', {}, t('Drag images or a folder here, or')),
    h('div', { class: 'buttons' }, chooseFiles, chooseFolder),
    filesInput, folderInput);
  const refusals = h('div', { class: 'refusals', role: 'alert', 'aria-live': 'assertive' });
  const chosenSummary = h('p', { class: 'chosen-summary', 'aria-live': 'polite' });
  const clearButton = h('button', { type: 'button', class: 'link', hidden: true, onclick: () => current.clear() }, t('Clear the list'));
  const fileList = h('ul', { class: 'file-list', 'aria-label': t('Chosen images') });
  const moreChosen = h('p', { class: 'hint more', hidden: true });
  const overallBar = h('progress', { id: 'overall-progress', max: 1, value: 0 });
  const overallText = h('p', { id: 'overall-text', 'aria-live': 'polite' });
  const overall = h('div', { class: 'overall', hidden: true },
    h('label', { for: 'overall-progress' }, t('Upload progress')), overallBar, overallText);
  const inFlightList = h('ul', { id: 'in-flight', class: 'file-list uploads', 'aria-label': t('Uploads in progress') });
  const inFlight = h('section', { class: 'upload-list', 'aria-labelledby': 'in-flight-heading', hidden: true },
    h('h2', { id: 'in-flight-heading' }, t('Sending now')), inFlightList);
  const failedList = h('ul', { id: 'failed-uploads', class: 'file-list uploads', 'aria-label': t('Failed uploads') });
  const moreFailed = h('p', { class: 'hint more', hidden: true });
  const retryAllButton = h('button', { type: 'button', onclick: () => current.retryFailed() }, t('Retry all failed'));
  const removeAllButton = h('button', { type: 'button', class: 'link', onclick: () => current.removeFailed() }, t('Leave all failed out'));
  const failedActions = h('div', { class: 'actions' }, retryAllButton, removeAllButton);
  const failed = h('section', { class: 'upload-list failed', 'aria-labelledby': 'failed-heading', hidden: true },
    h('h2', { id: 'failed-heading' }, t('Failed')), failedList, moreFailed, failedActions);
  const uploadButton = h('button', { type: 'button', class: 'primary', disabled: true, onclick: upload }, t('Upload'));
  const startButton = h('button', { type: 'button', class: 'primary', hidden: true, disabled: true, onclick: start }, t('Start detection'));
  const error = h('div', { class: 'error', role: 'alert' });
  const jobNote = h('p', { class: 'job-note', hidden: true });

  const element = h('section', { class: 'page new-job' },
    h('h1', {}, t('New job')),
    lead, offer, resuming,
    h('div', { class: 'field' }, h('label', { for: 'job-name' }, t('Job name '), h('span', { class: 'hint' }, t('(optional)'))), nameInput),
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
      replace(lead, t('Choose up to {n} camera-trap images ({types}, at most {size} each), or a whole folder. Folder paths are kept in the results.',
        { n: formatCount(limits.maxFiles), types: describeTypes(limits.acceptedTypes), size: formatBytes(limits.maxFileBytes) }));
      drawn = -1;
      render();
    },
    (e) => showError(t('Could not load the upload limits: {error}', { error: e.message })));

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
      h('p', {}, h('strong', {}, t('An upload did not finish: ')), t('job '), h('a', { href: routes.job(job.jobId) }, job.name || t('Unnamed job')),
        ' (', h('code', {}, job.jobId), t(') is waiting with {n} files registered.', { n: formatCount(job.imageCount) })),
      h('p', {}, t('Resume it: pick the same folder or images again; only the files the job lacks are sent.')),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'primary', onclick: () => openResume(job.jobId) }, t('Resume this upload')),
        h('button', { type: 'button', onclick: () => { note.clear(job.jobId); offer.hidden = true; } }, t('Discard the note'))));
  }

  async function openResume(jobId) {
    offer.hidden = true;
    showError('');
    try {
      await current.openResume(jobId);
    } catch (e) {
      showError(t('This upload cannot be resumed: {error}', { error: e.message }));
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
    const status = r.error ? h('p', { class: 'error' }, t('Could not read what the job has: {error}', { error: r.error }))
      : r.files ? h('p', {}, t('The job has {n} files registered, {uploaded} of them uploaded.', { n: formatCount(r.registered), uploaded: formatCount(countUploaded(r.files)) }))
        : h('p', {}, t('Reading what the job has… {n} of {total} files', { n: formatCount(r.read), total: formatCount(r.registered) }));
    replace(resuming,
      h('p', {}, h('strong', {}, t('Resuming job ')), h('a', { href: routes.job(r.jobId) }, r.name || t('Unnamed job')), ' (', h('code', {}, r.jobId), ').',
        t(' Pick the same folder or images again; only the files the job lacks are sent.')),
      status,
      h('button', { type: 'button', class: 'link', onclick: () => { current.cancelResume(); nameInput.value = ''; } }, t('Make a new job instead')));
  }

  function renderChoice() {
    const refused = current.refused;
    replace(refusals, refused.length === 0 ? null : [
      h('p', {}, refused.length === 1 ? t('1 file was not added:') : t('{n} files were not added:', { n: formatCount(refused.length) })),
      h('ul', {}, refused.slice(0, SHOWN_REFUSED).map((r) => h('li', {}, h('span', { class: 'file-name' }, r.name), `: ${r.reason}`))),
      refused.length > SHOWN_REFUSED ? h('p', { class: 'hint' }, t('… and {n} more.', { n: formatCount(refused.length - SHOWN_REFUSED) })) : null]);
    const chosen = current.chosen;
    const bytes = chosen.reduce((sum, c) => sum + c.size, 0);
    const plan = current.plan;
    chosenSummary.textContent = chosen.length === 0 ? t('No images chosen yet.')
      : t('{images} chosen ({size})', { images: count(chosen.length, 'image'), size: formatBytes(bytes) })
        + (plan ? t(': {uploaded} already uploaded, {n} to send', { uploaded: formatCount(plan.uploaded), n: formatCount(plan.toSend.length) }) : '')
        + '.'
        + (current.skipped ? t(' {files} left out.', { files: count(current.skipped, 'hidden or system file') }) : '')
        + (plan?.elsewhere ? t(' The job also has {files} not chosen this time; they stay in it.', { files: count(plan.elsewhere, 'uploaded file') }) : '');
    clearButton.hidden = chosen.length === 0 || current.phase !== 'choosing';
    const showList = current.phase === 'choosing';
    const shown = showList ? current.toSend.slice(0, SHOWN_CHOSEN) : [];
    replace(fileList, shown.map((c) => h('li', {}, h('span', { class: 'file-name' }, c.name), h('span', { class: 'size' }, formatBytes(c.size)))));
    const hiddenCount = showList ? current.toSend.length - shown.length : 0;
    moreChosen.hidden = hiddenCount <= 0;
    moreChosen.textContent = t('… and {n} more (the list shows the first {shown}).', { n: formatCount(hiddenCount), shown: SHOWN_CHOSEN });
    const n = current.toSend.length;
    uploadButton.disabled = n === 0 || !current.limits || (current.resume && !current.resume.files);
    uploadButton.textContent = n === 0 ? t('Upload') : t('Upload {images}', { images: count(n, current.resume ? 'missing image' : 'image') });
  }

  function renderUploads() {
    const queue = current.queue;
    const job = current.job;
    overall.hidden = false;
    jobNote.hidden = false;
    if (!jobNote.dataset.job) {
      jobNote.dataset.job = job.id;
      replace(jobNote, t(current.resume ? 'Resuming job ' : 'Job '), h('a', { href: routes.job(job.id) }, h('code', {}, job.id)),
        current.resume ? '. ' : t(' created. '),
        t('Keep this page open until every image is uploaded. If it closes, open New job again to resume.'));
    }
    const sum = queue.summary();
    const rate = current.sampleRate(Date.now());
    overallBar.max = Math.max(sum.bytesTotal, 1);
    overallBar.value = sum.bytesLoaded;
    const parts = [t('{n} of {images} uploaded ({loaded} of {size})', { n: formatCount(sum.done), images: count(sum.total, 'image'), loaded: formatBytes(sum.bytesLoaded), size: formatBytes(sum.bytesTotal) })];
    if (rate && !sum.finished) {
      parts.push(`${formatBytes(rate)}/s`);
      parts.push(t('about {time} left', { time: formatDuration(((sum.bytesTotal - sum.bytesLoaded) / rate) * 1000) }));
    }
    const line = parts.join(' · ')
      + (sum.retrying ? t('; {n} waiting to retry', { n: sum.retrying }) : '')
      + (sum.failed ? t('; {n} failed', { n: formatCount(sum.failed) }) : '') + '.';
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
    moreFailed.textContent = t('… and {n} more.', { n: formatCount(sum.failed - failedItems.length) });
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
    const bar = h('progress', { max: Math.max(item.size, 1), value: 0, 'aria-label': t('Upload of {name}', { name: item.name }) });
    const status = h('span', { class: 'upload-state' });
    const retry = h('button', { type: 'button', class: 'small', onclick: () => current.retry(item) }, t('Retry'));
    const remove = h('button', { type: 'button', class: 'small link', onclick: () => current.remove(item), title: t('Leave this file out of the job') }, t('Leave out'));
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
      case 'uploading': return item.failures > 0 ? t('Uploading (attempt {n})', { n: item.failures + 1 }) : t('Uploading');
      case 'retrying': {
        const seconds = Math.max(0, Math.ceil((item.retryAt - Date.now()) / 1000));
        return t('Retrying in {n} s: {error}', { n: seconds, error: item.error });
      }
      case 'failed': return t('Failed: {error}', { error: item.error });
      case 'done': return t('Uploaded');
      default: return t('Waiting');
    }
  }

  async function upload() {
    showError('');
    uploadButton.disabled = true;
    const shardSize = shardInput.value.trim() === '' ? null : Number(shardInput.value);
    if (shardSize != null && !(Number.isInteger(shardSize) && shardSize >= 1 && shardSize <= 100000)) {
      showError(t('Photos per shard must be a whole number from 1 to 100,000 (or left empty).'));
      uploadButton.disabled = false;
      return;
    }
    // The server checks the codes (a 400 says which field and what to use); only the shape here.
    const classify = classifyInput.checked
      ? { classify: true,
        ...(countryInput.value.trim() ? { country: countryInput.value.trim().toUpperCase() } : {}),
        ...(admin1Input.value.trim() ? { admin1: admin1Input.value.trim().toUpperCase() } : {}) }
      : null;
    try {
      await current.upload({ name: nameInput.value.trim(), shardSize, options: classify });
    } catch (e) {
      uploadButton.disabled = false;
      showError(t('The job could not be created: {error}', { error: e.message }), e);
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
      showError(t('The job could not be started: {error}', { error: e.message }), e);
    }
  }

  function showError(message, e) {
    const details = e instanceof ApiError ? e.fieldErrors() : [];
    replace(error, message ? h('p', {}, message) : null, details.length ? h('ul', {}, details.map((d) => h('li', {}, d))) : null);
  }

  render();
  return {
    title: t('New job'),
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

/** "1 image", "3 images", "3 imagens": the noun's singular and plural are both translated. */
function count(n, noun) {
  return t(n === 1 ? `{n} ${noun}` : `{n} ${noun}s`, { n: formatCount(n) });
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
