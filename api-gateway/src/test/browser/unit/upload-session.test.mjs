import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { load } from './ui-modules.mjs';

const { UploadSession } = await load('upload-session.js');
const { uploadNote } = await load('resume.js');

const LIMITS = { maxFiles: 100_000, maxFileBytes: 1000, acceptedTypes: ['image/jpeg', 'image/png'] };

/**
 * The API as the gateway answers it for one tenant, in memory: jobs, registration a page of at
 * most 1,000 at a time, GET /files pages, start. The UI's session is what is under test.
 */
function fakeGateway() {
  const jobs = new Map();
  const calls = [];
  let ids = 0;
  const job = (id) => {
    const j = jobs.get(id);
    if (!j) throw Object.assign(new Error('no such job'), { status: 404 });
    return j;
  };
  const view = (j) => ({ jobId: j.id, name: j.name, status: j.status, imageCount: j.files.size });
  const api = {
    createJob: async (body) => {
      calls.push(['create', body]);
      const j = { id: `job${++ids}`, name: body.name, shardSize: body.shardSize, status: 'PENDING', files: new Map() };
      jobs.set(j.id, j);
      return { jobId: j.id, status: 'PENDING', uploads: [] };
    },
    job: async (id) => view(job(id)),
    registerFiles: async (id, files) => {
      calls.push(['register', files.length]);
      const j = job(id);
      if (files.length > 1000) throw Object.assign(new Error('at most 1000'), { status: 400 });
      for (const f of files) if (!j.files.has(f.name)) j.files.set(f.name, { uploaded: false });
      return { uploads: files.map((f) => ({ name: f.name, url: `${id}/${f.name}`, method: 'PUT', headers: {} })), expiresAt: '2100-01-01T00:00:00Z' };
    },
    files: async (id, { cursor }) => {
      calls.push(['files', cursor ?? null]);
      const all = [...job(id).files].map(([name, f]) => ({ name, uploaded: f.uploaded }));
      const from = cursor ? Number(cursor) : 0;
      return { files: all.slice(from, from + 1000), nextCursor: from + 1000 < all.length ? String(from + 1000) : undefined, registered: all.length };
    },
    start: async (id) => {
      const j = job(id);
      j.status = 'QUEUED';
      return view(j);
    },
  };
  /** The PUT to a target; `fail(name)` decides whether this one breaks off. */
  const sent = [];
  const send = (fail = () => false) => async (item) => {
    const [id, ...rest] = item.target.url.split('/');
    if (fail(item.name)) throw Object.assign(new Error('the connection failed'), { transient: false });
    sent.push(item.name);
    job(id).files.get(rest.join('/')).uploaded = true;
  };
  return { api, jobs, calls, sent, send };
}

function memoryStorage() {
  const map = new Map();
  return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => map.set(k, v), removeItem: (k) => map.delete(k) };
}

const photos = (n) => Array.from({ length: n }, (_, i) => ({ name: `IMG_${String(i).padStart(5, '0')}.JPG`, size: 10, webkitRelativePath: `season/IMG_${String(i).padStart(5, '0')}.JPG` }));

async function settle(session) {
  while (session.queue.summary().queued + session.queue.summary().uploading + session.queue.summary().retrying > 0) {
    await new Promise((r) => setImmediate(r));
  }
}

describe('upload session', () => {
  it('creates the job without files, registers 2,500 files in pages of 1,000 and sends them', async () => {
    const gw = fakeGateway();
    const note = uploadNote(memoryStorage());
    const session = new UploadSession({ api: gw.api, note, send: gw.send() });
    session.limits = LIMITS;
    session.choose(photos(2500));
    await session.upload({ name: 'May', shardSize: 500 });
    assert.deepEqual(gw.calls[0], ['create', { name: 'May', shardSize: 500 }]);
    assert.equal(note.get().jobId, session.job.id, 'the job is noted for a resume');
    await settle(session);
    assert.deepEqual(gw.calls.filter((c) => c[0] === 'register').map((c) => c[1]), [1000, 1000, 500]);
    assert.equal(gw.sent.length, 2500);
    assert.equal(session.startable, true);
    await session.start();
    assert.equal(note.get(), null, 'a started job needs no resume');
  });

  it('resumes an interrupted upload: reads what the job has and sends only what it lacks', async () => {
    const gw = fakeGateway();
    const storage = memoryStorage();
    // The first page: 1,200 files chosen, the upload cut off after the first 700 (as a reload does).
    const first = new UploadSession({ api: gw.api, note: uploadNote(storage), send: gw.send((name) => name >= 'season/IMG_00700') });
    first.limits = LIMITS;
    first.choose(photos(1200));
    await first.upload({ name: 'May' });
    await settle(first);
    const jobId = first.job.id;
    assert.equal([...gw.jobs.get(jobId).files.values()].filter((f) => f.uploaded).length, 700);

    // The page after the reload finds the note, and the same folder is picked again.
    const note = uploadNote(storage);
    assert.equal(note.get().jobId, jobId);
    gw.sent.length = 0;
    const second = new UploadSession({ api: gw.api, note, send: gw.send() });
    second.limits = LIMITS;
    await second.openResume(jobId);
    assert.equal(second.resume.files.size, 1200);
    second.choose(photos(1200));
    assert.deepEqual([second.plan.uploaded, second.plan.toSend.length], [700, 500]);
    await second.upload();
    await settle(second);
    assert.equal(gw.sent.length, 500);
    assert.equal(gw.sent[0], 'season/IMG_00700.JPG');
    assert.equal(gw.calls.filter((c) => c[0] === 'create').length, 1, 'no second job');
    assert.equal(second.startable, true);
  });

  it('refuses to resume a job that was started meanwhile, and forgets its note', async () => {
    const gw = fakeGateway();
    const note = uploadNote(memoryStorage());
    const { jobId } = await gw.api.createJob({ name: 'x' });
    note.set(jobId, 'x');
    await gw.api.start(jobId);
    const session = new UploadSession({ api: gw.api, note, send: gw.send() });
    await assert.rejects(session.openResume(jobId), /queued: it takes no more uploads/);
    assert.equal(note.get(), null);
  });
});
