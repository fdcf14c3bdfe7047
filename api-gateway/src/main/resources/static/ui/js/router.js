// Hash routes of the single-page UI. Pure.

/**
 * "#/new" → {page: 'new'}; "#/new?resume=ID" → {page: 'new', resume: ID}; "#/jobs" →
 * {page: 'jobs'}; "#/jobs/ID" → {page: 'job', id}; "#/jobs/ID/results" → {page: 'viewer', id};
 * "" or "#/" → new; anything else under "#/" → {page: 'not-found'}; a hash not starting with
 * "#/" (an in-page anchor) → null.
 */
export function parseRoute(hash) {
  if (!hash || hash === '#' || hash === '#/') return { page: 'new' };
  if (!hash.startsWith('#/')) return null;
  const [path, query = ''] = hash.slice(2).split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 1 && parts[0] === 'new') {
    const resume = new URLSearchParams(query).get('resume');
    return resume ? { page: 'new', resume } : { page: 'new' };
  }
  if (parts.length === 1 && parts[0] === 'jobs') return { page: 'jobs' };
  if (parts.length === 2 && parts[0] === 'jobs') return { page: 'job', id: parts[1] };
  if (parts.length === 3 && parts[0] === 'jobs' && parts[2] === 'results') {
    return { page: 'viewer', id: parts[1] };
  }
  return { page: 'not-found' };
}

export const routes = {
  newJob: () => '#/new',
  resumeUpload: (id) => `#/new?resume=${encodeURIComponent(id)}`,
  jobs: () => '#/jobs',
  job: (id) => `#/jobs/${encodeURIComponent(id)}`,
  viewer: (id) => `#/jobs/${encodeURIComponent(id)}/results`,
};
