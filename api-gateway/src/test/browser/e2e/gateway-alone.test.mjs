// The web UI against the gateway jar alone (embedded profile, no dispatcher), one gateway for
// the file:
// - a season-sized upload: a folder of 1,100 generated images registered a page of 1,000 at a
//   time and uploaded with a dropped connection retried by itself, a reload in the middle and
//   the resume that sends only the missing files, and a choice of 50,000 files that the page
//   shows without a row each (nothing here needs a job to run);
// - the job page in states the real platform passes through too quickly to watch (a steady
//   stream of progress, shards part done) or only on faults (a failed job): a stand-in writes
//   what the dispatcher and a worker write, through the same storage.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { apiClient } from '../support/api.mjs';
import { launchBrowser, newPage, PAGE_TIMEOUT_MS as TIMEOUT } from '../support/browser.mjs';
import { completeWithStandIn, failWithStandIn, processWithStandIn, startGateway } from '../support/gateway.mjs';
import { writeImage } from '../support/images.mjs';
import { ensureDir, outputDir, samplesDir, screenshotDir } from '../support/paths.mjs';

const TENANT = 'local'; // embedded mode's tenant for requests without a key
const samples = readdirSync(samplesDir).filter((f) => f.endsWith('.jpg')).sort();

const COUNT = 1100; // two registration pages: 1,000 and 100
const HELD_AFTER = 1010; // uploads past this many wait, so that the reload finds the job part done
const MISSING = COUNT - HELD_AFTER;
const fmt = (n) => n.toLocaleString('en');
const folder = path.join(ensureDir(path.join(outputDir, 'pick')), 'season');
const cams = ['cam1', 'cam2', 'cam3'];
/** The images' names in the job, in the order the page sends them (path order). */
const names = Array.from({ length: COUNT }, (_, i) => `season/${cams[i % 3]}/IMG_${String(i).padStart(4, '0')}.png`).sort();
const flaky = names[7];

let gateway;
let browser;
let api;
const errors = [];

before(async () => {
  gateway = await startGateway();
  api = apiClient(gateway.url);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await gateway?.stop();
  assert.deepEqual(errors, [], 'the pages logged errors');
});

async function shot(name, page) {
  await page.screenshot({ path: path.join(ensureDir(screenshotDir), `${name}.png`), fullPage: true });
}

/**
 * Records in the page what it sends: window.registrations (the file count of each POST
 * /files), window.uploads (each upload sent) and window.attempts (per file). In the page, not
 * with Playwright's request events, which cost more than the uploads themselves here (1,000
 * uploads took 51 s with a listener, 22 s without). Optionally the first attempt of one file
 * fails as a dropped connection does, and uploads of the held files are never sent.
 */
