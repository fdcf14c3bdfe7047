// Where the browser tests find the built gateway, the sample photos, and where they write.
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { mkdirSync } from 'node:fs';

export const browserDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const moduleDir = path.resolve(browserDir, '../../..');
export const repoDir = path.resolve(moduleDir, '..');
export const staticDir = path.join(moduleDir, 'src/main/resources/static');
export const gatewayJar = path.join(moduleDir, 'target/biotrack-api-gateway.jar');
export const workerJar = path.join(repoDir, 'worker/target/biotrack-worker.jar');
export const testClasses = path.join(moduleDir, 'target/test-classes');
/** Test output: screenshots, downloads, gateway logs and data directories. */
export const outputDir = path.join(moduleDir, 'target/browser-tests');
export const screenshotDir = path.join(outputDir, 'screenshots');

/** The 12 camera-trap photos (MIT, see the NOTICE beside them). */
export const samplesDir = process.env.BIOTRACK_SAMPLES_DIR
  ?? path.join(repoDir, 'samples/camera-traps');

export function ensureDir(dir) {
  mkdirSync(dir, { recursive: true });
  return dir;
}
