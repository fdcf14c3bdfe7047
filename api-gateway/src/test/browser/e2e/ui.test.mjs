// The web UI in Debian's Chromium on the embedded platform started as a user starts it
// (`./biotrack up`: gateway, local dispatcher, worker processes running the committed test model):
// a field ecologist's whole flow, from choosing a folder of photos to the CSV, and the edges
// around it.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { apiClient } from '../support/api.mjs';
import { launchBrowser, newPage, PAGE_TIMEOUT_MS as TIMEOUT } from '../support/browser.mjs';
import { startPlatform } from '../support/gateway.mjs';
import { ensureDir, outputDir, samplesDir, screenshotDir } from '../support/paths.mjs';

const MAX_FILES = 12; // the gateway's limit in this test: exactly the sample set
const THRESHOLD = 0.2; // the viewer's and the summary's default
const JOB_TIMEOUT = 6 * 60_000; // 12 photos through the test model on a busy machine
const SHARD_SIZE = 6; // 12 photos in 2 shards, one on each of the platform's 2 workers

const samples = readdirSync(samplesDir).filter((f) => f.endsWith('.jpg')).sort();
const folder = path.join(ensureDir(path.join(outputDir, 'pick')), 'camera-traps');

let gateway;
let browser;
let page;
let api;
let jobId;
let results;
const errors = [];

async function shot(name, target = page) {
  await target.screenshot({ path: path.join(ensureDir(screenshotDir), `${name}.png`), fullPage: true });
}

/** Boxes drawn and shown in the viewer's grid. */
const shownBoxes = () => page.locator('.grid li.tile:not([hidden]) g.det:not([hidden])');

