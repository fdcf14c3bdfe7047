// Debian's Chromium driven by playwright-core: never a downloaded browser, a new empty profile.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const CHROMIUM = process.env.BIOTRACK_CHROMIUM ?? '/usr/bin/chromium';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** @returns {{context, close()}} a persistent context on a fresh --user-data-dir */
export async function launchBrowser({ downloadsPath, viewport = { width: 1280, height: 900 }, locale } = {}) {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'biotrack-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport,
    acceptDownloads: true,
    downloadsPath,
    ...(locale ? { locale } : {}),
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** How long a page action or wait may take: generous, as these machines are often busy. */
export const PAGE_TIMEOUT_MS = 60_000;

/** A new page that fails the test on any uncaught error or console error. */
export async function newPage(context, errors) {
  const page = await context.newPage();
  page.setDefaultTimeout(PAGE_TIMEOUT_MS);
  // No HTTP cache: on a busy machine Chromium now and then left a module script pending for
  // good when a page revalidated the UI's files (the gateway had answered each 304; seen in its
  // access log), so page.goto never saw "load". Each test loads the files afresh instead.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    // Refused and deliberately broken requests are part of the tests; the pages report those.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) {
      errors.push(`console error: ${m.text()}`);
    }
  });
  return page;
}
