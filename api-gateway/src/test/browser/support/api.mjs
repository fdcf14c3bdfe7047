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
    createJob: async (name, files) =>
      (await call('POST', 'jobs', { name, files: files.map((f) => ({ name: f })) })).json(),
    /** PUT a file to its signed upload URL, as a client without a key would. */
    upload: async (target, file) => {
      const response = await fetch(target.url, { method: target.method, headers: target.headers, body: readFileSync(file) });
      if (!response.ok) throw new Error(`upload ${target.name}: ${response.status} ${await response.text()}`);
    },
    start: async (id) => (await call('POST', `jobs/${id}/start`)).json(),
    job: async (id) => (await call('GET', `jobs/${id}`)).json(),
    jobs: async (query = '') => (await call('GET', `jobs${query}`)).json(),
    results: async (id) => (await call('GET', `jobs/${id}/results`)).json(),
    file: async (id, name) => Buffer.from(await (await call('GET', `jobs/${id}/files/${name}`)).arrayBuffer()),
  };
}