describe('web UI on the embedded platform', { timeout: 20 * TIMEOUT }, () => {
  before(async () => {
    assert.equal(samples.length, 12, `expected the 12 sample photos in ${samplesDir}`);
    rmSync(folder, { recursive: true, force: true });
    ensureDir(folder);
    for (const f of [...samples, 'NOTICE']) copyFileSync(path.join(samplesDir, f), path.join(folder, f));
    writeFileSync(path.join(folder, '.DS_Store'), 'desktop clutter');
    gateway = await startPlatform({ BIOTRACK_MAX_FILES: String(MAX_FILES), BIOTRACK_MAX_FILE_SIZE: '1MB' });
    api = apiClient(gateway.url);
    browser = await launchBrowser({ downloadsPath: ensureDir(path.join(outputDir, 'downloads')) });
    page = await newPage(browser.context, errors);
  });

  // The page as each test left it, for a look when one fails.
  let step = 0;
  afterEach(async () => {
    await page?.screenshot({ path: path.join(ensureDir(path.join(outputDir, 'after-each')), `${++step}.png`), fullPage: true });
  });

  after(async () => {
    await browser?.close();
    await gateway?.stop();
    assert.deepEqual(errors, [], 'the pages logged errors');
  });

  it('new job: a chosen folder keeps its paths; non-images, oversize files and files over the limit are refused with reasons', async () => {
    await page.goto(`${gateway.url}/`);
    await page.getByText(`Choose up to ${MAX_FILES} camera-trap images`).waitFor();
    await page.locator('#pick-folder').setInputFiles(folder);
    await assertText(page.locator('.chosen-summary'), /^12 images chosen \(.+\)\. 1 hidden or system file left out\.$/);
    await assertText(page.locator('.refusals'),
      /camera-traps\/NOTICE: not named as an image: Biotrack reads files ending in \.jpg, \.jpeg, \.png, \.tif, \.tiff or \.bmp \(any case\)/);
    const names = await page.locator('.file-list .file-name').allTextContents();
    assert.deepEqual(names, samples.map((f) => `camera-traps/${f}`));

    const big = Buffer.alloc(1536 * 1024, 0);
    big.set([0xff, 0xd8, 0xff], 0);
    await page.locator('#pick-files').setInputFiles([
      { name: 'big.jpg', mimeType: 'image/jpeg', buffer: big },
      { name: 'one-more.png', mimeType: 'image/png', buffer: readFileSync(path.join(samplesDir, samples[0])) },
      { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('field notes') },
    ]);
    const refusals = page.locator('.refusals');
    await assertText(refusals, /3 files were not added/);
    await assertText(refusals, /big\.jpg: 1\.5 MB is over the limit of 1 MB per image/);
    await assertText(refusals, /one-more\.png: over the limit of 12 images per job/);
    await assertText(refusals, /notes\.txt: not named as an image/);
    await assertText(page.locator('.chosen-summary'), /^12 images chosen/);

    // Dropping works the same way (a drop built in the page: the test cannot drag from a desktop).
    const jpeg = [...readFileSync(path.join(samplesDir, samples[0]))];
    await page.locator('#dropzone').evaluate((zone, bytes) => {
      const drop = new DataTransfer();
      drop.items.add(new File([new Uint8Array(bytes)], 'dropped.jpg', { type: 'image/jpeg' }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: drop, bubbles: true, cancelable: true }));
    }, jpeg);
    await assertText(refusals, /^1 file was not added: ?dropped\.jpg: over the limit of 12 images per job$/);
  });

  it('uploads in parallel with overall progress, retries a dropped connection by itself, and starts once all are in', async () => {
    const flaky = `camera-traps/${samples[2]}`;
    const lost = `camera-traps/${samples[5]}`;
    const registrations = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/files')) registrations.push(r.postDataJSON().files.map((f) => f.name));
    });
    // In the page rather than by Playwright's request interception, which would route every
    // upload through the test process: the first upload of one file fails as a dropped
    // connection does (an XHR error event: retried by itself), and the first of another is
    // answered 404 as for a file the job does not have (not retried: it waits for the user).
    await page.evaluate(({ flakyName, lostName }) => {
      const { open, send } = XMLHttpRequest.prototype;
      window.attempts = {};
      XMLHttpRequest.prototype.open = function (method, url, ...rest) {
        this.testName = decodeURIComponent(new URL(url, location.href).pathname.replace(/^.*?\/files\//, ''));
        return open.call(this, method, url, ...rest);
      };
      XMLHttpRequest.prototype.send = function (body) {
        const attempt = window.attempts[this.testName] = (window.attempts[this.testName] ?? 0) + 1;
        if (this.testName === flakyName && attempt === 1) {
          setTimeout(() => this.dispatchEvent(new ProgressEvent('error')), 50);
          return undefined;
        }
        if (this.testName === lostName && attempt === 1) {
          Object.defineProperty(this, 'status', { value: 404 });
          Object.defineProperty(this, 'responseText', { value: JSON.stringify({ status: 404, detail: `the job has no file '${lostName}': register it first` }) });
          setTimeout(() => this.dispatchEvent(new ProgressEvent('load')), 50);
          return undefined;
        }
        return send.call(this, body);
      };
    }, { flakyName: flaky, lostName: lost });
    await page.getByLabel('Job name').fill('Serra da Canastra, test');
    await page.getByText('Options').click();
    await page.getByLabel('Photos per shard').fill(String(SHARD_SIZE));
    await page.getByRole('button', { name: 'Upload 12 images' }).click();

    const failedRow = page.locator(`#failed-uploads li.upload[data-name="${lost}"]`);
    await failedRow.and(page.locator('[data-state="failed"]')).waitFor();
    await assertText(failedRow, /Failed: the job has no file '.+': register it first/);
    // Generous: an upload that hangs is given up after 30 s without progress, and retried.
    await assertText(page.locator('#overall-text'), /^11 of 12 images uploaded .*; 1 failed\.$/, 3 * TIMEOUT);
    assert.equal(await page.evaluate((name) => window.attempts[name], flaky), 2, 'the dropped upload went again by itself');
    assert.equal(await page.evaluate((name) => window.attempts[name], lost), 1, 'a 404 is not retried by itself');
    const start = page.getByRole('button', { name: 'Start detection' });
    assert.equal(await start.isDisabled(), true, 'Start waits for every upload');
    jobId = (await page.locator('.job-note code').textContent()).trim();

    await failedRow.getByRole('button', { name: 'Retry' }).click();
    await assertText(page.locator('#overall-text'), /^12 of 12 images uploaded/);
    assert.deepEqual(registrations, [samples.map((f) => `camera-traps/${f}`), [lost]], 'a retry by hand registers the file again');
    assert.equal(await page.locator('#overall-progress').evaluate((p) => p.value === p.max), true);
    assert.equal(await page.locator('#failed-uploads li').count(), 0);
    await page.locator('.actions button.primary:not([disabled])', { hasText: 'Start detection' }).waitFor();
    await shot('new-job');

    // The gateway holds exactly the bytes that were chosen.
    assert.deepEqual(await api.file(jobId, flaky), readFileSync(path.join(samplesDir, samples[2])));
    const job = await api.job(jobId);
    assert.deepEqual([job.status, job.options.shardSize], ['PENDING', SHARD_SIZE]);

    await start.click();
    await page.waitForURL(`**/#/jobs/${jobId}`);
    await assertText(page.locator('.status-slot .badge'), /^(Queued|Launching|Processing|Completed)$/);
    await assertText(page.locator('h1'), /Job: Serra da Canastra, test/);
  });

  it('job page: follows the job to COMPLETED, says the test model is not real detections, then sums up and downloads', async () => {
    // The worker writes progress every second; the page shows it as it polls.
    await page.locator('.status-slot .badge', { hasText: 'Completed' }).waitFor({ timeout: JOB_TIMEOUT });
    await assertText(page.locator('.job-warning'), /^Warning: TEST MODEL: results are NOT real detections/);
    await assertText(page.locator('#platform-warnings summary'), /^Warning: TEST MODEL: results are NOT real detections\.$/);
    results = await api.results(jobId);
    assert.equal(results.images.length, 12);
    const expected = expectedSummary(results, THRESHOLD);
    const summary = page.locator('.summary dl.counts');
    await summary.waitFor();
    const shown = await summary.evaluate((dl) =>
      Object.fromEntries([...dl.querySelectorAll('dt')].map((dt) => [dt.textContent, Number(dt.nextElementSibling.textContent)])));
    assert.deepEqual(shown, expected);
    await assertText(page.locator('#progress-text'), /^12 of 12 images processed \(100%\) · [\d.]+ images\/s$/);
    await assertText(page.locator('#shards-text'), /^2 of 2 done$/);
    assert.deepEqual(await page.locator('#shard-progress').evaluate((bar) => [bar.value, bar.max]), [2, 2]);
    await shot('job');

    // The charts: one bar per category and for empty and failed, one histogram per category.
    const bars = await page.locator('svg.chart.categories g.bar').evaluateAll((gs) =>
      Object.fromEntries(gs.map((g) => [g.dataset.key, Number(g.dataset.value)])));
    assert.deepEqual(bars, {
      animal: expected['With animals'], person: expected['With persons'], vehicle: expected['With vehicles'],
      empty: expected.Empty, failed: expected.Failed,
    });
    assert.equal(await page.locator('svg.chart.histogram').count(), 3);
    const animalBins = await page.locator('svg.chart.histogram[data-category="animal"] rect.bin').evaluateAll((rects) =>
      rects.map((r) => Number(r.dataset.count)));
    assert.equal(animalBins.length, 20);
    assert.equal(animalBins.reduce((a, b) => a + b, 0), highestPerPhoto(results, '1').length);

    const csv = await download('Download CSV');
    const lines = csv.trim().split('\r\n');
    assert.equal(lines[0], 'file,category,conf,x,y,w,h,failure,species,species_common_name,species_score');
    const rows = results.images.reduce((n, image) => n + Math.max(1, detectionsAtLeast({ images: [image] }, THRESHOLD).length), 0);
    assert.equal(lines.length - 1, rows);
    for (const image of results.images) assert.ok(csv.includes(image.file), `${image.file} in the CSV`);

    const json = JSON.parse(await download('Download results.json'));
    assert.deepEqual(json, results);
  });

  it('job page: the slider moves the counts, the charts and the downloads to its threshold', async () => {
    const raised = 0.5;
    const answered = page.waitForResponse((r) => new URL(r.url()).pathname.endsWith('/summary')
      && new URL(r.url()).searchParams.get('threshold') === String(raised));
    await page.locator('#summary-threshold').fill(String(raised));
    await answered;
    await page.locator(`.summary[data-state="ready"][data-threshold="${raised.toFixed(2)}"]`).waitFor();
    const expected = expectedSummary(results, raised);
    const shown = await page.locator('.summary dl.counts').evaluate((dl) =>
      Object.fromEntries([...dl.querySelectorAll('dt')].map((dt) => [dt.textContent, Number(dt.nextElementSibling.textContent)])));
    assert.deepEqual(shown, expected);
    const animalBar = await page.locator('svg.chart.categories g.bar[data-key="animal"]').getAttribute('data-value');
    assert.equal(Number(animalBar), expected['With animals']);

    const [csvFile] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    assert.match(csvFile.url(), /format=csv&threshold=0\.50$/);
    assert.equal(csvFile.suggestedFilename(), 'Serra da Canastra, test.csv');
    const csv = readFileSync(await csvFile.path(), 'utf8').trim().split('\r\n');
    const rows = results.images.reduce((n, image) => n + Math.max(1, detectionsAtLeast({ images: [image] }, raised).length), 0);
    assert.equal(csv.length - 1, rows);

    const imagesCsv = (await download('Download images CSV')).trim().split('\r\n');
    assert.equal(imagesCsv.length - 1, results.images.length);
    assert.match(imagesCsv[0], /^file,folder,animal_count,animal_max_conf,/);

    const [zipFile] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download photos by category (zip)' }).click()]);
    assert.match(zipFile.url(), /export\/folders\.zip\?threshold=0\.50$/);
    assert.equal(zipFile.suggestedFilename(), 'Serra da Canastra, test-folders.zip');
    const zip = readFileSync(await zipFile.path());
    for (const image of results.images) {
      const folder = zipFolder(image, raised);
      assert.ok(zip.includes(Buffer.from(`${folder}/${image.file}`)), `${folder}/${image.file} in the zip`);
    }
    await shot('job-summary-0.50');
    await page.locator('#summary-threshold').fill(String(THRESHOLD));
    await page.locator(`.summary[data-state="ready"][data-threshold="${THRESHOLD.toFixed(2)}"]`).waitFor();
  });

  it('viewer: boxes are drawn for detections above the threshold and disappear as the slider is raised', async () => {
    await page.getByRole('link', { name: 'Open the results viewer' }).click();
    await page.waitForURL(`**/#/jobs/${jobId}/results`);
    await page.locator('.grid li.tile').nth(11).waitFor();
    await allTilesLoaded();

    assert.equal(await page.locator('#threshold-value').textContent(), '0.20');
    assert.equal(await shownBoxes().count(), detectionsAtLeast(results, THRESHOLD).length);
    assert.ok(detectionsAtLeast(results, THRESHOLD).length > 0, 'the results have boxes to show');
    for (const conf of await shownBoxes().evaluateAll((gs) => gs.map((g) => Number(g.dataset.conf)))) {
      assert.ok(conf >= THRESHOLD);
    }
    await assertBoxGeometry();
    await assertText(page.locator('#counts-note'), /^Counts in the 12 images loaded\.$/);
    await shot('viewer');

    // Raise the threshold with the keyboard: End (1.00), then ten steps down to 0.90. The
    // boxes follow at once, and the images are asked of the server again with minConf.
    await page.locator('#threshold').focus();
    await refilter(() => page.keyboard.press('End'), { minConf: '1' });
    assert.equal(await shownBoxes().count(), detectionsAtLeast(results, 1).length);
    await refilter(async () => { for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowLeft'); }, { minConf: '0.9' });
    assert.equal(await page.locator('#threshold-value').textContent(), '0.90');
    const high = detectionsAtLeast(results, 0.9).length;
    assert.ok(high < detectionsAtLeast(results, THRESHOLD).length, 'raising the threshold hides boxes');
    assert.equal(await shownBoxes().count(), high);
    assert.equal(await page.locator('.grid li.tile').count(), 12, 'every image, with its detections of 0.90 or more');
    await assertText(page.locator('#viewer-status'), new RegExp(`and ${high} box(es)? at confidence 0\\.90 or more \\(all that match\\)\\.$`));
    // The viewer's CSV follows its slider too.
    const [csvAt90] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    assert.match(csvAt90.url(), /format=csv&threshold=0\.90$/);
    assert.equal(readFileSync(await csvAt90.path(), 'utf8').trim().split('\r\n').length - 1,
      results.images.reduce((n, image) => n + Math.max(1, detectionsAtLeast({ images: [image] }, 0.9).length), 0));
    await page.locator('#threshold').focus();

    // Back to 0.20 (Home, then twenty steps up) and filter by category: the server sends only
    // the images that match.
    await refilter(async () => {
      await page.keyboard.press('Home');
      for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowRight');
    }, { minConf: '0.2' });
    assert.equal(await shownBoxes().count(), detectionsAtLeast(results, THRESHOLD).length);
    await refilter(async () => {
      for (const key of ['animal', 'person', 'vehicle', 'failed']) await page.locator(`#show-${key}`).uncheck();
    }, { category: 'empty' });
    const empty = results.images.filter((i) => !i.failure && !i.detections.some((d) => d.conf >= THRESHOLD));
    assert.deepEqual(await page.locator('.grid li.tile').evaluateAll((li) => li.map((l) => l.dataset.file)), empty.map((i) => i.file));
    await page.locator('#show-empty').uncheck();
    await assertText(page.locator('#viewer-status'), /^Tick at least one kind of image to show\.$/);
    assert.equal(await page.locator('.grid li.tile').count(), 0);
    await refilter(() => page.locator('#show-animal').check(), { category: 'animal' });
    const animals = results.images.filter((i) => (i.detections ?? []).some((d) => d.category === '1' && d.conf >= THRESHOLD));
    assert.equal(await page.locator('.grid li.tile:not([hidden])').count(), animals.length);
    assert.equal(await shownBoxes().count(), animals.flatMap((i) => i.detections).filter((d) => d.category === '1' && d.conf >= THRESHOLD).length);
    await refilter(async () => {
      for (const key of ['person', 'vehicle', 'empty', 'failed']) await page.locator(`#show-${key}`).check();
    }, { category: null });
    assert.equal(await page.locator('.grid li.tile').count(), 12);
  });

  it('viewer: pages through the images with the filters as the query, loading more on request', async () => {
    // The viewer asks for 100 images a page; here pages of 5, so that 12 photos make three.
    const asked = [];
    const images = (url) => url.pathname.endsWith('/images');
    await page.route(images, (route) => {
      const url = new URL(route.request().url());
      asked.push(Object.fromEntries(url.searchParams));
      url.searchParams.set('limit', '5');
      return route.continue({ url: url.toString() });
    });
    try {
      await page.reload();
      const tiles = page.locator('.grid li.tile');
      await page.locator('.grid[data-state="ready"] li.tile').nth(4).waitFor();
      assert.equal(await tiles.count(), 5);
      assert.deepEqual(asked[0], { limit: '100', minConf: '0.2' });
      const more = page.getByRole('button', { name: 'Load 100 more images' });
      await assertText(page.locator('#viewer-status'), /; more below \(100 at a time\)\.$/);
      await assertText(page.locator('#counts-note'), /^Counts in the 5 images loaded\.$/);

      // The large view steps past the last image loaded: the next page comes first.
      await tiles.nth(4).getByRole('button').click();
      const dialog = page.locator('dialog.lightbox');
      await assertText(dialog.locator('.position'), /^Image 5 of 5 loaded so far$/);
      await page.keyboard.press('ArrowRight');
      await assertText(dialog.locator('h2'), new RegExp(`^${escape(results.images[5].file)}$`));
      await assertText(dialog.locator('.position'), /^Image 6 of 10 loaded so far$/);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });

      await more.click();
      await page.locator('.grid[data-state="ready"] li.tile').nth(11).waitFor();
      await more.waitFor({ state: 'hidden' });
      assert.deepEqual(await tiles.evaluateAll((li) => li.map((l) => l.dataset.file)), results.images.map((i) => i.file));
      assert.ok(asked.slice(1).every((q) => q.cursor), 'later pages carry the cursor');

      // Filters are the query: animals, persons and vehicles of 0.5 or more.
      await page.locator('#show-empty').uncheck();
      await page.locator('#threshold').fill('0.5');
      await refilter(() => page.locator('#show-failed').uncheck(), { minConf: '0.5', category: 'animal,person,vehicle' });
      const status = page.locator('#viewer-status');
      while (!(await status.textContent()).endsWith('(all that match).')) {
        const before = await tiles.count();
        await more.click();
        // The next page is in: more tiles, and no page on its way.
        await page.waitForFunction((n) => document.querySelectorAll('.grid li.tile').length > n
          && document.querySelector('.grid').dataset.state === 'ready', before);
      }
      const expected = await api.images(jobId, { category: 'animal,person,vehicle', minConf: '0.5' });
      assert.deepEqual(await tiles.evaluateAll((li) => li.map((l) => l.dataset.file)), expected.map((i) => i.file));
      assert.ok(expected.length < 12, 'the filter leaves images out');
      assert.equal(await shownBoxes().count(), expected.flatMap((i) => i.detections).length);
      assert.deepEqual(asked.at(-1).category, 'animal,person,vehicle');
    } finally {
      await page.unroute(images);
      await page.reload(); // the default filters again, for the next test
    }
    await page.locator('.grid[data-state="ready"] li.tile').nth(11).waitFor();
  });

  it('viewer: a large view of one image with its boxes, moved through with ← and →, closed with Esc', async () => {
    const first = page.locator('.grid li.tile').first();
    await first.getByRole('button').click();
    const dialog = page.locator('dialog.lightbox');
    await dialog.waitFor();
    await assertText(dialog.locator('h2'), new RegExp(`^${escape(results.images[0].file)}$`));
    await page.locator('dialog.lightbox[data-drawn="true"]').waitFor();
    const kept = results.images[0].detections.filter((d) => d.conf >= THRESHOLD).length;
    assert.equal(await dialog.locator('g.det:not([hidden])').count(), kept);
    assert.equal(await dialog.locator('.detections li:not(.hint)').count(), kept);
    await shot('viewer-large');
    await page.keyboard.press('ArrowRight');
    await assertText(dialog.locator('h2'), new RegExp(`^${escape(results.images[1].file)}$`));
    await assertText(dialog.locator('.position'), /^Image 2 of 12$/);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await assertText(dialog.locator('h2'), new RegExp(`^${escape(results.images[11].file)}$`));
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    // Focus returns to the image the view was left on (once the dialog's close event has run).
    await page.waitForFunction((file) => document.activeElement.closest('li.tile')?.dataset.file === file, results.images[11].file);
  });

  it('viewer: the grid loads thumbnails only; an original is asked for only when its photo is opened', async () => {
    const asked = [];
    const prefix = `/api/v1/jobs/${jobId}/`;
    const record = (request) => {
      const { pathname } = new URL(request.url());
      if (request.method() === 'GET' && pathname.startsWith(prefix) && /^(files|thumbnails)\//.test(pathname.slice(prefix.length))) {
        asked.push(decodeURIComponent(pathname.slice(prefix.length)));
      }
    };
    const originals = () => asked.filter((p) => p.startsWith('files/'));
    page.on('request', record);
    try {
      await page.reload();
      await page.locator('.grid[data-state="ready"] li.tile').nth(11).waitFor();
      await allTilesLoaded();
      assert.deepEqual(originals(), [], 'the grid asks for no original');
      assert.deepEqual([...new Set(asked)].sort(), results.images.map((i) => `thumbnails/${i.file}`).sort());
      const sides = await page.locator('.grid li.tile img').evaluateAll((imgs) => imgs.map((i) => Math.max(i.naturalWidth, i.naturalHeight)));
      assert.ok(sides.every((side) => side > 0 && side <= 320), `thumbnails of at most 320 px: ${sides}`);
      await assertBoxGeometry(); // boxes fit a thumbnail as they fit the photo

      await page.locator('.grid li.tile').first().getByRole('button').click();
      await page.locator('dialog.lightbox[data-drawn="true"]').waitFor();
      assert.deepEqual(originals(), [`files/${results.images[0].file}`], 'only the opened photo\'s original');
      await page.keyboard.press('Escape');
      await page.locator('dialog.lightbox').waitFor({ state: 'hidden' });
    } finally {
      page.off('request', record);
    }
  });

  it('jobs list: newest first, status badges, pagination and a state filter', async () => {
    const created = [];
    for (let i = 1; i <= 21; i++) created.push((await api.createJob(`Survey ${i}`, ['a.jpg'])).jobId);
    await page.goto(`${gateway.url}/#/jobs`);
    const rows = page.locator('table.jobs tbody tr');
    await rows.nth(19).waitFor();
    assert.equal(await rows.count(), 20);
    const newest = [...created].reverse();
    const firstPage = await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.jobId));
    assert.deepEqual(firstPage, newest.slice(0, 20));
    await assertText(rows.first().locator('.badge'), /^Pending$/);
    assert.equal(await page.getByRole('button', { name: 'Previous page' }).isDisabled(), true);
    await shot('jobs');

    await page.getByRole('button', { name: 'Next page' }).click();
    await assertText(page.locator('.page-number'), /^Page 2$/);
    const secondPage = await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.jobId));
    assert.deepEqual(secondPage, [newest[20], jobId]);
    await assertText(page.locator(`tr[data-job-id="${jobId}"] .badge`), /^Completed$/);
    assert.equal(await page.getByRole('button', { name: 'Next page' }).isDisabled(), true);
    await page.getByRole('button', { name: 'Previous page' }).click();
    await assertText(page.locator('.page-number'), /^Page 1$/);

    await page.getByLabel('Status').selectOption('COMPLETED');
    await page.locator(`tr[data-job-id="${jobId}"]`).waitFor();
    assert.equal(await rows.count(), 1);
    await page.locator(`tr[data-job-id="${jobId}"] a`).click();
    await page.waitForURL(`**/#/jobs/${jobId}`);
  });

  it('job page: a finished job is deleted after a confirmation, and only then', async () => {
    const created = await api.createJob('to delete', ['x.jpg']);
    await api.cancel(created.jobId);
    await page.goto(`${gateway.url}/#/jobs/${created.jobId}`);
    await page.getByRole('button', { name: 'Delete job' }).click();
    await assertText(page.locator('.actions .confirm'), /^Delete this job\? Its photos and results are deleted for good\.$/);
    await shot('job-delete-confirm');
    await page.getByRole('button', { name: 'Keep it' }).click();
    assert.equal((await api.job(created.jobId)).status, 'CANCELLED');
    await page.getByRole('button', { name: 'Delete job' }).click();
    await page.getByRole('button', { name: 'Yes, delete the job' }).click();
    await page.waitForURL('**/#/jobs');
    assert.equal(await api.status(created.jobId), 404);
    await page.goto(`${gateway.url}/#/jobs/${jobId}`);
    await page.locator('.summary dl.counts').waitFor();
  });

  it('speaks Brazilian Portuguese to a Portuguese browser, and English or Portuguese by the switch', async () => {
    // A browser whose language is Portuguese gets Portuguese on its first visit.
    const portuguese = await launchBrowser({ locale: 'pt-BR' });
    try {
      const pt = await newPage(portuguese.context, errors);
      await pt.goto(`${gateway.url}/#/jobs/${jobId}`);
      await assertText(pt.locator('h1'), /^Trabalho: Serra da Canastra, test$/);
      assert.equal(await pt.evaluate(() => document.documentElement.lang), 'pt-BR');
      assert.equal(await pt.locator('#language').inputValue(), 'pt-BR');
      await pt.goto(`${gateway.url}/#/jobs/${jobId}/results`);
      await assertText(pt.locator('h1'), /^Resultados: Serra da Canastra, test$/);
      await assertText(pt.locator('.filters legend'), /^Mostrar imagens com$/);
      await pt.locator('.grid li.tile').first().waitFor();
      await assertText(pt.locator('#counts-note'), /^Contagens nas 12 imagens carregadas\.$/);
      await pt.goto(`${gateway.url}/#/new`);
      await assertText(pt.locator('h1'), /^Novo trabalho$/);
      await assertText(pt.locator('.lead'), /^Escolha até 12 imagens de armadilhas fotográficas/);
      await shot('new-job-pt-BR', pt);
    } finally {
      await portuguese.close();
    }

    // This (English) browser: the switch changes the page at once and is remembered.
    await page.goto(`${gateway.url}/#/jobs/${jobId}`);
    await page.locator('.summary[data-state="ready"]').waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    await page.getByLabel('Language').selectOption('pt-BR');
    await assertText(page.locator('h1'), /^Trabalho: Serra da Canastra, test$/);
    await assertText(page.locator('nav.main a[data-page="jobs"]'), /^Trabalhos$/);
    await assertText(page.locator('.status-slot .badge'), /^Concluído$/);
    await assertText(page.locator('#shards-text'), /^2 de 2 concluídos$/);
    await page.getByRole('button', { name: 'Excluir o trabalho' }).waitFor();
    await page.locator('.summary[data-state="ready"]').waitFor();
    await assertText(page.locator('#summary-note'), /^Imagens com uma detecção de confiança de pelo menos 0\.20 \(o limiar sugerido pelo MegaDetector\):$/);
    const terms = await page.locator('.summary dl.counts dt').allTextContents();
    assert.deepEqual(terms, ['Imagens', 'Com animais', 'Com pessoas', 'Com veículos', 'Vazias', 'Com falha']);
    await page.getByRole('button', { name: 'Baixar CSV', exact: true }).waitFor();
    await shot('job-pt-BR');
    await page.reload();
    await assertText(page.locator('h1'), /^Trabalho: Serra da Canastra, test$/);
    await page.goto(`${gateway.url}/#/jobs`);
    await assertText(page.locator('h1'), /^Trabalhos$/);
    await page.getByLabel('Idioma').selectOption('en');
    await assertText(page.locator('h1'), /^Jobs$/);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  });

  it('works at phone width without sideways scrolling, and every control has a label', async () => {
    const phone = await newPage(browser.context, errors);
    await phone.setViewportSize({ width: 390, height: 844 });
    for (const [name, hash, ready] of [
      ['phone-new-job', '#/new', 'text=Choose up to'],
      ['phone-job', `#/jobs/${jobId}`, '.summary dl.counts'],
      ['phone-viewer', `#/jobs/${jobId}/results`, '.grid li.tile'],
      ['phone-jobs', '#/jobs', 'table.jobs tbody tr'],
    ]) {
      await phone.goto(`${gateway.url}/${hash}`);
      await phone.locator(ready).first().waitFor();
      assert.equal(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, `${name} fits`);
      assert.deepEqual(await unlabelledControls(phone), [], `${name}: controls without a name`);
      await shot(name, phone);
    }
    // On a fresh load the first Tab reaches the skip link, which moves focus to the content.
    await phone.reload();
    await phone.locator('table.jobs tbody tr').first().waitFor();
    await phone.keyboard.press('Tab');
    assert.equal(await phone.evaluate(() => document.activeElement.className), 'skip-link');
    await phone.keyboard.press('Enter');
    assert.equal(await phone.evaluate(() => document.activeElement.id), 'main');
    await phone.close();
  });
});

