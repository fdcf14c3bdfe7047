// Uploads of a job's files: a queue that sends a few at a time and retries transient failures
// with growing pauses, the registration of files a page at a time just before they are sent, and
// the transfer itself. Written for tens of thousands of files: counts are kept as items change
// state, never by walking every item.

/** Uploads running at once: enough to fill a link, few enough to keep each one moving. */
export const DEFAULT_CONCURRENCY = 4;

/**
 * Attempts per file before it is marked failed, and the pause before each new attempt: about
 * 1, 2, 4, 8 s (each between half and all of that, so that many files failing together do not
 * come back together), at most maxDelayMs. Like `biotrack submit`'s uploads.
 */
export const RETRY = { attempts: 5, baseDelayMs: 1000, maxDelayMs: 30_000 };

/**
 * No progress for this long (nor an answer once the file is sent): the connection is taken for
 * dead, and the attempt given up and retried.
 */
export const STALL_MS = 30_000;

/** Files per registration request: the API takes at most 1,000. */
export const REGISTER_PAGE = 1000;

/**
 * A failed attempt. transient: worth another try (the connection, a busy or failing server);
 * fatal: no file of this job can be sent any more (the job was started, cancelled or deleted).
 */
export class UploadError extends Error {
  constructor(message, { status = 0, transient = false, fatal = false, retryAfterMs = null } = {}) {
    super(message);
    this.status = status;
    this.transient = transient;
    this.fatal = fatal;
    this.retryAfterMs = retryAfterMs;
  }
}

/**
 * Whether an HTTP answer is worth another try: no answer at all (0), a server error, a timeout
 * (408) or "too many requests" (429). Other 4xx answers would come back the same.
 */
export function isTransientStatus(status) {
  return status === 0 || status === 408 || status === 429 || status >= 500;
}

/** The pause before attempt number `failures + 1`, with "equal jitter". */
export function retryDelay(failures, policy = RETRY, random = Math.random) {
  const full = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failures - 1));
  return Math.round(full / 2 + (random() * full) / 2);
}

