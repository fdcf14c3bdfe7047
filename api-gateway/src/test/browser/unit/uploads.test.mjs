import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { load } from './ui-modules.mjs';

const { UploadQueue, UploadError, Registrar, RETRY, retryDelay, isTransientStatus, parseRetryAfter, asUploadError, withRetries } = await load('uploads.js');

/** A transfer the test finishes by hand: progress, then resolve or reject. */
function manualSender() {
  const transfers = [];
  const send = (item, onProgress) => new Promise((resolve, reject) => transfers.push({ item, onProgress, resolve, reject }));
  return { send, transfers };
}

/** Timers the test fires by hand, so that no test waits for a backoff. */
function manualTimers() {
  const waiting = new Map();
  let next = 1;
  return {
    timers: {
      setTimeout: (f, ms) => { waiting.set(next, { f, ms }); return next++; },
      clearTimeout: (id) => waiting.delete(id),
    },
    delays: () => [...waiting.values()].map((w) => w.ms),
    fireAll() {
      const due = [...waiting.values()];
      waiting.clear();
      due.forEach((w) => w.f());
    },
  };
}

const tick = () => new Promise((r) => setImmediate(r));
const items = (n, size = 100) => Array.from({ length: n }, (_, i) => ({ name: `f${String(i).padStart(5, '0')}.jpg`, size, file: null, target: null }));
const dropped = () => new UploadError('the connection failed', { transient: true });
const noJitter = () => 1; // retryDelay's random: the full delay