// ---- helpers ---------------------------------------------------------------------------------

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

/** Scrolls every tile of the grid into view and waits for its image (and boxes) to be drawn. */
async function allTilesLoaded() {
  const tiles = page.locator('.grid li.tile');
  const count = await tiles.count();
  // One tile at a time: the grid loads a tile when an IntersectionObserver sees it, and a tile
  // scrolled past before the observer's callback ran is never seen (a busy machine showed it).
  for (let i = 0; i < count; i++) {
    await tiles.nth(i).scrollIntoViewIfNeeded();
    await page.waitForFunction((n) => document.querySelectorAll('.grid li.tile')[n]?.dataset.loaded, i);
  }
  await page.locator('main').evaluate(() => window.scrollTo(0, 0));
}

/**
 * Does what changes the viewer's filters, and waits for the first page of images the new ones
 * select (minConf and category as the query says them; category null: no category, all).
 */
async function refilter(action, { minConf, category } = {}) {
  const answered = page.waitForResponse((r) => {
    const url = new URL(r.url());
    return url.pathname.endsWith('/images')
      && (minConf === undefined || url.searchParams.get('minConf') === minConf)
      && (category === undefined || url.searchParams.get('category') === category);
  });
  await action();
  await answered;
  await page.locator('.grid[data-state="ready"]').waitFor();
  await allTilesLoaded();
}

