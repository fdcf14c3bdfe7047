// New job: choose or drop images (or a folder), upload them with progress, start the job.

import { api, ApiError } from '../api.js';
import { h, replace } from '../dom.js';
import { formatBytes } from '../format.js';
import { routes } from '../router.js';
import { acceptAttribute, checkFiles, describeTypes } from '../selection.js';
import { UploadQueue, xhrSend } from '../uploads.js';

export function newJobPage() {
  const state = { limits: null, chosen: [], refused: [], jobId: null, queue: null, phase: 'choosing' };

  const lead = h('p', { class: 'lead' }, 'Loading the upload limits…');
  const nameInput = h('input', { id: 'job-name', name: 'name', type: 'text', maxlength: 200, autocomplete: 'off', placeholder: 'e.g. Serra da Canastra, May' });
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
  const clearButton = h('button', { type: 'button', class: 'link', hidden: true, onclick: clearChoice }, 'Clear the list');
  const fileList = h('ul', { class: 'file-list', 'aria-label': 'Chosen images' });
  const overallBar = h('progress', { id: 'overall-progress', max: 1, value: 0 });
  const overallText = h('p', { id: 'overall-text', 'aria-live': 'polite' });
  const overall = h('div', { class: 'overall', hidden: true },
    h('label', { for: 'overall-progress' }, 'Upload progress'), overallBar, overallText);
  const uploadButton = h('button', { type: 'button', class: 'primary', disabled: true, onclick: createAndUpload }, 'Upload');
  const retryAllButton = h('button', { type: 'button', hidden: true, onclick: () => state.queue.retryFailed() }, 'Retry failed uploads');
  const startButton = h('button', { type: 'button', class: 'primary', hidden: true, disabled: true, onclick: start }, 'Start detection');
  const error = h('div', { class: 'error', role: 'alert' });
  const jobNote = h('p', { class: 'job-note', hidden: true });

  const element = h('section', { class: 'page new-job' },
    h('h1', {}, 'New job'),
    lead,
    h('div', { class: 'field' }, h('label', { for: 'job-name' }, 'Job name ', h('span', { class: 'hint' }, '(optional)')), nameInput),
    dropZone,
    refusals,
    h('div', { class: 'chosen' }, chosenSummary, clearButton),
    fileList,
    overall,
    jobNote,
    error,
    h('div', { class: 'actions' }, uploadButton, retryAllButton, startButton));

  filesInput.addEventListener('change', () => { choose([...filesInput.files]); filesInput.value = ''; });
  folderInput.addEventListener('change', () => { choose([...folderInput.files]); folderInput.value = ''; });
  for (const type of ['dragenter', 'dragover']) {
    dropZone.addEventListener(type, (e) => {
      e.preventDefault();
      if (state.phase === 'choosing') dropZone.classList.add('over');
    });
  }
  dropZone.addEventListener('dragleave', () => dropZone.classList.remove('over'));
  dropZone.addEventListener('drop', async (e) => {
    e.preventDefault();
    dropZone.classList.remove('over');
    if (state.phase === 'choosing') choose(await droppedFiles(e.dataTransfer));
  });

  const warnBeforeLeaving = (e) => {
    if (state.phase === 'uploading' && !state.queue?.summary().finished) e.preventDefault();
  };
  window.addEventListener('beforeunload', warnBeforeLeaving);

  api.limits().then(
    (limits) => {
      state.limits = limits;
      filesInput.accept = acceptAttribute(limits.acceptedTypes);
      replace(lead, `Choose up to ${limits.maxFiles} camera-trap images (${describeTypes(limits.acceptedTypes)}, at most `,
        `${formatBytes(limits.maxFileBytes)} each), or a whole folder. Folder paths are kept in the results.`);
    },
    (e) => showError(`Could not load the upload limits: ${e.message}`));

  function choose(files) {
    if (!state.limits || state.phase !== 'choosing' || files.length === 0) return;
    const { accepted, refused } = checkFiles(files, state.limits, state.chosen.map((c) => c.name));
    state.chosen.push(...accepted);
    // In path order, as the results list them (a folder's listing order is the file system's).
    state.chosen.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    state.refused = refused;
    renderChoice();
  }

  function clearChoice() {
    state.chosen = [];
    state.refused = [];
    renderChoice();
  }

  function renderChoice() {
    replace(refusals, state.refused.length === 0 ? null : [
      h('p', {}, state.refused.length === 1 ? '1 file was not added:' : `${state.refused.length} files were not added:`),
      h('ul', {}, state.refused.map((r) => h('li', {}, h('span', { class: 'file-name' }, r.name), `: ${r.reason}`)))]);
    const bytes = state.chosen.reduce((sum, c) => sum + c.size, 0);
    chosenSummary.textContent = state.chosen.length === 0 ? 'No images chosen yet.'
      : `${count(state.chosen.length, 'image')} chosen (${formatBytes(bytes)}).`;
    clearButton.hidden = state.chosen.length === 0;
    replace(fileList, state.chosen.map((c) => h('li', {}, h('span', { class: 'file-name' }, c.name), h('span', { class: 'size' }, formatBytes(c.size)))));
    uploadButton.disabled = state.chosen.length === 0;
    uploadButton.textContent = state.chosen.length === 0 ? 'Upload' : `Upload ${count(state.chosen.length, 'image')}`;
  }

  async function createAndUpload() {
    showError('');
    uploadButton.disabled = true;
    let created;
    try {
      created = await api.createJob({
        name: nameInput.value.trim() || null,
        files: state.chosen.map((c) => ({ name: c.name, size: c.size, contentType: c.type })),
      });
    } catch (e) {
      uploadButton.disabled = false;
      showError(`The job could not be created: ${e.message}`, e);
      return;
    }
    state.jobId = created.jobId;
    state.phase = 'uploading';
    for (const control of [nameInput, chooseFiles, chooseFolder, clearButton]) control.disabled = true;
    dropZone.classList.add('locked');
    uploadButton.hidden = true;
    startButton.hidden = false;
    overall.hidden = false;
    jobNote.hidden = false;
    replace(jobNote, 'Job ', h('a', { href: routes.job(created.jobId) }, h('code', {}, created.jobId)),
      ' created. Keep this page open until every image is uploaded.');
    const targets = new Map(created.uploads.map((u) => [u.name, u]));
    const targetOf = (c, i) => targets.get(c.name) ?? created.uploads[i];
    const rows = new Map();
    let pending = false;
    const scheduleRender = () => {
      if (pending) return;
      pending = true;
      requestAnimationFrame(() => { pending = false; renderUploads(rows); });
    };
    state.queue = new UploadQueue({ send: xhrSend, onChange: scheduleRender });
    replace(fileList);
    state.queue.add(state.chosen.map((c, i) => ({ ...c, target: targetOf(c, i) })));
  }

  function renderUploads(rows) {
    const queue = state.queue;
    for (const item of queue.items) {
      let row = rows.get(item);
      if (!row) {
        row = uploadRow(item);
        rows.set(item, row);
        fileList.append(row.element);
      }
      row.update();
    }
    for (const [item, row] of rows) {
      if (!queue.items.includes(item)) {
        row.element.remove();
        rows.delete(item);
      }
    }
    const sum = queue.summary();
    overallBar.max = Math.max(sum.bytesTotal, 1);
    overallBar.value = sum.bytesLoaded;
    overallText.textContent = `${sum.done} of ${count(sum.total, 'image')} uploaded (${formatBytes(sum.bytesLoaded)} of ${formatBytes(sum.bytesTotal)})`
      + (sum.failed ? `; ${sum.failed} failed` : '') + '.';
    retryAllButton.hidden = sum.failed < 2;
    if (state.phase === 'uploading') startButton.disabled = !sum.finished;
  }

  function uploadRow(item) {
    const bar = h('progress', { max: Math.max(item.size, 1), value: 0, 'aria-label': `Upload of ${item.name}` });
    const status = h('span', { class: 'upload-state' });
    const retry = h('button', { type: 'button', class: 'small', onclick: () => state.queue.retry(item) }, 'Retry');
    const remove = h('button', { type: 'button', class: 'small link', onclick: () => state.queue.remove(item) }, 'Remove');
    const element = h('li', { class: 'upload', dataset: { name: item.name } },
      h('span', { class: 'file-name' }, item.name), h('span', { class: 'size' }, formatBytes(item.size)), bar, status, retry, remove);
    return {
      element,
      update() {
        element.dataset.state = item.state;
        bar.value = item.state === 'done' ? item.size : item.loaded;
        status.textContent = { queued: 'Waiting', uploading: 'Uploading', done: 'Uploaded', failed: `Failed: ${item.error}` }[item.state];
        retry.hidden = item.state !== 'failed';
        remove.hidden = item.state !== 'failed';
      },
    };
  }

  async function start() {
    showError('');
    startButton.disabled = true;
    try {
      await api.start(state.jobId);
      state.phase = 'started';
      location.hash = routes.job(state.jobId);
    } catch (e) {
      startButton.disabled = false;
      showError(`The job could not be started: ${e.message}`, e);
    }
  }

  function showError(message, e) {
    const details = e instanceof ApiError ? e.fieldErrors() : [];
    replace(error, message ? h('p', {}, message) : null, details.length ? h('ul', {}, details.map((d) => h('li', {}, d))) : null);
  }

  renderChoice();
  return {
    title: 'New job',
    element,
    leave: () => window.removeEventListener('beforeunload', warnBeforeLeaving),
  };
}

function count(n, noun) {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
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