describe('upload queue', () => {
  it('runs at most `concurrency` uploads at once and starts the next as one ends', async () => {
    const { send, transfers } = manualSender();
    const queue = new UploadQueue({ send, concurrency: 2 });
    queue.add(items(5));
    assert.equal(transfers.length, 2);
    assert.deepEqual(queue.items.map((i) => i.state), ['uploading', 'uploading', 'queued', 'queued', 'queued']);
    transfers[0].resolve();
    await tick();
    assert.equal(transfers.length, 3);
    assert.equal(queue.summary().done, 1);
  });

  it('adds progress up per file and overall', async () => {
    const { send, transfers } = manualSender();
    const queue = new UploadQueue({ send, concurrency: 4 });
    queue.add(items(2));
    transfers[0].onProgress(40, 100);
    transfers[1].onProgress(10, 100);
    assert.deepEqual([queue.items[0].loaded, queue.summary().bytesLoaded, queue.summary().bytesTotal], [40, 50, 200]);
    transfers[0].resolve();
    transfers[1].resolve();
    await tick();
    assert.deepEqual(queue.summary(), { total: 2, done: 2, failed: 0, uploading: 0, retrying: 0, queued: 0, bytesLoaded: 200, bytesTotal: 200, finished: true });
  });

  it('retries a transient failure by itself after a growing pause, then marks it failed with the last reason', async () => {
    const { send, transfers } = manualSender();
    const clock = manualTimers();
    const queue = new UploadQueue({ send, concurrency: 1, timers: clock.timers, random: noJitter });
    queue.add(items(1));
    for (let attempt = 1; attempt < RETRY.attempts; attempt++) {
      transfers.at(-1).reject(dropped());
      await tick();
      assert.equal(queue.items[0].state, 'retrying', `after attempt ${attempt}`);
      assert.equal(queue.summary().retrying, 1);
      assert.deepEqual(clock.delays(), [RETRY.baseDelayMs * 2 ** (attempt - 1)]);
      assert.equal(transfers.length, attempt, 'no new attempt before the pause is over');
      clock.fireAll();
      assert.equal(transfers.length, attempt + 1);
    }
    transfers.at(-1).reject(new UploadError('the server answered 503', { transient: true, status: 503 }));
    await tick();
    assert.equal(queue.items[0].state, 'failed');
    assert.equal(queue.items[0].error, 'the server answered 503');
    assert.deepEqual(clock.delays(), []);
  });

  it('sends a file that failed once and then went through, without anyone asking', async () => {
    const { send, transfers } = manualSender();
    const clock = manualTimers();
    const queue = new UploadQueue({ send, concurrency: 2, timers: clock.timers });
    queue.add(items(3));
    transfers[0].reject(dropped());
    await tick();
    // The pause frees the slot: the third file goes meanwhile.
    assert.deepEqual(transfers.map((t) => t.item.name), ['f00000.jpg', 'f00001.jpg', 'f00002.jpg']);
    clock.fireAll();
    assert.equal(transfers.length, 3, 'it waits for a free slot');
    transfers[1].resolve();
    await tick();
    assert.equal(transfers[3].item.name, 'f00000.jpg', 'a retry goes before files that never went');
    transfers[2].resolve();
    transfers[3].resolve();
    await tick();
    assert.equal(queue.summary().finished, true);
    assert.equal(queue.items[0].failures, 1);
  });

  it('does not retry a refusal (404 not registered, 409 job started) and halts the job on a fatal one', async () => {
    const { send, transfers } = manualSender();
    const clock = manualTimers();
    const queue = new UploadQueue({ send, concurrency: 2, timers: clock.timers });
    queue.add(items(5));
    transfers[0].reject(new UploadError('job x has no file f00000.jpg', { status: 404 }));
    await tick();
    assert.equal(queue.items[0].state, 'failed');
    assert.deepEqual(clock.delays(), []);
    transfers[1].reject(dropped());
    await tick();
    assert.equal(queue.items[1].state, 'retrying');
    transfers[2].reject(new UploadError('job x is QUEUED; it takes no more files', { status: 409, fatal: true }));
    await tick();
    assert.deepEqual(queue.items.map((i) => i.state), ['failed', 'failed', 'failed', 'uploading', 'failed']);
    assert.equal(queue.items[4].error, 'job x is QUEUED; it takes no more files');
    assert.deepEqual(clock.delays(), [], 'the pending retry was called off');
  });

  it('waits at least as long as Retry-After says, up to the longest pause', async () => {
    const { send, transfers } = manualSender();
    const clock = manualTimers();
    const queue = new UploadQueue({ send, timers: clock.timers, random: noJitter });
    queue.add(items(2));
    transfers[0].reject(new UploadError('busy', { status: 429, transient: true, retryAfterMs: 7000 }));
    transfers[1].reject(new UploadError('busy', { status: 429, transient: true, retryAfterMs: 3_600_000 }));
    await tick();
    assert.deepEqual(clock.delays(), [7000, RETRY.maxDelayMs]);
  });

  it('keeps a failed upload with its reason until it is retried or left out', async () => {
    const { send, transfers } = manualSender();
    const queue = new UploadQueue({ send, concurrency: 4 });
    queue.add(items(3));
    transfers[0].reject(new Error('the file could not be read'));
    transfers[1].reject(new UploadError('bad', { status: 400 }));
    transfers[2].resolve();
    await tick();
    assert.deepEqual([...queue.failed].map((i) => i.error), ['the file could not be read', 'bad']);
    assert.equal(queue.summary().finished, false);

    queue.retry(queue.items[0]);
    assert.equal(transfers.length, 4);
    transfers[3].resolve();
    await tick();
    queue.remove(queue.items[1]);
    assert.deepEqual(queue.items.map((i) => i.name), ['f00000.jpg', 'f00002.jpg']);
    assert.equal(queue.summary().finished, true);
    assert.equal(queue.summary().bytesTotal, 200);
    queue.remove(queue.items[0]);
    assert.equal(queue.items.length, 2, 'an uploaded file stays');
  });

  it('goes through 50,000 files without walking them all at each step', async () => {
    let changes = 0;
    const queue = new UploadQueue({ send: () => Promise.resolve(), concurrency: 4, onChange: () => changes++ });
    const started = performance.now();
    queue.add(items(50_000, 1000));
    while (!queue.summary().finished) await tick();
    const ms = performance.now() - started;
    assert.equal(queue.summary().bytesLoaded, 50_000_000);
    assert.ok(changes >= 50_000);
    // Quadratic work (a search of the list per file) takes minutes here; linear, well under one.
    assert.ok(ms < 20_000, `took ${Math.round(ms)} ms`);
  });
});

