// A job's uploaded images (or their thumbnails) as object URLs: fetched with the API key (an
// <img src> cannot send one), a few at a time, each once, all released when the page is left.

import { api } from './api.js';

export class ImageLoader {
  /** fetch: api.image (the originals) or api.thumbnail. */
  constructor(jobId, concurrency = 4, fetch = api.image) {
    this.jobId = jobId;
    this.fetch = fetch;
    this.concurrency = concurrency;
    this.promises = new Map();
    this.urls = [];
    this.waiting = [];
    this.active = 0;
    this.controller = new AbortController();
  }

  /** The object URL of one image; fetched on the first call. */
  url(name) {
    if (!this.promises.has(name)) {
      this.promises.set(name, new Promise((resolve, reject) => {
        this.waiting.push({ name, resolve, reject });
        this.next();
      }));
    }
    return this.promises.get(name);
  }

  next() {
    while (this.active < this.concurrency && this.waiting.length > 0) {
      const { name, resolve, reject } = this.waiting.shift();
      this.active++;
      this.fetch(this.jobId, name, this.controller.signal)
        .then((blob) => {
          const url = URL.createObjectURL(blob);
          this.urls.push(url);
          resolve(url);
        }, reject)
        .finally(() => {
          this.active--;
          this.next();
        });
    }
  }

  dispose() {
    this.controller.abort();
    this.waiting = [];
    this.urls.forEach((url) => URL.revokeObjectURL(url));
    this.urls = [];
  }
}