function instrument(target, { flaky: flakyName = null, held = [] } = {}) {
  return target.evaluate(({ flakyName, held }) => {
    const holding = new Set(held);
    window.registrations = [];
    window.uploads = [];
    window.attempts = {};
    const { fetch } = window;
    window.fetch = (url, options = {}) => {
      if (options.method === 'POST' && /\/files$/.test(String(url))) window.registrations.push(JSON.parse(options.body).files.length);
      return fetch(url, options);
    };
    const { open, send } = XMLHttpRequest.prototype;
    XMLHttpRequest.prototype.open = function (method, url, ...rest) {
      this.testName = decodeURIComponent(new URL(url, location.href).pathname.replace(/^.*?\/files\//, ''));
      return open.call(this, method, url, ...rest);
    };
    XMLHttpRequest.prototype.send = function (body) {
      window.attempts[this.testName] = (window.attempts[this.testName] ?? 0) + 1;
      if (this.testName === flakyName && window.attempts[this.testName] === 1) {
        setTimeout(() => this.dispatchEvent(new ProgressEvent('error')), 50);
        return undefined;
      }
      if (holding.has(this.testName)) return undefined; // never sent: in flight until the reload
      window.uploads.push(this.testName);
      return send.call(this, body);
    };
  }, { flakyName, held });
}

const recorded = (target) => target.evaluate(() => ({ registrations: window.registrations, uploads: window.uploads, attempts: window.attempts }));

describe('a season-sized upload', { timeout: 10 * TIMEOUT }, () => {
  let page;
  let jobId;

  before(async () => {
    rmSync(folder, { recursive: true, force: true });
    for (const cam of cams) mkdirSync(path.join(folder, cam), { recursive: true });
    names.forEach((name, i) => writeImage(path.join(outputDir, 'pick', name), i));
    writeFileSync(path.join(folder, '.DS_Store'), 'clutter');
    writeFileSync(path.join(folder, 'cam1', 'notes.txt'), 'battery changed on the 3rd');
    page = await newPage(browser.context, errors);
  });

  let step = 0;
  afterEach(async () => {
    await page?.screenshot({ path: path.join(ensureDir(path.join(outputDir, 'after-each')), `season-${++step}.png`), fullPage: true });
  });

  after(async () => {
    await page?.close();
  });

  it('a choice of 50,000 images shows totals and a capped list, not a row each', async () => {
    await page.goto(`${gateway.url}/`);
    await page.getByText('Choose up to 100,000 camera-trap images').waitFor();
    // Dropped on the page (the test cannot drag 50,000 files from a desktop) as what the page
    // reads of a file: its name, folder path and size. The browser's own File objects cost it
    // 0.2 ms each here, 10 s for 50,000 however they are made (DataTransfer.items.add walks its
    // list at each add: 50 s; a folder picked with setInputFiles: 51 s): the browser's cost for
    // any such folder, not the page's, which is what this test measures.
    const took = await page.locator('#dropzone').evaluate(async (zone) => {
      const files = Array.from({ length: 50_000 }, (_, i) =>
        ({ name: `IMG_${String(i).padStart(5, '0')}.JPG`, webkitRelativePath: `season/cam${i % 50}/IMG_${String(i).padStart(5, '0')}.JPG`, size: 4, type: 'image/jpeg' }));
      const drop = new Event('drop', { bubbles: true, cancelable: true });
      Object.defineProperty(drop, 'dataTransfer', { value: { items: [], files } });
      const started = performance.now();
      zone.dispatchEvent(drop);
      await new Promise((resolve) => {
        const check = () => (document.querySelector('.chosen-summary').textContent.startsWith('50,000') ? resolve() : requestAnimationFrame(check));
        check();
      });
      return performance.now() - started;
    });
    await assertText(page.locator('.chosen-summary'), /^50,000 images chosen \(195 KB\)\.$/);
    assert.equal(await page.locator('.file-list li').count(), 100);
    await assertText(page.locator('.new-job .more').first(), /^… and 49,900 more \(the list shows the first 100\)\.$/);
    assert.ok(await page.evaluate(() => document.querySelectorAll('*').length) < 1500, 'the page stays small');
    assert.equal(await page.getByRole('button', { name: 'Upload 50,000 images' }).count(), 1);
    assert.ok(took < 10_000, `the choice took ${Math.round(took)} ms to show`);
    await page.getByRole('button', { name: 'Clear the list' }).click();
    await assertText(page.locator('.chosen-summary'), /^No images chosen yet\.$/);
  });

  it('uploads a folder of 1,100 images, registered a page of 1,000 at a time; a dropped connection is retried by itself', async () => {
    // The first attempt of one file fails as a dropped connection does, and uploads past the
    // first 1,010 wait, so that the page is reloaded in the middle.
    await instrument(page, { flaky, held: names.slice(HELD_AFTER) });
    await page.locator('#pick-folder').setInputFiles(folder);
    await assertText(page.locator('.chosen-summary'), new RegExp(`^${fmt(COUNT)} images chosen \\(.+\\)\\. 1 hidden or system file left out\\.$`));
    await assertText(page.locator('.refusals'), /^1 file was not added: ?season\/cam1\/notes\.txt: not named as an image/);
    await page.getByLabel('Job name').fill('Season 2025, three cameras');
    await page.getByRole('button', { name: `Upload ${fmt(COUNT)} images` }).click();

    // About 20 ms an upload on two idle cores (the gateway's share), minutes on busy ones.
    await assertText(page.locator('#overall-text'), new RegExp(`^${fmt(HELD_AFTER)} of ${fmt(COUNT)} images uploaded`), 5 * TIMEOUT);
    jobId = (await page.locator('.job-note code').textContent()).trim();
    const inFlight = page.locator('#in-flight li.upload');
    await inFlight.nth(3).waitFor();
    assert.deepEqual(await inFlight.evaluateAll((rows) => rows.map((r) => r.dataset.state)), ['uploading', 'uploading', 'uploading', 'uploading']);
    assert.equal(await page.locator('#failed-uploads li').count(), 0, 'nothing failed');
    assert.equal(await page.getByRole('button', { name: 'Start detection' }).isDisabled(), true);
    await shot('new-job-uploading', page);

    const seen = await recorded(page);
    assert.deepEqual(seen.registrations, [1000, COUNT - 1000], 'registered a page at a time, just before the files went');
    assert.equal(seen.attempts[flaky], 2, 'the dropped upload was sent again');
    const files = await api.files(jobId);
    assert.equal(files.size, COUNT);
    assert.equal(files.get(flaky), true);
    assert.equal([...files.values()].filter(Boolean).length, HELD_AFTER);
    assert.deepEqual(await api.file(jobId, flaky), readFileSync(path.join(outputDir, 'pick', flaky)));
    assert.equal((await api.job(jobId)).status, 'PENDING');

    // A look at the jobs list does not stop the upload: New job shows it again.
    await page.getByRole('link', { name: 'Jobs', exact: true }).click();
    await page.locator(`tr[data-job-id="${jobId}"]`).waitFor();
    await page.getByRole('link', { name: 'New job', exact: true }).first().click();
    await assertText(page.locator('#overall-text'), new RegExp(`^${fmt(HELD_AFTER)} of ${fmt(COUNT)} images uploaded`));
    await page.locator('#in-flight li.upload').nth(3).waitFor();
  });

  it('after a reload in the middle, the job is resumed from its page: only the missing files are sent', async () => {
    // The page asks before it is left during an upload; the test says yes.
    page.once('dialog', (dialog) => dialog.accept());
    await page.reload();
    const offer = page.locator('.resume-offer');
    await assertText(offer, new RegExp(`^An upload did not finish: job Season 2025, three cameras \\(${jobId}\\) is waiting with ${fmt(COUNT)} files registered\\.`));
    const uploadedBefore = new Set([...(await api.files(jobId))].filter(([, uploaded]) => uploaded).map(([name]) => name));

    // From the job's own page: Resume upload.
    await offer.getByRole('link', { name: 'Season 2025, three cameras' }).click();
    await page.waitForURL(`**/#/jobs/${jobId}`);
    await page.locator('.status-slot .badge', { hasText: 'Pending' }).waitFor();
    await page.getByRole('link', { name: 'Resume upload' }).click();
    await page.waitForURL((url) => url.hash === `#/new?resume=${jobId}`);
    await assertText(page.locator('.resuming'), new RegExp(`The job has ${fmt(COUNT)} files registered, ${fmt(HELD_AFTER)} of them uploaded\\.`));
    assert.equal(await page.getByLabel('Job name').inputValue(), 'Season 2025, three cameras');

    await instrument(page);
    await page.locator('#pick-folder').setInputFiles(folder);
    await assertText(page.locator('.chosen-summary'), new RegExp(`^${fmt(COUNT)} images chosen \\(.+\\): ${fmt(HELD_AFTER)} already uploaded, ${MISSING} to send\\.`));
    await shot('new-job-resume', page);
    await page.getByRole('button', { name: `Upload ${MISSING} missing images` }).click();
    await assertText(page.locator('#overall-text'), new RegExp(`^${MISSING} of ${MISSING} images uploaded`), 3 * TIMEOUT);
    const start = page.getByRole('button', { name: 'Start detection' });
    await page.locator('.actions button.primary:not([disabled])', { hasText: 'Start detection' }).waitFor();

    const seen = await recorded(page);
    assert.deepEqual(seen.registrations, [MISSING]);
    assert.deepEqual([...seen.uploads].sort(), names.filter((n) => !uploadedBefore.has(n)));
    assert.equal(seen.uploads.length, MISSING, 'each missing file once');
    const files = await api.files(jobId);
    assert.equal([...files.values()].filter(Boolean).length, COUNT);

    await start.click();
    await page.waitForURL(`**/#/jobs/${jobId}`);
    await page.locator('.status-slot .badge', { hasText: 'Queued' }).waitFor();
    assert.equal((await api.job(jobId)).imageCount, COUNT);
    assert.equal(await page.evaluate(() => localStorage.getItem('biotrack.upload')), null, 'the note goes once the job started');
  });
});

/** A started job of these sample photos, uploaded through its signed URLs. */
async function startedJob(name, files, extra = {}) {
  const job = await api.createJob(name, files, extra);
  for (const upload of job.uploads) await api.upload(upload, path.join(samplesDir, upload.name));
  await api.start(job.jobId);
  return job.jobId;
}

describe('job page states', { timeout: 6 * TIMEOUT }, () => {
  it('shows live progress with shards, speed and time left while processing, and cancels on request', async () => {
    const page = await newPage(browser.context, errors);
    const id = await startedJob('Serra da Canastra, May', samples, { shardSize: 2 });
    // The stand-in writes progress as a worker does, not the shard counts that the dispatcher
    // keeps: the job's answer gets those of a dispatcher part-way through 6 shards (2 done, 2
    // running, 1 retrying after a failed attempt, 1 waiting); the rest is the gateway's.
    await page.route(`${gateway.url}/api/v1/jobs/${id}`, async (route) => {
      const response = await route.fetch();
      const job = await response.json();
      if (job.status === 'PROCESSING') job.shards = { total: 6, running: 2, completed: 2, failed: 1 };
      await route.fulfill({ response, json: job });
    });
    await page.goto(`${gateway.url}/#/jobs/${id}`);
    await page.locator('.status-slot .badge', { hasText: 'Queued' }).waitFor();

    const worker = processWithStandIn(gateway, TENANT, id, 700);
    await page.locator('.status-slot .badge', { hasText: 'Processing' }).waitFor();
    const progress = page.locator('#progress-text');
    await progress.filter({ hasText: /images\/s · about .+ left$/ }).waitFor();
    assert.match(await progress.textContent(), /^\d+ of 12 images processed \(\d+%\) · [\d.]+ images\/s · about (\d+ min )?\d+ s left$/);
    assert.ok(await page.locator('#job-progress').evaluate((bar) => bar.value > 0 && bar.max === 12));
    assert.match(await page.locator('#elapsed').textContent(), /^(\d+ min )?\d+ s$/);
    await assertText(page.locator('#shards-text'), /^2 of 6 done, 2 running, 1 retrying, 1 waiting$/);
    await progress.filter({ hasText: /^([4-9]|1[01]) of 12/ }).waitFor(); // as far as the shards say
    assert.deepEqual(await page.locator('#shard-progress').evaluate((bar) => [bar.value, bar.max]), [2, 6]);
    await assertText(page.locator('.fact', { hasText: 'Photos per shard' }).locator('dd'), /^2$/);
    await shot('job-processing', page);

    await page.getByRole('button', { name: 'Cancel job' }).click();
    await page.getByRole('button', { name: 'Keep it' }).click();
    assert.equal((await api.job(id)).status, 'PROCESSING', '"Keep it" keeps it');
    await page.getByRole('button', { name: 'Cancel job' }).click();
    await page.getByRole('button', { name: 'Yes, cancel the job' }).click();
    await page.locator('.status-slot .badge', { hasText: 'Cancelled' }).waitFor();
    assert.equal((await page.locator('.job-message').textContent()).trim(), 'This job was cancelled. cancelled by the user');
    assert.equal(await page.getByRole('button', { name: 'Cancel job' }).count(), 0);
    await worker; // the stand-in, like a worker, stops once the job is no longer PROCESSING
    assert.equal((await api.job(id)).status, 'CANCELLED');
    assert.equal(await page.locator('.shards').isHidden(), true, 'a job without shard counts shows none');
    await page.close();
  });

  it('says clearly that a job failed, and why', async () => {
    const page = await newPage(browser.context, errors);
    const id = await startedJob('To fail', [samples[1]]);
    await failWithStandIn(gateway, TENANT, id, 'the worker failed 5 times; the last exit code was 1');
    await page.goto(`${gateway.url}/#/jobs/${id}`);
    await page.locator('.status-slot .badge', { hasText: 'Failed' }).waitFor();
    assert.equal((await page.locator('.job-message').textContent()).trim(),
      'This job failed. the worker failed 5 times; the last exit code was 1');
    assert.equal(await page.getByRole('button', { name: 'Cancel job' }).count(), 0);
    await page.close();
  });
});

describe('species', { timeout: 6 * TIMEOUT }, () => {
  it('the create form asks for classification, the job page counts by species, the viewer labels boxes and filters by species', async () => {
    const page = await newPage(browser.context, errors);
    // The form's options reach the API as the job's options (the server checks the codes).
    await page.goto(`${gateway.url}/`);
    await page.locator('details.options summary').click();
    assert.equal(await page.locator('#region-fields').isHidden(), true, 'country and state only with classification');
    await page.locator('#classify').check();
    await page.locator('#country').fill('usa');
    await page.locator('#admin1').fill('ca');
    const created = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/api/v1/jobs'));
    await page.locator('#pick-files').setInputFiles([path.join(samplesDir, samples[0])]);
    await page.getByRole('button', { name: 'Upload' }).click();
    assert.deepEqual((await created).postDataJSON().options, { classify: true, country: 'USA', admin1: 'CA' });
    await page.locator('button.primary:not([hidden]):not([disabled])', { hasText: 'Start detection' }).waitFor();
    await page.close();

    const fox = 'u-fox;mammalia;carnivora;canidae;vulpes;vulpes;red fox';
    const deer = 'u-deer;mammalia;cetartiodactyla;cervidae;odocoileus;virginianus;white-tailed deer';
    const [a, b, c] = samples;
    const box = [0.1, 0.1, 0.4, 0.4];
    const id = await startedJob('Classified', [a, b, c]);
    await completeWithStandIn(gateway, TENANT, id, {
      images: [
        { file: a, detections: [{ category: '1', conf: 0.9, bbox: box, classifications: [['4', 0.88], ['9', 0.05]] }],
          prediction: '4', prediction_score: 0.88, prediction_source: 'classifier' },
        { file: b, detections: [{ category: '1', conf: 0.8, bbox: box, classifications: [['9', 0.7]] }],
          prediction: '9', prediction_score: 0.7, prediction_source: 'classifier' },
        { file: c, detections: [] },
      ],
      detection_categories: { 1: 'animal', 2: 'person', 3: 'vehicle' },
      classification_categories: { 4: 'red fox', 9: 'white-tailed deer' },
      classification_category_descriptions: { 4: fox, 9: deer },
      info: { format_version: '1.6', detector: 'md_v5a.0.0.pt', detection_completion_time: '2026-01-01 00:00:00' },
    });

    const job = await newPage(browser.context, errors);
    await job.goto(`${gateway.url}/#/jobs/${id}`);
    const species = job.locator('#species-counts');
    await species.locator('tbody tr').first().waitFor();
    assert.deepEqual(await species.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.innerText.replace(/\s+/g, ' ').trim())),
      ['red fox 1', 'white-tailed deer 1']);
    await shot('job-species', job);
    await job.close();

    const viewer = await newPage(browser.context, errors);
    await viewer.goto(`${gateway.url}/#/jobs/${id}/results`);
    await viewer.locator('.grid li.tile[data-loaded="true"]').first().waitFor();
    await viewer.locator(`.grid li.tile[data-file="${a}"] g.det[data-species="red fox"]`).waitFor({ state: 'attached' });
    await assertText(viewer.locator(`.grid li.tile[data-file="${a}"] .found`), /^1 animal \(0\.90\) · red fox 0\.88$/);
    assert.deepEqual(await viewer.locator('#species-filter option').allTextContents(), ['All species', 'red fox', 'white-tailed deer']);
    await viewer.locator('#species-filter').selectOption('white-tailed deer');
    const shown = () => viewer.locator('.grid li.tile:not([hidden])').evaluateAll((tiles) => tiles.map((t) => t.dataset.file));
    assert.deepEqual(await shown(), [b]);
    await viewer.locator(`.grid li.tile[data-file="${b}"] .tile-button`).click();
    await assertText(viewer.locator('dialog.lightbox .detections'), /Species of the photo: white-tailed deer \(0\.70\).*white-tailed deer 0\.70/);
    await viewer.keyboard.press('Escape');
    await viewer.locator('#species-filter').selectOption('');
    assert.deepEqual(await shown(), [a, b, c]);
    await shot('viewer-species', viewer);
    await viewer.close();
  });
});

