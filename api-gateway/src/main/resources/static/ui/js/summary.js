// The counts of a completed job's summary (images with animals, persons, vehicles, empty,
// failed). Today they are counted in the browser from the results file, which is fine for a
// few thousand images and too much to download for a season; the API's job summary (a later
// issue) will give them for any size: this is the one place to change then.

import { summarize } from './results.js';

/** Jobs up to this many images are counted from their results file. */
export const COUNT_FROM_RESULTS_MAX = 5000;

/**
 * @param api the REST client (api.js)
 * @param job the API's job view, COMPLETED
 * @returns {Promise<{counts, detector}|null>} counts as results.js's summarize gives them; null
 *     when the job is too large to count here
 */
export async function loadJobSummary(api, job, threshold) {
  if (job.imageCount > COUNT_FROM_RESULTS_MAX) return null;
  const results = await api.results(job.jobId);
  return { counts: summarize(results, threshold), detector: results.info?.detector ?? null };
}
