// Direct REST calls for test setup (the browser is what is under test).
import { readFileSync } from 'node:fs';

export function apiClient(baseUrl, key = null) {
  const headers = key ? { Authorization: `Bearer ${key}` } : {};
  async function call(method, path, body) {
    const response = await fetch(`${baseUrl}/api/v1/${path}`, {
      method,
      headers: { ...headers, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response;
  }
  return {
    /** A job with these files registered; extra fields of the request (shardSize) as given. */
    createJob: async (name, files, extra = {}) =>
      (await call('POST', 'jobs', { name, files: files.map((f) => ({ name: f })), ...extra })).json(),
    /** Every registered file of a job, through GET /files a page at a time: Map name → uploaded. */
    files: async (id) => {
      const files = new Map();
      let cursor = '';
      do {
        const page = await (await call('GET', `jobs/${id}/files?limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).json();
        for (const f of page.files) files.set(f.name, f.uploaded);
        cursor = page.nextCursor;
      } while (cursor);
      return files;
    },
    /** GET /images with these query parameters (limit, category, minConf), every page. */
    images: async (id, query = {}) => {
      const images = [];
      let cursor = '';
      do {
        const params = new URLSearchParams({ limit: '1000', ...query, ...(cursor ? { cursor } : {}) });
        const page = await (await call('GET', `jobs/${id}/images?${params}`)).json();
        images.push(...page.images);
        cursor = page.nextCursor;
      } while (cursor);
      return images;
    },
    /** PUT a file to its signed upload URL, as a client without a key would. */
    upload: async (target, file) => {
      const response = await fetch(target.url, { method: target.method, headers: target.headers, body: readFileSync(file) });
      if (!response.ok) throw new Error(`upload ${target.name}: ${response.status} ${await response.text()}`);
    },
    start: async (id) => (await call('POST', `jobs/${id}/start`)).json(),
    cancel: async (id) => (await call('POST', `jobs/${id}/cancel`)).json(),
    /** The HTTP status of GET /jobs/{id} (404 once deleted). */
    status: async (id) => (await fetch(`${baseUrl}/api/v1/jobs/${id}`, { headers })).status,
    job: async (id) => (await call('GET', `jobs/${id}`)).json(),
    jobs: async (query = '') => (await call('GET', `jobs${query}`)).json(),
    results: async (id) => (await call('GET', `jobs/${id}/results`)).json(),
    file: async (id, name) => Buffer.from(await (await call('GET', `jobs/${id}/files/${name}`)).arrayBuffer()),
  };
}