/** A Retry-After header (seconds or an HTTP date) in milliseconds, or null. */
export function parseRetryAfter(value, now = Date.now()) {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * The upload queue. {@code send(item, onProgress(loaded)) → Promise} does one attempt and
 * rejects with an {@link UploadError} (any other error counts as permanent);
 * {@code onChange()} is called after every change of state or progress.
 *
 * An item is 'queued', 'uploading', 'retrying' (waiting for its next attempt), 'done' or
 * 'failed' (its reason in error); a removed item leaves the queue.
 */
export class UploadQueue {
  constructor({
    send,
    concurrency = DEFAULT_CONCURRENCY,
    onChange = () => {},
    retry = RETRY,
    timers = { setTimeout: (f, ms) => setTimeout(f, ms), clearTimeout: (t) => clearTimeout(t) },
    random = Math.random,
    now = () => Date.now(),
  }) {
    Object.assign(this, { send, concurrency, onChange, policy: retry, timers, random, now });
    this.items = [];
    /** Items in the order they go, and where the next one is; retries due go first. */
    this.pending = [];
    this.head = 0;
    this.due = [];
    this.active = new Set(); // uploading or retrying, in the order they started
    this.failed = new Set();
    this.counts = { queued: 0, uploading: 0, retrying: 0, done: 0, failed: 0 };
    this.bytesTotal = 0;
    this.bytesDone = 0;
    this.running = 0;
  }

  /** Adds items {name, size, file, …}; each starts 'queued'. */
  add(items) {
    for (const source of items) {
      const item = Object.assign(source, { state: 'queued', loaded: 0, error: null, failures: 0, retryAt: null, timer: null });
      this.items.push(item);
      this.pending.push(item);
      this.counts.queued++;
      this.bytesTotal += item.size;
    }
    this.pump();
  }

  /** Puts a failed item back in the queue, with all its attempts again. */
  retry(item) {
    if (item.state !== 'failed') return;
    this.failed.delete(item);
    item.failures = 0;
    item.error = null;
    this.move(item, 'queued');
    this.due.push(item);
    this.pump();
  }

  retryFailed() {
    for (const item of [...this.failed]) this.retry(item);
  }

  /** Leaves a queued, retrying or failed item out (it will not be sent); sent ones stay. */
  remove(item) {
    if (!['queued', 'retrying', 'failed'].includes(item.state)) return;
    if (item.timer) this.timers.clearTimeout(item.timer);
    this.failed.delete(item);
    this.active.delete(item);
    this.counts[item.state]--;
    item.state = 'removed';
    this.bytesTotal -= item.size;
    this.items.splice(this.items.indexOf(item), 1);
    this.onChange();
  }

  removeFailed() {
    for (const item of [...this.failed]) this.remove(item);
  }

  summary() {
    let inFlight = 0;
    for (const item of this.active) if (item.state === 'uploading') inFlight += Math.min(item.loaded, item.size);
    const { queued, uploading, retrying, done, failed } = this.counts;
    const total = this.items.length;
    return {
      total, done, failed, uploading, retrying, queued,
      bytesLoaded: this.bytesDone + inFlight,
      bytesTotal: this.bytesTotal,
      finished: total > 0 && done === total,
    };
  }

  pump() {
    while (this.running < this.concurrency) {
      const next = this.next();
      if (!next) break;
      this.run(next);
    }
    this.onChange();
  }

  next() {
    while (this.due.length > 0) {
      const item = this.due.shift();
      if (item.state === 'queued') return item;
    }
    while (this.head < this.pending.length) {
      const item = this.pending[this.head++];
      if (item.state === 'queued') return item;
    }
    // Done with the list: let it go (a queue of 50,000 items keeps no second copy).
    this.pending = [];
    this.head = 0;
    return null;
  }

  async run(item) {
    this.running++;
    this.move(item, 'uploading');
    this.active.add(item);
    try {
      await this.send(item, (loaded) => {
        item.loaded = loaded;
        this.onChange();
      });
      this.active.delete(item);
      item.error = null;
      this.move(item, 'done');
      item.loaded = item.size;
      this.bytesDone += item.size;
    } catch (error) {
      item.loaded = 0;
      item.error = error?.message || String(error);
      item.failures++;
      if (error?.fatal) {
        this.active.delete(item);
        this.fail(item);
        this.halt(item.error);
      } else if (error?.transient && item.failures < this.policy.attempts && item.state === 'uploading') {
        this.wait(item, Math.max(retryDelay(item.failures, this.policy, this.random), Math.min(error.retryAfterMs ?? 0, this.policy.maxDelayMs)));
      } else {
        this.active.delete(item);
        this.fail(item);
      }
    } finally {
      this.running--;
      this.pump();
    }
  }

  /** Every item not yet sent fails with this reason (the job takes no more files). */
  halt(reason) {
    for (const item of [...this.active]) {
      if (item.state !== 'retrying') continue;
      this.timers.clearTimeout(item.timer);
      this.active.delete(item);
      item.error = reason;
      this.fail(item);
    }
    for (const list of [this.due, this.pending.slice(this.head)]) {
      for (const item of list) {
        if (item.state !== 'queued') continue;
        item.error = reason;
        this.fail(item);
      }
    }
    this.due = [];
    this.pending = [];
    this.head = 0;
  }

  wait(item, delayMs) {
    this.move(item, 'retrying');
    item.retryAt = this.now() + delayMs;
    item.timer = this.timers.setTimeout(() => {
      item.timer = null;
      if (item.state !== 'retrying') return;
      this.active.delete(item);
      item.retryAt = null;
      this.move(item, 'queued');
      this.due.push(item);
      this.pump();
    }, delayMs);
  }

  fail(item) {
    this.move(item, 'failed');
    this.failed.add(item);
  }

  move(item, state) {
    this.counts[item.state]--;
    this.counts[state]++;
    item.state = state;
  }
}

/**
 * Upload targets for a job's files, registered a page at a time just before they are needed:
 * the first file without a target registers itself and the next files of the queue that lack
 * one (up to a page), so that a job of 50,000 files makes 50 registrations, each shortly before
 * its files go, and no target expires while it waits. A target about to expire is renewed the
 * same way (registering a name again gives a fresh target).
 *
 * {@code register(specs) → Promise<{uploads: [{name, url, method, headers}], expiresAt}>} is the
 * API call; it rejects with the API's error.
 */
export class Registrar {
  constructor({ register, pageSize = REGISTER_PAGE, now = () => Date.now(), marginMs = 60_000 }) {
    Object.assign(this, { register, pageSize, now, marginMs });
    this.items = [];
    this.registrations = 0;
  }

  /** Items in the order the queue sends them. */
  add(items) {
    for (const item of items) {
      item.seq = this.items.length;
      this.items.push(item);
    }
  }

  /** Forgets an item's target and refusal, so that its next attempt registers it again. */
  reset(item) {
    item.target = null;
    item.refusal = null;
  }

  hasTarget(item) {
    return item.target != null && !(item.targetExpires - this.marginMs <= this.now());
  }

  /** Resolves once the item has a usable target; rejects with an {@link UploadError}. */
  async ensureTarget(item) {
    if (item.refusal) throw item.refusal;
    if (!this.hasTarget(item) && !item.registration) {
      const batch = [item];
      const end = Math.min(this.items.length, item.seq + 1 + 2 * this.pageSize);
      for (let i = item.seq + 1; i < end && batch.length < this.pageSize; i++) {
        const other = this.items[i];
        if (other.state === 'queued' && !other.registration && !other.refusal && !this.hasTarget(other)) batch.push(other);
      }
      const registration = this.registerBatch(batch);
      for (const b of batch) b.registration = registration;
      registration.finally(() => { for (const b of batch) if (b.registration === registration) b.registration = null; }).catch(() => {});
    }
    if (item.registration) await item.registration;
    if (item.refusal) throw item.refusal;
    if (!this.hasTarget(item)) throw new UploadError('no upload target was given for this file', { transient: true });
  }

  async registerBatch(batch) {
    let rest = batch;
    while (rest.length > 0) {
      let answer;
      try {
        this.registrations++;
        answer = await this.register(rest.map((i) => ({ name: i.name, size: i.size, ...(i.type ? { contentType: i.type } : {}) })));
      } catch (error) {
        const failure = asUploadError(error, 'the file could not be registered');
        const refused = refusalsByIndex(error);
        if (refused.size === 0) {
          // Refused as a whole (e.g. more files than the job may hold): the same answer would
          // come for each of them, so they all fail with it now, without a request each.
          if (!failure.transient && !failure.fatal) for (const item of rest) item.refusal = failure;
          throw failure;
        }
        // The request was refused for some files only: those fail with the server's reason,
        // and the others are registered without them.
        rest = rest.filter((item, i) => {
          if (!refused.has(i)) return true;
          item.refusal = new UploadError(refused.get(i), { status: error.status });
          return false;
        });
        continue;
      }
      const expires = Date.parse(answer.expiresAt);
      const targets = new Map(answer.uploads.map((u) => [u.name, u]));
      for (const item of rest) {
        item.target = targets.get(item.name) ?? null;
        item.targetExpires = Number.isNaN(expires) ? Infinity : expires;
      }
      return;
    }
  }
}

/** "files[3].name: …" field errors of a refused registration, by index in the request. */
function refusalsByIndex(error) {
  const refused = new Map();
  if (error?.status !== 400) return refused;
  for (const e of error.problem?.errors ?? []) {
    const match = /^files\[(\d+)\]/.exec(e.field ?? '');
    if (match) refused.set(Number(match[1]), e.detail);
  }
  return refused;
}

/**
 * Calls {@code call} again after a pause when it fails transiently (no connection, no answer in
 * time, a server error), up to {@code attempts} times; other failures at once.
 */
export async function withRetries(call, { attempts = 3, policy = RETRY, sleep = (ms) => new Promise((r) => setTimeout(r, ms)) } = {}) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= attempts || !asUploadError(error).transient) throw error;
      await sleep(retryDelay(attempt, policy));
    }
  }
}

