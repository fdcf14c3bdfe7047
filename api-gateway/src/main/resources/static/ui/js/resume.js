// Resuming an interrupted upload: the note of the job being uploaded, kept in this browser's
// local storage so that it outlives a reload or a closed tab, and which chosen files still have
// to go. Pure apart from the storage handed in.

const NOTE_ITEM = 'biotrack.upload';

/** The note of the PENDING job whose upload this browser started: {jobId, name, savedAt}. */
export function uploadNote(storage) {
  return {
    get() {
      try {
        const note = JSON.parse(storage.getItem(NOTE_ITEM));
        return note && typeof note.jobId === 'string' ? note : null;
      } catch {
        return null;
      }
    },
    set(jobId, name, now = new Date()) {
      storage.setItem(NOTE_ITEM, JSON.stringify({ jobId, name: name || null, savedAt: now.toISOString() }));
    },
    /** Forgets the note; with a job id, only when the note is about that job. */
    clear(jobId = null) {
      if (jobId == null || this.get()?.jobId === jobId) storage.removeItem(NOTE_ITEM);
    },
  };
}

/**
 * Every file a job has registered, read a page at a time (GET /api/v1/jobs/{id}/files).
 *
 * @param listPage (cursor) → Promise<{files: [{name, size, uploaded}], nextCursor, registered}>
 * @param onPage (read, registered) after each page, for a progress line
 * @returns Map name → {size, uploaded}
 */
export async function registeredFiles(listPage, onPage = () => {}) {
  const files = new Map();
  let cursor = null;
  for (;;) {
    const page = await listPage(cursor);
    for (const f of page.files) files.set(f.name, { size: f.size ?? null, uploaded: f.uploaded === true });
    onPage(files.size, page.registered);
    // A page without files or a cursor that does not move would never end.
    if (!page.nextCursor || page.nextCursor === cursor || page.files.length === 0) return files;
    cursor = page.nextCursor;
  }
}

/**
 * Which of the chosen files still go to the job: those it has not received (registered or not).
 *
 * @param chosen [{name, …}] the files picked again
 * @param registered what {@link registeredFiles} read
 * @returns {{toSend, uploaded, elsewhere}} uploaded: chosen files the job already has;
 *     elsewhere: files the job has that were not chosen this time (they stay in the job)
 */
export function planResume(chosen, registered) {
  const toSend = [];
  const names = new Set();
  let uploaded = 0;
  for (const c of chosen) {
    names.add(c.name);
    if (registered.get(c.name)?.uploaded) uploaded++;
    else toSend.push(c);
  }
  let elsewhere = 0;
  for (const [name, f] of registered) if (f.uploaded && !names.has(name)) elsewhere++;
  return { toSend, uploaded, elsewhere };
}