async function download(button) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return readFileSync(await file.path(), 'utf8');
}

function detectionsAtLeast(data, threshold) {
  return data.images.flatMap((i) => i.detections ?? []).filter((d) => d.conf >= threshold);
}

/** Per photo that has one, its highest confidence of this category id. */
function highestPerPhoto(data, category) {
  return data.images.filter((i) => !i.failure)
    .map((i) => i.detections.filter((d) => d.category === category).map((d) => d.conf))
    .filter((confs) => confs.length > 0)
    .map((confs) => Math.max(...confs));
}

/** The zip folder of a photo at this threshold, as MegaDetector's separate_detections_into_folders names it. */
function zipFolder(image, threshold) {
  if (image.failure) return 'processing_failure';
  const names = ['animal', 'person', 'vehicle'].filter((_, i) =>
    image.detections.some((d) => d.category === String(i + 1) && d.conf >= threshold));
  return names.length ? names.join('_') : 'empty';
}

/** The counts the summary must show, worked out here from the results file. */
function expectedSummary(data, threshold) {
  const has = (image, category) => (image.detections ?? []).some((d) => d.category === category && d.conf >= threshold);
  const ok = data.images.filter((i) => !i.failure);
  return {
    Images: data.images.length,
    'With animals': ok.filter((i) => has(i, '1')).length,
    'With persons': ok.filter((i) => has(i, '2')).length,
    'With vehicles': ok.filter((i) => has(i, '3')).length,
    Empty: ok.filter((i) => !i.detections.some((d) => d.conf >= threshold)).length,
    Failed: data.images.length - ok.length,
  };
}

