// The Biotrack REST API v1 as the web UI uses it. With auth on, the API key (kept in this tab's
// session storage only) goes in an Authorization header; a 401 asks the page for a key.

const KEY_ITEM = 'biotrack.apiKey';
const BASE = 'api/v1';

/** An error answer of the API, with its RFC 9457 problem when it sent one. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `the server answered ${status}`);
    this.status = status;
    this.problem = problem ?? null;
  }

  /** "field: what is wrong" for each invalid field the problem lists. */
  fieldErrors() {
    return (this.problem?.errors ?? []).map((e) => `${e.field}: ${e.detail}`);
  }
}

export const apiKey = {
  get: () => sessionStorage.getItem(KEY_ITEM),
  set: (key) => (key ? sessionStorage.setItem(KEY_ITEM, key) : sessionStorage.removeItem(KEY_ITEM)),
};

/** Fired on window when the API wants a (different) key; detail is the server's message. */
export const UNAUTHORIZED_EVENT = 'biotrack:unauthorized';

/**
 * How long an API call may go unanswered before it is given up: a request lost on the way
 * would otherwise leave a page waiting for good (its caller retries or says so). Downloads of
 * results files are not limited.
 */
export const REQUEST_TIMEOUT_MS = 30_000;

async function request(path, { method = 'GET', body, accept = 'application/json', signal, timeoutMs = REQUEST_TIMEOUT_MS } = {}) {
  const headers = { Accept: `${accept}, application/problem+json` };
  const key = apiKey.get();
  if (key) headers.Authorization = `Bearer ${key}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const signals = [signal, timeoutMs ? AbortSignal.timeout(timeoutMs) : null].filter(Boolean);
  let response;
  try {
    response = await fetch(`${BASE}/${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: signals.length ? AbortSignal.any(signals) : undefined,
      cache: 'no-store',
    });
  } catch (e) {
    if (e.name === 'TimeoutError') throw new ApiError(0, { detail: `the server did not answer within ${timeoutMs / 1000} s` });
    throw e;
  }
  if (!response.ok) {
    let problem = null;
    try {
      problem = await response.json();
    } catch {
      // no problem body
    }
    const error = new ApiError(response.status, problem);
    if (response.status === 401) {
      window.dispatchEvent(new CustomEvent(UNAUTHORIZED_EVENT, { detail: error.message }));
    }
    throw error;
  }
  return response;
}

const json = async (path, options) => (await request(path, options)).json();
const job = (id) => `jobs/${encodeURIComponent(id)}`;

/** A file's relative path with each segment encoded, as the API's file URLs take it. */
function exportPath(id, kind, threshold) {
  switch (kind) {
    case 'json': return `${job(id)}/results`;
    case 'folders-zip': return `${job(id)}/export/folders.zip?threshold=${threshold}`;
    default: return `${job(id)}/results?format=${kind}&threshold=${threshold}`;
  }
}

/** The file name of a Content-Disposition header: its UTF-8 filename* first. */
export function fileNameOf(header) {
  if (!header) return null;
  const exact = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (exact) {
    try {
      return decodeURIComponent(exact[1]);
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename="([^"]*)"/i.exec(header);
  return plain ? plain[1] : null;
}

export function filePath(name) {
  return name.split('/').map(encodeURIComponent).join('/');
}

export const api = {
  limits: () => json('limits'),
  info: () => json('info'),
  createJob: (body) => json('jobs', { method: 'POST', body }),
  /** Registers up to 1,000 more files of a PENDING job; answers their upload targets. */
  registerFiles: (id, files) => json(`${job(id)}/files`, { method: 'POST', body: { files } }),
  /** One page of a job's registered files: {files: [{name, size, uploaded}], nextCursor, registered}. */
  files: (id, { cursor, limit = 1000 } = {}) => {
    const query = new URLSearchParams({ limit: String(limit) });
    if (cursor) query.set('cursor', cursor);
    return json(`${job(id)}/files?${query}`);
  },
  /**
   * One page of a COMPLETED job's images: {images, nextCursor}. categories: keys among animal,
   * person, vehicle, empty, failed (null: all); minConf: detections below it are left out.
   */
  images: (id, { cursor, limit = 100, categories = null, minConf = 0 } = {}, signal) => {
    const query = new URLSearchParams({ limit: String(limit), minConf: String(minConf) });
    if (categories) query.set('category', categories.join(','));
    if (cursor) query.set('cursor', cursor);
    return json(`${job(id)}/images?${query}`, { signal });
  },
  job: (id, signal) => json(job(id), { signal }),
  jobs: ({ limit = 20, cursor, status } = {}) => {
    const query = new URLSearchParams({ limit: String(limit) });
    if (cursor) query.set('cursor', cursor);
    if (status) query.set('status', status);
    return json(`jobs?${query}`);
  },
  start: (id) => json(`${job(id)}/start`, { method: 'POST' }),
  cancel: (id) => json(`${job(id)}/cancel`, { method: 'POST' }),
  remove: (id) => request(job(id), { method: 'DELETE' }),
  results: (id) => json(`${job(id)}/results`, { timeoutMs: 0 }),
  /** GET /repeats: places where detections repeat across a folder's photos, with decisions. */
  repeats: (id, signal) => json(`${job(id)}/repeats`, { signal, timeoutMs: 120_000 }),
  /** PUT /repeats/{group}: "confirmed" (a false positive, left out of exports) or "rejected". */
  decideRepeat: (id, group, decision) =>
    json(`${job(id)}/repeats/${encodeURIComponent(group)}`, { method: 'PUT', body: { decision }, timeoutMs: 120_000 }),
  /** GET /summary at this threshold: counts overall and per folder, histograms per category. */
  summary: (id, threshold, signal) => json(`${job(id)}/summary?threshold=${threshold}`, { signal, timeoutMs: 120_000 }),
  /**
   * A download at this threshold as a Blob and the name the server gives it. kind: "json",
   * "csv", "images-csv" or "folders-zip".
   */
  download: async (id, kind, threshold) => {
    const response = await request(exportPath(id, kind, threshold), { accept: '*/*', timeoutMs: 0 });
    return { blob: await response.blob(), fileName: fileNameOf(response.headers.get('Content-Disposition')) };
  },
  /** The URL of a download, for the browser to stream to disk itself (no key needed). */
  exportUrl: (id, kind, threshold) => `${BASE}/${exportPath(id, kind, threshold)}`,
  /** Whether requests carry an API key (then a plain link cannot download). */
  hasKey: () => apiKey.get() != null,
  /** One uploaded image as a Blob. */
  image: async (id, name, signal) =>
    (await request(`${job(id)}/files/${filePath(name)}`, { accept: 'image/*', signal, timeoutMs: 120_000 })).blob(),
  /** One image's thumbnail (at most 320 px) as a Blob: what the viewer's grid shows. */
  thumbnail: async (id, name, signal) =>
    (await request(`${job(id)}/thumbnails/${filePath(name)}`, { accept: 'image/*', signal, timeoutMs: 120_000 })).blob(),
};
