// A completed job's summary at a threshold, as GET /api/v1/jobs/{id}/summary answers it for
// jobs of any size (the server reads the results once; the browser never loads them whole).

/** The job page's counts from the API's summary: images with animals, persons, vehicles, … */
export function countsOf(summary) {
  const o = summary.overall;
  return {
    images: o.images,
    animal: o.categories.animal?.images ?? 0,
    person: o.categories.person?.images ?? 0,
    vehicle: o.categories.vehicle?.images ?? 0,
    empty: o.empty,
    failed: o.failed,
  };
}

/**
 * The species table's rows from the API's summary: {name, images}, most photos first (as the
 * API orders them); null when the job ran without a classifier.
 */
export function speciesRows(summary) {
  if (!summary.species) return null;
  return summary.species.map((s) => ({ name: s.name, images: s.images }));
}

/**
 * @param api the REST client (api.js)
 * @returns {Promise<object>} the API's summary
 */
export function loadJobSummary(api, id, threshold, signal) {
  return api.summary(id, threshold, signal);
}
