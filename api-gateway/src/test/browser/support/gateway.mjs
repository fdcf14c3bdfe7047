// Starts the platform the way a user does — `./biotrack up` (the gateway jar with its local
// dispatcher and worker processes) — or the bare gateway jar without a dispatcher, each on a free
// loopback port with its own data directory, and stops it again.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, mkdtempSync, openSync } from 'node:fs';
import path from 'node:path';
import { ensureDir, gatewayJar, outputDir, repoDir, testClasses, workerJar } from './paths.mjs';

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
 * `./biotrack up --data DIR --port P --workers 2`: the embedded platform with the committed test
 * model, small and quick settings.
 *
 * @param env extra BIOTRACK_* settings (limits, API keys)
 */
export async function startPlatform(env = {}) {
  for (const jar of [gatewayJar, workerJar]) requireBuilt(jar);
  const port = await freePort();
  const dataDir = newDataDir();
  return launch(path.join(repoDir, 'biotrack'), ['up', '--data', dataDir, '--port', String(port), '--workers', '2'], {
    port,
    dataDir,
    env: {
      BIOTRACK_WORKER_THREADS: '2',
      BIOTRACK_PROGRESS_SECONDS: '1',
      BIOTRACK_SWEEPER_ENABLED: 'false',
      ...env,
    },
  });
}

/**
 * The gateway jar alone (embedded profile, no dispatcher): jobs stay QUEUED until a test moves
 * them with the stand-in below, which runs in the gateway's JVM (StandInGateway in the test
 * classes: the embedded database is the gateway's alone).
 */
export async function startGateway(env = {}) {
  requireBuilt(gatewayJar);
  const port = await freePort();
  const dataDir = newDataDir();
  return launch('java', [
    '-cp', gatewayJar,
    `-Dloader.path=${testClasses}`,
    '-Dloader.main=io.biotrack.standin.StandInGateway',
    'org.springframework.boot.loader.launch.PropertiesLauncher',
    '--spring.profiles.active=embedded',
  ], {
    port,
    dataDir,
    env: {
      BIOTRACK_STORAGE: 'local',
      BIOTRACK_PORT: String(port),
      BIOTRACK_PUBLIC_URL: `http://127.0.0.1:${port}`,
      BIOTRACK_SWEEPER_ENABLED: 'false',
      BIOTRACK_DISPATCHER: 'false',
      ...env,
    },
  });
}

function requireBuilt(jar) {
  if (!existsSync(jar)) {
    throw new Error(`${jar} is missing: build first (./mvnw -pl api-gateway,worker -am package)`);
  }
}

function newDataDir() {
  return mkdtempSync(path.join(ensureDir(outputDir), 'data-'));
}

async function launch(command, args, { port, dataDir, env }) {
  const log = `${dataDir}.log`;
  const fullEnv = { ...process.env, BIOTRACK_DATA_DIR: dataDir, ...env };
  const out = openSync(log, 'a');
  const child = spawn(command, args, { cwd: repoDir, env: fullEnv, stdio: ['ignore', out, out] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode != null) throw new Error(`${command} exited with ${child.exitCode}; see ${log}`);
    try {
      const response = await fetch(`${url}/actuator/health/readiness`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${command} did not become ready in ${READY_TIMEOUT_MS / 1000} s; see ${log}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    url,
    port,
    dataDir,
    env: fullEnv,
    log,
    /** SIGTERM, as Ctrl-C: the platform stops its workers and shuts down. */
    async stop() {
      if (child.exitCode == null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

/**
 * Plays the dispatcher and a worker for one QUEUED job of a gateway without a dispatcher (the
 * stand-in endpoints of StandInGateway): LAUNCHING, then PROCESSING with a progress report every
 * {@code millisPerImage}, never finishing; settles once the job is no longer PROCESSING
 * (cancelled), as a worker stops.
 */
export function processWithStandIn(gateway, tenant, jobId, millisPerImage) {
  return standIn(gateway, `${tenant}/${jobId}/process?millisPerImage=${millisPerImage}`, '');
}

/** Fails a QUEUED job with this message, as the dispatcher does when attempts run out. */
export function failWithStandIn(gateway, tenant, jobId, message) {
  return standIn(gateway, `${tenant}/${jobId}/fail`, message);
}

/** Completes a QUEUED job in one shard with this results file (an object), as a worker would. */
export function completeWithStandIn(gateway, tenant, jobId, results) {
  return standIn(gateway, `${tenant}/${jobId}/complete`, JSON.stringify(results));
}

async function standIn(gateway, what, body) {
  // No time limit of fetch's own: a stand-in worker answers when its job stops.
  const response = await fetch(`${gateway.url}/stand-in/${what}`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/plain' },
    body,
    signal: AbortSignal.timeout(15 * 60_000),
  });
  if (!response.ok) throw new Error(`stand-in ${what}: ${response.status} ${await response.text()}`);
}
