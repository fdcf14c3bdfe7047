import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { load } from './ui-modules.mjs';

const { UploadQueue } = await load('uploads.js');

/** A transfer the test finishes by hand: progress, then resolve or reject. */
function manualSender() {
  const transfers = [];
  const send = (item, onProgress) => new Promise((resolve, reject) => transfers.push({ item, onProgress, resolve, reject }));
  return { send, transfers };
}
const tick = () => new Promise((r) => setImmediate(r));
const items = (n) => Array.from({ length: n }, (_, i) => ({ name: `f${i}.jpg`, size: 100, file: null, target: null }));

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
    assert.deepEqual(queue.summary(), { total: 2, done: 2, failed: 0, uploading: 0, queued: 0, bytesLoaded: 200, bytesTotal: 200, finished: true });
  });

  it('keeps a failed upload with its reason until it is retried or removed', async () => {
    const { send, transfers } = manualSender();
    const queue = new UploadQueue({ send, concurrency: 4 });
    queue.add(items(2));
    transfers[0].reject(new Error('the connection failed'));
    transfers[1].resolve();
    await tick();
    assert.equal(queue.items[0].state, 'failed');
    assert.equal(queue.items[0].error, 'the connection failed');
    assert.equal(queue.summary().finished, false);

    queue.retry(queue.items[0]);
    assert.equal(transfers.length, 3);
    transfers[2].resolve();
    await tick();
    assert.equal(queue.summary().finished, true);
  });

  it('drops a failed upload on request, so the rest can start', async () => {
    const { send, transfers } = manualSender();
    const queue = new UploadQueue({ send });
    queue.add(items(2));
    transfers[0].reject(new Error('the server answered 400'));
    transfers[1].resolve();
    await tick();
    queue.remove(queue.items[0]);
    assert.deepEqual(queue.items.map((i) => i.name), ['f1.jpg']);
    assert.equal(queue.summary().finished, true);
    queue.remove(queue.items[0]);
    assert.equal(queue.items.length, 1, 'an uploaded file stays');
  });
});