/** An API client error (ApiError, or a TypeError for no connection) as an {@link UploadError}. */
export function asUploadError(error, fallback) {
  if (error instanceof UploadError) return error;
  const status = error?.status ?? 0;
  // fetch rejects with a TypeError when no answer came at all.
  const message = error?.name === 'TypeError' ? 'the connection failed' : error?.message || fallback;
  // 404: the job is gone; 409: it was started or cancelled. No file of it can be sent any more.
  return new UploadError(message, { status, transient: isTransientStatus(status), fatal: status === 404 || status === 409 });
}

/**
 * One upload with XMLHttpRequest (fetch has no upload progress): the target's method, URL and
 * headers, the file as the body. Rejects with an {@link UploadError} carrying the server's
 * problem detail when it sent one.
 */
export function xhrSend(item, onProgress, { stallMs = STALL_MS } = {}) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    let watchdog = null;
    const watch = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => {
        xhr.abort();
        reject(new UploadError(`the upload stalled (no progress for ${Math.round(stallMs / 1000)} s)`, { transient: true }));
      }, stallMs);
    };
    xhr.open(item.target.method || 'PUT', item.target.url);
    for (const [name, value] of Object.entries(item.target.headers ?? {})) {
      xhr.setRequestHeader(name, value);
    }
    xhr.upload.onprogress = (e) => {
      watch();
      onProgress(e.loaded, e.lengthComputable ? e.total : item.size);
    };
    xhr.onload = () => {
      clearTimeout(watchdog);
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve();
        return;
      }
      reject(new UploadError(uploadFailure(xhr), {
        status: xhr.status,
        transient: isTransientStatus(xhr.status),
        retryAfterMs: parseRetryAfter(xhr.getResponseHeader('Retry-After')),
      }));
    };
    xhr.onerror = () => {
      clearTimeout(watchdog);
      reject(new UploadError('the connection failed', { transient: true }));
    };
    watch();
    xhr.send(item.file);
  });
}

function uploadFailure(xhr) {
  try {
    const problem = JSON.parse(xhr.responseText);
    if (problem?.detail) return problem.detail;
  } catch {
    // not JSON (e.g. an Azure Storage XML error): the status says enough
  }
  return `the server answered ${xhr.status}${xhr.statusText ? ` ${xhr.statusText}` : ''}`;
}
