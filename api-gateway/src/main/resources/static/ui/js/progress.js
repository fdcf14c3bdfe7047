// A running job's progress: elapsed time, images per second, time left. Pure.

import { t } from './i18n.js';

/** How far back the rate looks: recent enough to follow a change of speed, long enough to be steady. */
export const RATE_WINDOW_MS = 30_000;

/**
 * Remembers (time, processed) samples of one job as polls arrive and derives the rate from the
 * recent ones, so a resumed or slow-starting job shows its current speed.
 */
export class ProgressTracker {
  constructor(windowMs = RATE_WINDOW_MS) {
    this.windowMs = windowMs;
    this.samples = [];
  }

  /** Records one poll's processed count at time {@code nowMs}. */
  add(nowMs, processed) {
    const last = this.samples[this.samples.length - 1];
    if (last && processed < last.processed) this.samples = []; // a restart: start over
    this.samples.push({ t: nowMs, processed });
    while (this.samples.length > 2 && nowMs - this.samples[1].t > this.windowMs) {
      this.samples.shift();
    }
  }

  /** Images per second over the window; null until two samples with progress are in. */
  rate() {
    if (this.samples.length < 2) return null;
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    const seconds = (last.t - first.t) / 1000;
    if (seconds <= 0 || last.processed === first.processed) return null;
    return (last.processed - first.processed) / seconds;
  }
}

/**
 * What the job page shows about time and speed.
 *
 * @param job the API's job view
 * @param nowMs the current time
 * @param recentRate images/s from a {@link ProgressTracker}, or null
 * @returns {{elapsedMs, rate, etaMs, fraction}} rate and etaMs null when unknown
 */
export function progressStats(job, nowMs, recentRate = null) {
  const from = Date.parse(job.startedAt ?? job.createdAt);
  const to = job.completedAt ? Date.parse(job.completedAt) : nowMs;
  const elapsedMs = Number.isFinite(from) ? Math.max(0, to - from) : null;
  const total = job.imageCount || 0;
  const done = Math.min(job.processedCount || 0, total);
  const fraction = total > 0 ? done / total : 0;

  let rate = recentRate;
  if (rate == null && job.startedAt && done > 0 && elapsedMs > 0) {
    rate = done / (elapsedMs / 1000); // the average since processing began
  }
  const running = job.status === 'PROCESSING';
  const etaMs = running && rate > 0 ? ((total - done) / rate) * 1000 : null;
  return { elapsedMs, rate: running || job.status === 'COMPLETED' ? rate : null, etaMs, fraction };
}

/**
 * How a started job's shards stand, for the job page: counts and a sentence such as "3 of 8
 * done, 2 running, 1 retrying, 2 waiting". A shard counted as failed is waiting for its next
 * attempt while the job runs ("retrying"); once the job has ended, it failed. Null before the job
 * has shards (not started yet).
 */
export function shardStats(job) {
  const s = job.shards;
  if (!s || !(s.total > 0)) return null;
  const live = !['COMPLETED', 'FAILED', 'CANCELLED'].includes(job.status);
  const waiting = Math.max(0, s.total - s.running - s.completed - s.failed);
  const parts = [t('{n} of {total} done', { n: s.completed, total: s.total })];
  if (live && s.running > 0) parts.push(t('{n} running', { n: s.running }));
  if (s.failed > 0) parts.push(t(live ? '{n} retrying' : '{n} failed', { n: s.failed }));
  if (live && waiting > 0) parts.push(t('{n} waiting', { n: waiting }));
  return { total: s.total, completed: s.completed, running: s.running, failed: s.failed, waiting, text: parts.join(', ') };
}