/**
 * Each drawn box sits where its bbox says, in the image's own pixels: those of the detections
 * at or above the threshold (the viewer's pages leave the others out), in the results' order.
 */
async function assertBoxGeometry() {
  const tile = page.locator('.grid li.tile', { has: page.locator('g.det:not([hidden])') }).first();
  const file = await tile.getAttribute('data-file');
  const image = results.images.find((i) => i.file === file);
  const drawn = await tile.evaluate((li) => {
    const img = li.querySelector('img');
    return {
      width: img.naturalWidth,
      height: img.naturalHeight,
      rects: [...li.querySelectorAll('g.det rect.box')].map((r) => ['x', 'y', 'width', 'height'].map((a) => Number(r.getAttribute(a)))),
    };
  });
  const kept = image.detections.filter((d) => d.conf >= THRESHOLD);
  assert.equal(drawn.rects.length, kept.length);
  kept.forEach((d, i) => {
    const [x, y, w, h] = d.bbox;
    const want = [x * drawn.width, y * drawn.height, w * drawn.width, h * drawn.height];
    want.forEach((v, j) => assert.ok(Math.abs(drawn.rects[i][j] - v) < 0.01, `${file} box ${i}`));
  });
}

/** Inputs, selects and buttons that a screen reader could not name. */
function unlabelledControls(target) {
  return target.evaluate(() => [...document.querySelectorAll('input, select, button, a[href]')]
    .filter((el) => !el.closest('[hidden], dialog:not([open])') && el.type !== 'file')
    .filter((el) => !(el.labels?.length || el.getAttribute('aria-label') || el.textContent.trim()))
    .map((el) => el.outerHTML.slice(0, 80)));
}

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
