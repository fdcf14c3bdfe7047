// Starts the real gateway jar (embedded profile) on a free loopback port with its own data
// directory, and stops it again.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, mkdtempSync, openSync } from 'node:fs';
import path from 'node:path';
import { ensureDir, gatewayJar, outputDir, testClasses } from './paths.mjs';

const READY_TIMEOUT_MS = 180_000;

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * @param env extra BIOTRACK_* settings (limits, API keys)
 * @returns {{url, port, dataDir, env, stop()}}
 */
export async function startGateway(env = {}) {
  if (!existsSync(gatewayJar)) {
    throw new Error(`${gatewayJar} is missing: build it first (./mvnw -pl api-gateway -am package)`);
  }
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(ensureDir(outputDir), 'data-'));
  const log = path.join(dataDir, 'gateway.log');
  const gatewayEnv = {
    ...process.env,
    BIOTRACK_STORAGE: 'local',
    BIOTRACK_DATA_DIR: dataDir,
    BIOTRACK_PORT: String(port),
    BIOTRACK_PUBLIC_URL: `http://127.0.0.1:${port}`,
    BIOTRACK_SWEEPER_ENABLED: 'false',
    // No local dispatcher: the stand-in below plays its part and the worker's.
    BIOTRACK_DISPATCHER: 'false',
    ...env,
  };
  const out = openSync(log, 'a');
  const child = spawn('java', ['-XX:TieredStopAtLevel=1', '-jar', gatewayJar, '--spring.profiles.active=embedded'], {
    env: gatewayEnv,
    stdio: ['ignore', out, out],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode != null) throw new Error(`the gateway exited with ${child.exitCode}; see ${log}`);
    try {
      const response = await fetch(`${url}/actuator/health/readiness`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the gateway did not become ready in ${READY_TIMEOUT_MS / 1000} s; see ${log}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    url,
    port,
    dataDir,
    env: gatewayEnv,
    log,
    async stop() {
      if (child.exitCode == null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

/**
 * Completes a QUEUED job through the gateway's own storage, as the dispatcher and a worker would
 * (StandInWorker in the test classes, run from the gateway jar's classpath): embedded mode has no
 * dispatcher on this branch yet.
 */
export function completeWithStandIn(gateway, tenant, jobId, millisPerImage = 0) {
  return runStandIn(gateway, tenant, jobId, String(millisPerImage));
}

/** Fails a QUEUED job with this message, as the dispatcher does when attempts run out. */
export function failWithStandIn(gateway, tenant, jobId, message) {
  return runStandIn(gateway, tenant, jobId, 'fail', message);
}

function runStandIn(gateway, ...args) {
  return new Promise((resolve, reject) => {
    const child = spawn('java', [
      '-cp', gatewayJar,
      `-Dloader.path=${testClasses}`,
      '-Dloader.main=io.biotrack.gateway.support.StandInWorker',
      'org.springframework.boot.loader.launch.PropertiesLauncher',
      ...args,
    ], { env: gateway.env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`StandInWorker exited with ${code}`))));
  });
}
