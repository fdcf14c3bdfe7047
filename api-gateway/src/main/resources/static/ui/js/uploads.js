// Uploads of a job's files to the URLs the API handed out: a few at a time, each with its own
// progress, failed ones retried on request.

/** Uploads running at once: enough to fill a link, few enough to keep each one moving. */
export const DEFAULT_CONCURRENCY = 4;

/**
 * The upload queue. {@code send(item, onProgress(loaded, total)) → Promise} does one transfer;
 * {@code onChange()} is called after every change of state or progress.
 */
export class UploadQueue {
  constructor({ send, concurrency = DEFAULT_CONCURRENCY, onChange = () => {} }) {
    this.send = send;
    this.concurrency = concurrency;
    this.onChange = onChange;
    this.items = [];
    this.running = 0;
  }

  /** Adds items {name, size, file, target}; each starts 'queued'. */
  add(items) {
    for (const item of items) {
      this.items.push({ ...item, state: 'queued', loaded: 0, error: null });
    }
    this.pump();
  }

  /** Puts a failed item back in the queue. */
  retry(item) {
    if (item.state !== 'failed') return;
    item.state = 'queued';
    item.loaded = 0;
    item.error = null;
    this.onChange();
    this.pump();
  }

  retryFailed() {
    this.items.filter((i) => i.state === 'failed').forEach((i) => this.retry(i));
  }

  /** Drops a failed or queued item from the job (it will not be started). */
  remove(item) {
    if (item.state === 'uploading' || item.state === 'done') return;
    this.items = this.items.filter((i) => i !== item);
    this.onChange();
  }

  summary() {
    const count = (state) => this.items.filter((i) => i.state === state).length;
    const bytesTotal = this.items.reduce((sum, i) => sum + i.size, 0);
    const bytesLoaded = this.items.reduce(
      (sum, i) => sum + (i.state === 'done' ? i.size : Math.min(i.loaded, i.size)),
      0,
    );
    const done = count('done');
    return {
      total: this.items.length,
      done,
      failed: count('failed'),
      uploading: count('uploading'),
      queued: count('queued'),
      bytesLoaded,
      bytesTotal,
      finished: this.items.length > 0 && done === this.items.length,
    };
  }

  pump() {
    while (this.running < this.concurrency) {
      const next = this.items.find((i) => i.state === 'queued');
      if (!next) break;
      this.run(next);
    }
    this.onChange();
  }

  async run(item) {
    this.running++;
    item.state = 'uploading';
    try {
      await this.send(item, (loaded) => {
        item.loaded = loaded;
        this.onChange();
      });
      item.state = 'done';
      item.loaded = item.size;
    } catch (error) {
      item.state = 'failed';
      item.error = error?.message || String(error);
    } finally {
      this.running--;
      this.pump();
    }
  }
}

/**
 * One upload with XMLHttpRequest (fetch has no upload progress): the target's method, URL and
 * headers, the file as the body. Rejects with the server's problem detail when it has one.
 */
export function xhrSend(item, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(item.target.method || 'PUT', item.target.url);
    for (const [name, value] of Object.entries(item.target.headers ?? {})) {
      xhr.setRequestHeader(name, value);
    }
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : item.size);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve();
      else reject(new Error(uploadFailure(xhr)));
    };
    xhr.onerror = () => reject(new Error('the connection failed'));
    xhr.ontimeout = () => reject(new Error('the upload timed out'));
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
