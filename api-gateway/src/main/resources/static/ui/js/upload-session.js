// One upload of files into a job, from the choice of files to the start: a new job, or a PENDING
// job whose upload was interrupted (resumed: only the files it lacks are sent). It holds no DOM,
// so the new-job page can be left and opened again while the upload goes on.

import { ProgressTracker } from './progress.js';
import { planResume, registeredFiles } from './resume.js';
import { checkFiles } from './selection.js';
import { Registrar, UploadQueue, withRetries, xhrSend } from './uploads.js';

const byName = (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export class UploadSession {
  /**
   * @param api the REST client (api.js)
   * @param note the resume note (resume.js's uploadNote)
   * @param send one transfer (uploads.js's xhrSend), replaceable in tests
   */
  constructor({ api, note, send = xhrSend, concurrency }) {
    Object.assign(this, { api, note, send, concurrency });
    this.phase = 'choosing'; // → 'uploading' → 'started'
    this.limits = null;
    this.chosen = [];
    this.refused = [];
    this.skipped = 0;
    /** {jobId, name, files: Map|null, read, registered, error} while resuming a PENDING job. */
    this.resume = null;
    this.plan = null;
    this.job = null;
    this.queue = null;
    this.registrar = null;
    this.rate = new ProgressTracker();
    this.listeners = new Set();
    /** Grows with every change of the choice, the resume or the phase (not with progress). */
    this.version = 0;
  }

  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changed(choice = true) {
    if (choice) this.version++;
    for (const listener of this.listeners) listener();
  }

  get uploading() {
    return this.phase === 'uploading' && !this.queue?.summary().finished;
  }

  /** Adds newly chosen files (refusing those the server would refuse), in path order. */
  choose(files) {
    if (!this.limits || this.phase !== 'choosing' || files.length === 0) return;
    const { accepted, refused, skipped } = checkFiles(files, this.limits, this.chosen.map((c) => c.name));
    this.chosen = this.chosen.concat(accepted).sort(byName);
    this.refused = refused;
    this.skipped = skipped;
    this.replan();
    this.changed();
  }

  clear() {
    if (this.phase !== 'choosing') return;
    this.chosen = [];
    this.refused = [];
    this.skipped = 0;
    this.replan();
    this.changed();
  }

  /** The files the upload sends: all chosen ones, or when resuming those the job lacks. */
  get toSend() {
    if (!this.resume) return this.chosen;
    return this.plan ? this.plan.toSend : [];
  }

  replan() {
    this.plan = this.resume?.files ? planResume(this.chosen, this.resume.files) : null;
  }

  /**
   * Carries on with a PENDING job: reads what it already has, a page at a time.
   *
   * @throws the API's error when the job cannot be read, or an Error when it is no longer PENDING
   */
  async openResume(jobId) {
    const job = await withRetries(() => this.api.job(jobId));
    if (job.status !== 'PENDING') {
      this.note.clear(jobId);
      throw new Error(`job ${jobId} is ${job.status.toLowerCase()}: it takes no more uploads`);
    }
    this.resume = { jobId, name: job.name ?? null, files: null, read: 0, registered: job.imageCount, error: null };
    this.note.set(jobId, job.name);
    this.changed();
    try {
      const files = await registeredFiles((cursor) => withRetries(() => this.api.files(jobId, { cursor })), (read, registered) => {
        Object.assign(this.resume, { read, registered });
        this.changed();
      });
      if (this.resume?.jobId !== jobId) return;
      this.resume.files = files;
    } catch (e) {
      if (this.resume?.jobId === jobId) this.resume.error = e.message;
    }
    this.replan();
    this.changed();
  }

  /** Back to a new job (the note stays, the resume can be offered again). */
  cancelResume() {
    if (this.phase !== 'choosing') return;
    this.resume = null;
    this.plan = null;
    this.changed();
  }

  /** Creates the job (or takes the resumed one) and sends the files it lacks. */
  async upload({ name = null, shardSize = null, options = null } = {}) {
    if (this.phase !== 'choosing') return;
    if (this.resume) {
      this.job = { id: this.resume.jobId, name: this.resume.name };
    } else {
      const created = await this.api.createJob({ name: name || null, ...(shardSize ? { shardSize } : {}), ...(options ? { options } : {}) });
      this.job = { id: created.jobId, name: name || null };
      this.note.set(created.jobId, name);
    }
    this.phase = 'uploading';
    const jobId = this.job.id;
    this.registrar = new Registrar({ register: (files) => this.api.registerFiles(jobId, files) });
    this.queue = new UploadQueue({
      concurrency: this.concurrency,
      send: async (item, onProgress) => {
        await this.registrar.ensureTarget(item);
        await this.send(item, onProgress);
      },
      onChange: () => this.changed(false),
    });
    const items = this.toSend.map((c) => ({ name: c.name, size: c.size, type: c.type, file: c.file, target: null }));
    this.registrar.add(items);
    this.queue.add(items);
    this.changed();
  }

  retry(item) {
    this.registrar.reset(item);
    this.queue.retry(item);
  }

  retryFailed() {
    for (const item of this.queue.failed) this.registrar.reset(item);
    this.queue.retryFailed();
  }

  remove(item) {
    this.queue.remove(item);
  }

  removeFailed() {
    this.queue.removeFailed();
  }

  /** Bytes per second over the last half minute; call with each redraw. */
  sampleRate(nowMs) {
    const { bytesLoaded } = this.queue.summary();
    const last = this.rate.samples.at(-1);
    if (!last || nowMs - last.t >= 500) this.rate.add(nowMs, bytesLoaded);
    return this.rate.rate();
  }

  /** Whether the job can start now: every file to send is sent (or was already there). */
  get startable() {
    if (this.phase !== 'uploading') return false;
    const sum = this.queue.summary();
    return sum.done === sum.total && (sum.total > 0 || (this.plan?.uploaded ?? 0) + (this.plan?.elsewhere ?? 0) > 0);
  }

  async start() {
    const job = await this.api.start(this.job.id);
    this.phase = 'started';
    this.note.clear(this.job.id);
    this.changed();
    return job;
  }
}
