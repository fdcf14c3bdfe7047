// The job page in states the real platform passes through too quickly to watch (a steady stream
// of progress) or only on faults (a failed job): the gateway without its dispatcher, and a
// stand-in writing what the dispatcher and a worker write, through the same storage.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { apiClient } from '../support/api.mjs';
import { launchBrowser, newPage, PAGE_TIMEOUT_MS as TIMEOUT } from '../support/browser.mjs';
import { failWithStandIn, processWithStandIn, startGateway } from '../support/gateway.mjs';
import { ensureDir, samplesDir, screenshotDir } from '../support/paths.mjs';

const TENANT = 'local'; // embedded mode's tenant for requests without a key
const samples = readdirSync(samplesDir).filter((f) => f.endsWith('.jpg')).sort();

let gateway;
let browser;
let api;
const errors = [];

/** A started job of these sample photos, uploaded through its signed URLs. */
async function startedJob(name, files) {
  const job = await api.createJob(name, files);
  for (const upload of job.uploads) await api.upload(upload, path.join(samplesDir, upload.name));
  await api.start(job.jobId);
  return job.jobId;
}

describe('job page states', { timeout: 6 * TIMEOUT }, () => {
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

  it('shows live progress with speed and time left while processing, and cancels on request', async () => {
    const page = await newPage(browser.context, errors);
    const id = await startedJob('Serra da Canastra, May', samples);
    await page.goto(`${gateway.url}/#/jobs/${id}`);
    await page.locator('.status-slot .badge', { hasText: 'Queued' }).waitFor();

    const worker = processWithStandIn(gateway, TENANT, id, 700);
    await page.locator('.status-slot .badge', { hasText: 'Processing' }).waitFor();
    const progress = page.locator('#progress-text');
    await progress.filter({ hasText: /images\/s · about .+ left$/ }).waitFor();
    assert.match(await progress.textContent(), /^\d+ of 12 images processed \(\d+%\) · [\d.]+ images\/s · about (\d+ min )?\d+ s left$/);
    assert.ok(await page.locator('#job-progress').evaluate((bar) => bar.value > 0 && bar.max === 12));
    assert.match(await page.locator('#elapsed').textContent(), /^(\d+ min )?\d+ s$/);
    await page.screenshot({ path: path.join(ensureDir(screenshotDir), 'job-processing.png'), fullPage: true });

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