describe('repeated detections', { timeout: 6 * TIMEOUT }, () => {
  it('the viewer lists a box repeated across a folder; confirming it strikes its boxes through and the CSV loses its rows', async () => {
    // 21 photos of one camera with a "rock" at one place in each, and an animal in every third.
    const names = Array.from({ length: 21 }, (_, i) => `cam1/IMG_${String(i).padStart(2, '0')}.jpg`);
    const job = await api.createJob('Rock at cam1', names);
    for (const upload of job.uploads) {
      await api.upload(upload, path.join(samplesDir, samples[names.indexOf(upload.name) % samples.length]));
    }
    await api.start(job.jobId);
    const id = job.jobId;
    const rock = [0.62, 0.7, 0.12, 0.1];
    await completeWithStandIn(gateway, TENANT, id, {
      images: names.map((file, i) => ({
        file,
        detections: [
          { category: '1', conf: 0.3 + i * 0.01, bbox: rock },
          ...(i % 3 === 0 ? [{ category: '1', conf: 0.9, bbox: [0.04 * i, 0.1, 0.15, 0.2] }] : []),
        ],
      })),
      detection_categories: { 1: 'animal', 2: 'person', 3: 'vehicle' },
      info: { format_version: '1.6', detector: 'md_v5a.0.0.pt', detection_completion_time: '2026-01-01 00:00:00' },
    });

    const viewer = await newPage(browser.context, errors);
    await viewer.goto(`${gateway.url}/#/jobs/${id}/results`);
    const group = viewer.locator('#repeats li.repeat-group');
    await group.waitFor();
    assert.equal(await group.count(), 1);
    await assertText(group.locator('.repeat-what'), /^Animal at the same place in 21 photos of cam1$/);
    await assertText(group.locator('.repeat-state'), /^Not decided yet: kept\.$/);
    await group.locator('svg.overlay g.det').waitFor({ state: 'attached' }); // the place over its first photo
    const first = viewer.locator(`.grid li.tile[data-file="${names[0]}"]`);
    await first.and(viewer.locator('[data-loaded="true"]')).waitFor();
    assert.equal(await first.locator('g.det').count(), 2);
    assert.equal(await viewer.locator('.grid g.det.set-aside').count(), 0);
    const rows = async () => {
      const [file] = await Promise.all([viewer.waitForEvent('download'), viewer.locator('.downloads').getByRole('button', { name: 'Download CSV' }).click()]);
      return readFileSync(await file.path(), 'utf8').trim().split('\r\n').slice(1);
    };
    const rockRow = /,animal,[0-9.]+,0\.62,0\.7,0\.12,0\.1,/;
    const before = await rows();
    assert.equal(before.length, 21 + 7);
    assert.equal(before.filter((r) => rockRow.test(r)).length, 21);

    await group.getByRole('button', { name: 'Confirm: leave out' }).click();
    await assertText(group.locator('.repeat-state'), /^Confirmed: left out of the downloads and the counts\.$/);
    // The rock's box is struck through in the grid; the animal's is not.
    await first.locator('g.det.set-aside').waitFor({ state: 'attached' });
    assert.equal(await first.locator('g.det.set-aside').count(), 1);
    assert.equal(await first.locator('g.det:not(.set-aside)').count(), 1);
    await shot('viewer-repeats', viewer);

    const after = await rows();
    assert.equal(after.filter((r) => rockRow.test(r)).length, 0);
    assert.equal(after.filter((r) => r.includes(',animal,0.9,')).length, 7, 'the animals stay');
    assert.equal(after.length, 21, 'the 14 photos with the rock only are rows without a detection');

    // Kept after all: the rows come back.
    await group.getByRole('button', { name: 'Keep' }).click();
    await assertText(group.locator('.repeat-state'), /^Kept\.$/);
    assert.equal(await viewer.locator('.grid g.det.set-aside').count(), 0);
    assert.equal((await rows()).length, 21 + 7);
    await viewer.close();
  });
});

async function assertText(locator, pattern, timeout = TIMEOUT) {
  const deadline = Date.now() + timeout;
  let text;
  for (;;) {
    text = (await locator.textContent({ timeout: TIMEOUT }))?.replace(/\s+/g, ' ').trim();
    if (pattern.test(text)) return;
    if (Date.now() > deadline) assert.match(text, pattern);
    await new Promise((r) => setTimeout(r, 100));
  }
}
