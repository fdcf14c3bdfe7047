import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { load } from './ui-modules.mjs';

const { ProgressTracker, progressStats, shardStats } = await load('progress.js');
const { formatBytes, formatCount, formatDuration, formatConfidence } = await load('format.js');
const { parseRoute, routes } = await load('router.js');

const T0 = Date.parse('2025-11-25T18:00:00Z');
const job = (fields) => ({ status: 'PROCESSING', imageCount: 100, processedCount: 0, createdAt: '2025-11-25T17:59:00Z', startedAt: '2025-11-25T18:00:00Z', ...fields });

describe('progress', () => {
  it('derives the rate from recent polls and the time left from it', () => {
    const tracker = new ProgressTracker(30_000);
    tracker.add(T0, 0);
    assert.equal(tracker.rate(), null);
    tracker.add(T0 + 10_000, 20);
    tracker.add(T0 + 20_000, 40);
    assert.equal(tracker.rate(), 2);
    const stats = progressStats(job({ processedCount: 40 }), T0 + 20_000, tracker.rate());
    assert.deepEqual(stats, { elapsedMs: 20_000, rate: 2, etaMs: 30_000, fraction: 0.4 });
  });

  it('forgets samples older than the window and starts over when the count goes back', () => {
    const tracker = new ProgressTracker(30_000);
    tracker.add(T0, 0);
    tracker.add(T0 + 10_000, 10);
    tracker.add(T0 + 60_000, 20);
    tracker.add(T0 + 70_000, 40);
    // The (0, 0) sample went; the last one before the window anchors it: 30 images in 60 s.
    assert.equal(tracker.rate(), 0.5);
    tracker.add(T0 + 80_000, 5);
    assert.equal(tracker.rate(), null);
  });

  it('falls back to the average since processing began; no rate or ETA before it', () => {
    assert.equal(progressStats(job({ processedCount: 50 }), T0 + 100_000).rate, 0.5);
    const queued = progressStats(job({ status: 'QUEUED', startedAt: undefined }), T0);
    assert.deepEqual(queued, { elapsedMs: 60_000, rate: null, etaMs: null, fraction: 0 });
    const done = progressStats(job({ status: 'COMPLETED', processedCount: 100, completedAt: '2025-11-25T18:01:40Z' }), T0 + 999_999);
    assert.deepEqual(done, { elapsedMs: 100_000, rate: 1, etaMs: null, fraction: 1 });
  });
});

describe('shards', () => {
  const started = (status, total, running, completed, failed) => ({ status, shards: { total, running, completed, failed } });

  it('says how many shards are done, running, retrying and waiting while the job runs', () => {
    assert.deepEqual(shardStats(started('PROCESSING', 8, 2, 3, 1)),
      { total: 8, completed: 3, running: 2, failed: 1, waiting: 2, text: '3 of 8 done, 2 running, 1 retrying, 2 waiting' });
    assert.equal(shardStats(started('LAUNCHING', 3, 0, 0, 0)).text, '0 of 3 done, 3 waiting');
  });

  it('after the end, only what was done and what failed', () => {
    assert.equal(shardStats(started('COMPLETED', 3, 0, 3, 0)).text, '3 of 3 done');
    assert.equal(shardStats(started('FAILED', 5, 0, 3, 1)).text, '3 of 5 done, 1 failed');
    assert.equal(shardStats(started('CANCELLED', 5, 2, 1, 0)).text, '1 of 5 done');
  });

  it('none before the job is started', () => {
    assert.equal(shardStats({ status: 'PENDING' }), null);
    assert.equal(shardStats(started('QUEUED', 0, 0, 0, 0)), null);
  });
});

describe('formatting and routes', () => {
  it('formats sizes, durations and confidences for people', () => {
    assert.equal(formatBytes(512), '512 B');
    assert.equal(formatBytes(1536), '1.5 KB');
    assert.equal(formatBytes(50 * 1024 * 1024), '50 MB');
    assert.equal(formatDuration(4_000), '4 s');
    assert.equal(formatDuration(65_000), '1 min 05 s');
    assert.equal(formatDuration(3_723_000), '1 h 02 min 03 s');
    assert.equal(formatConfidence(0.912), '0.91');
    assert.equal(formatCount(50000), '50,000');
  });

  it('parses hash routes, leaving in-page anchors alone', () => {
    assert.deepEqual(parseRoute(''), { page: 'new' });
    assert.deepEqual(parseRoute('#/jobs'), { page: 'jobs' });
    assert.deepEqual(parseRoute(routes.resumeUpload('a b')), { page: 'new', resume: 'a b' });
    assert.deepEqual(parseRoute(routes.job('abc')), { page: 'job', id: 'abc' });
    assert.deepEqual(parseRoute(routes.viewer('abc')), { page: 'viewer', id: 'abc' });
    assert.deepEqual(parseRoute('#/elsewhere'), { page: 'not-found' });
    assert.equal(parseRoute('#main'), null);
  });
});