describe('retry policy', () => {
  it('retries only what may go through next time', () => {
    for (const status of [0, 408, 429, 500, 502, 503, 504]) assert.equal(isTransientStatus(status), true, String(status));
    for (const status of [400, 401, 403, 404, 409, 413, 422]) assert.equal(isTransientStatus(status), false, String(status));
  });

  it('pauses 1, 2, 4, 8 s (each between half and all of it), at most 30 s', () => {
    assert.deepEqual([1, 2, 3, 4, 10].map((f) => retryDelay(f, RETRY, () => 1)), [1000, 2000, 4000, 8000, 30_000]);
    assert.deepEqual([1, 2, 3].map((f) => retryDelay(f, RETRY, () => 0)), [500, 1000, 2000]);
  });

  it('reads Retry-After in seconds or as a date', () => {
    assert.equal(parseRetryAfter('5'), 5000);
    assert.equal(parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT')), 10_000);
    assert.equal(parseRetryAfter(null), null);
    assert.equal(parseRetryAfter('soon'), null);
  });

  it('calls an API again after a transient failure, a few times, and not after a refusal', async () => {
    const pauses = [];
    const sleep = async (ms) => { pauses.push(ms); };
    let calls = 0;
    const flaky = async () => {
      calls++;
      if (calls < 3) throw Object.assign(new Error('the server did not answer within 30 s'), { status: 0 });
      return 'answer';
    };
    assert.equal(await withRetries(flaky, { sleep }), 'answer');
    assert.equal(pauses.length, 2);
    calls = 0;
    await assert.rejects(withRetries(async () => { calls++; throw Object.assign(new Error('no such job'), { status: 404 }); }, { sleep }), /no such job/);
    assert.equal(calls, 1);
    calls = 0;
    await assert.rejects(withRetries(async () => { calls++; throw new TypeError('Failed to fetch'); }, { sleep, attempts: 3 }), TypeError);
    assert.equal(calls, 3);
  });

  it('classifies API errors: no connection and 5xx are transient, a gone or started job is fatal', () => {
    assert.equal(asUploadError(new TypeError('Failed to fetch')).transient, true);
    assert.equal(asUploadError(new TypeError('Failed to fetch')).message, 'the connection failed');
    assert.equal(asUploadError(Object.assign(new Error('x'), { status: 503 })).transient, true);
    assert.equal(asUploadError(Object.assign(new Error('x'), { status: 409 })).fatal, true);
    assert.equal(asUploadError(Object.assign(new Error('x'), { status: 404 })).fatal, true);
    const refused = asUploadError(Object.assign(new Error('too many'), { status: 400 }));
    assert.deepEqual([refused.transient, refused.fatal, refused.message], [false, false, 'too many']);
  });
});

describe('registration a page at a time', () => {
  /** The API's POST /files as the server answers it, recording each request. */
  function server({ refuse = new Map(), fail = 0, expiresAt = '2100-01-01T00:00:00Z' } = {}) {
    const calls = [];
    let failures = fail;
    const register = async (files) => {
      calls.push(files.map((f) => f.name));
      if (failures-- > 0) throw new TypeError('Failed to fetch');
      const errors = files.map((f, i) => (refuse.has(f.name) ? { field: `files[${i}].name`, detail: refuse.get(f.name) } : null)).filter(Boolean);
      if (errors.length) throw Object.assign(new Error('invalid'), { status: 400, problem: { errors } });
      return { uploads: files.map((f) => ({ name: f.name, url: `u/${f.name}`, method: 'PUT', headers: {} })), expiresAt: typeof expiresAt === 'function' ? expiresAt() : expiresAt };
    };
    return { register, calls };
  }

  function queued(n) {
    const list = items(n);
    list.forEach((i) => { i.state = 'queued'; });
    return list;
  }

  it('registers the first file with the next files that lack a target, up to a page', async () => {
    const { register, calls } = server();
    const registrar = new Registrar({ register, pageSize: 1000 });
    const list = queued(2500);
    registrar.add(list);
    // Four uploads start at once: one registration for all of them.
    await Promise.all(list.slice(0, 4).map((i) => registrar.ensureTarget(i)));
    assert.equal(calls.length, 1);
    assert.equal(calls[0].length, 1000);
    assert.equal(list[999].target.url, 'u/f00999.jpg');
    assert.equal(list[1000].target, null);
    await registrar.ensureTarget(list[1000]);
    await registrar.ensureTarget(list[2000]);
    assert.deepEqual(calls.map((c) => [c.length, c[0]]), [[1000, 'f00000.jpg'], [1000, 'f01000.jpg'], [500, 'f02000.jpg']]);
  });

  it('leaves out files that are no longer waiting (sent, removed, failed)', async () => {
    const { register, calls } = server();
    const registrar = new Registrar({ register, pageSize: 10 });
    const list = queued(10);
    list[3].state = 'removed';
    list[5].state = 'done';
    registrar.add(list);
    await registrar.ensureTarget(list[0]);
    assert.deepEqual(calls[0], ['f00000.jpg', 'f00001.jpg', 'f00002.jpg', 'f00004.jpg', 'f00006.jpg', 'f00007.jpg', 'f00008.jpg', 'f00009.jpg']);
  });

  it('fails the files the server refuses, with its reason, and registers the others', async () => {
    const { register, calls } = server({ refuse: new Map([['f00002.jpg', 'is also the folder of f00002.jpg/x.jpg']]) });
    const registrar = new Registrar({ register, pageSize: 10 });
    const list = queued(4);
    registrar.add(list);
    await registrar.ensureTarget(list[0]);
    assert.equal(calls.length, 2);
    assert.deepEqual(calls[1], ['f00000.jpg', 'f00001.jpg', 'f00003.jpg']);
    await assert.rejects(registrar.ensureTarget(list[2]), { message: 'is also the folder of f00002.jpg/x.jpg', transient: false });
    assert.equal(calls.length, 2, 'a refused file is not registered again');
  });

  it('passes a dropped connection on as transient, and registers again on the next attempt', async () => {
    const { register, calls } = server({ fail: 1 });
    const registrar = new Registrar({ register, pageSize: 10 });
    const list = queued(3);
    registrar.add(list);
    await assert.rejects(registrar.ensureTarget(list[0]), { transient: true, message: 'the connection failed' });
    await registrar.ensureTarget(list[1]);
    await registrar.ensureTarget(list[0]);
    assert.deepEqual(calls.map((c) => c.length), [3, 2, 1]);
  });

  it('renews targets about to expire, and a file retried by hand', async () => {
    let now = Date.parse('2025-11-25T18:00:00Z');
    const { register, calls } = server({ expiresAt: () => new Date(now + 2 * 3600_000).toISOString() }); // two hours, as the API
    const registrar = new Registrar({ register, pageSize: 10, now: () => now, marginMs: 60_000 });
    const list = queued(3);
    registrar.add(list);
    await registrar.ensureTarget(list[0]);
    now = Date.parse('2025-11-25T19:59:30Z'); // within the margin: renewed, for all three
    await registrar.ensureTarget(list[1]);
    assert.deepEqual(calls.map((c) => c.length), [3, 2]);
    registrar.reset(list[1]);
    await registrar.ensureTarget(list[1]);
    assert.deepEqual(calls.at(-1), ['f00001.jpg']);
  });
});
