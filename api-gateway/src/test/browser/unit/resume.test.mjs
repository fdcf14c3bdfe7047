import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { load } from './ui-modules.mjs';

const { uploadNote, registeredFiles, planResume } = await load('resume.js');

/** localStorage's interface over a Map. */
function memoryStorage() {
  const map = new Map();
  return {
    getItem: (k) => (map.has(k) ? map.get(k) : null),
    setItem: (k, v) => map.set(k, String(v)),
    removeItem: (k) => map.delete(k),
  };
}

/** GET /jobs/{id}/files over these files, `size` to a page, as the API pages them. */
function pager(files, size) {
  const calls = [];
  const listPage = async (cursor) => {
    calls.push(cursor);
    const from = cursor ? Number(cursor) : 0;
    const page = files.slice(from, from + size);
    const next = from + size < files.length ? String(from + size) : undefined;
    return { files: page, nextCursor: next, registered: files.length };
  };
  return { listPage, calls };
}

describe('resuming an upload', () => {
  it('remembers the job being uploaded until it is started or the note is discarded', () => {
    const storage = memoryStorage();
    const note = uploadNote(storage);
    assert.equal(note.get(), null);
    note.set('job1', 'May', new Date('2025-11-25T18:00:00Z'));
    assert.deepEqual(note.get(), { jobId: 'job1', name: 'May', savedAt: '2025-11-25T18:00:00.000Z' });
    note.clear('another job');
    assert.equal(note.get().jobId, 'job1', 'clearing another job leaves the note');
    note.clear('job1');
    assert.equal(note.get(), null);
    storage.setItem('biotrack.upload', '{not json');
    assert.equal(note.get(), null, 'a damaged note is no note');
  });

  it('reads every page of the registered files, reporting progress', async () => {
    const files = Array.from({ length: 2500 }, (_, i) => ({ name: `f${i}.jpg`, size: 10, uploaded: i % 2 === 0 }));
    const { listPage, calls } = pager(files, 1000);
    const progress = [];
    const read = await registeredFiles(listPage, (n, of) => progress.push([n, of]));
    assert.equal(read.size, 2500);
    assert.deepEqual(calls, [null, '1000', '2000']);
    assert.deepEqual(progress, [[1000, 2500], [2000, 2500], [2500, 2500]]);
    assert.deepEqual(read.get('f1.jpg'), { size: 10, uploaded: false });
  });

  it('stops on a cursor that does not move', async () => {
    const read = await registeredFiles(async () => ({ files: [{ name: 'a.jpg', uploaded: true }], nextCursor: 'same', registered: 1 }));
    assert.equal(read.size, 1);
  });

  it('sends the chosen files the job has not received, registered or not', () => {
    const registered = new Map([
      ['a.jpg', { uploaded: true }],
      ['b.jpg', { uploaded: false }], // registered, its upload cut off
      ['z.jpg', { uploaded: true }], // in the job, not chosen again
    ]);
    const chosen = ['a.jpg', 'b.jpg', 'c.jpg'].map((name) => ({ name }));
    const plan = planResume(chosen, registered);
    assert.deepEqual(plan.toSend.map((c) => c.name), ['b.jpg', 'c.jpg']);
    assert.equal(plan.uploaded, 1);
    assert.equal(plan.elsewhere, 1);
  });
});
