// With API keys configured (on `./biotrack up`), the page asks for a key, keeps it in this tab
// only, and sends it with every request: the API, the images of the viewer and the downloads.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { apiClient } from '../support/api.mjs';
import { launchBrowser, newPage, PAGE_TIMEOUT_MS as TIMEOUT } from '../support/browser.mjs';
import { startPlatform } from '../support/gateway.mjs';
import { ensureDir, outputDir, samplesDir } from '../support/paths.mjs';

const KEY = 'bt_browser-test-key-for-acme';

let gateway;
let browser;
const errors = [];

describe('web UI with API keys', { timeout: 10 * TIMEOUT }, () => {
  before(async () => {
    const hash = createHash('sha256').update(KEY).digest('hex');
    gateway = await startPlatform({ BIOTRACK_API_KEYS: `acme:${hash}` });
    browser = await launchBrowser({ downloadsPath: ensureDir(path.join(outputDir, 'downloads')) });
  });

  after(async () => {
    await browser?.close();
    await gateway?.stop();
    assert.deepEqual(errors, [], 'the pages logged errors');
  });

  it('asks for a key, refuses a wrong one, and then works with the right one', async () => {
    const page = await newPage(browser.context, errors);
    await page.goto(`${gateway.url}/`);
    const dialog = page.locator('#key-dialog');
    await dialog.waitFor();
    assert.match(await page.locator('#key-message').textContent(), /This server needs an API key: an API key is required/);
    await page.getByLabel('Key', { exact: true }).fill('not-a-key');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('#key-message', { hasText: 'the API key is not valid' }).waitFor();

    await page.getByLabel('Key', { exact: true }).fill(KEY);
    await page.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Choose up to 100,000 camera-trap images').waitFor();
    assert.equal(await page.getByRole('button', { name: 'API key: set' }).count(), 1);
    assert.equal(await page.evaluate(() => sessionStorage.getItem('biotrack.apiKey')), KEY);

    // A job of this tenant, completed: its viewer fetches the image and the CSV with the key.
    const api = apiClient(gateway.url, KEY);
    const sample = readdirSync(samplesDir).filter((f) => f.endsWith('.jpg')).sort()[0];
    const job = await api.createJob('With a key', [sample]);
    await api.upload(job.uploads[0], path.join(samplesDir, sample));
    await api.start(job.jobId);
    for (let status = ''; status !== 'COMPLETED';) {
      await new Promise((r) => setTimeout(r, 1000));
      status = (await api.job(job.jobId)).status;
      assert.ok(!['FAILED', 'CANCELLED'].includes(status), `the job ended ${status}`);
    }
    await page.goto(`${gateway.url}/#/jobs/${job.jobId}/results`);
    await page.locator('.grid li.tile[data-loaded="true"]').waitFor();
    assert.ok(await page.locator('.grid g.det:not([hidden])').count() > 0);
    await page.goto(`${gateway.url}/#/jobs/${job.jobId}`);
    // The job page's button, not the viewer's of the same name while the page is being swapped.
    const summaryDownloads = page.locator('.summary[data-state="ready"] .downloads');
    const [download] = await Promise.all([page.waitForEvent('download'), summaryDownloads.getByRole('button', { name: 'Download CSV' }).click()]);
    assert.equal(download.suggestedFilename(), 'With a key.csv'); // the name the server gave it, through the blob
    assert.match(readFileSync(await download.path(), 'utf8'), new RegExp(`^file,category,conf,x,y,w,h,failure,species,species_common_name,species_score\\r\\n${sample},(animal|person|vehicle|),`));

    // Another tab has its own session storage: it asks again.
    const other = await newPage(browser.context, errors);
    await other.goto(`${gateway.url}/#/jobs`, { waitUntil: 'domcontentloaded' });
    await other.locator('#key-dialog').waitFor();
    await other.close();
    await page.close();
  });
});
