import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { findRunningStack } from '../functions/local/embedded-stack.js';

/** One measured figure: what, under which conditions, the value and its unit. */
export interface Figure {
  section: string;
  name: string;
  value: number;
  unit: string;
  note?: string;
}

export function progress(message: string): void {
  process.stderr.write(`  … ${message}\n`);
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

export interface Driven {
  completed: number;
  errors: number;
  elapsedSeconds: number;
  /** Completed calls divided by the elapsed time of the whole run, from the first call to the last answer. */
  perSecond: number;
  latencies: number[];
}

/**
 * Sends `total` calls from `concurrency` workers and waits for every answer, so that throughput is what was
 * completed divided by the time it took, with nothing left in flight and nothing averaged over buckets.
 */
export async function drive(
  concurrency: number,
  total: number,
  send: (sequence: number) => Promise<boolean>,
): Promise<Driven> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const sequence = next++;
        const t = performance.now();
        const ok = await send(sequence).catch(() => false);
        latencies.push(performance.now() - t);
        if (!ok) errors++;
      }
    }),
  );
  const elapsedSeconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { completed: total, errors, elapsedSeconds, perSecond: total / elapsedSeconds, latencies };
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

/**
 * Starts `npm start`'s entry point as its own process on a fresh data directory, as a newcomer
 * would run it, with the timers off and the per-client limit out of the way.
 */
export async function startLocalStack(env: Record<string, string> = {}) {
  const dataDir = await mkdtemp(join(tmpdir(), 'gcm-bench-'));
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['--openssl-legacy-provider', '--import', 'tsx', 'functions/local.ts'],
    {
      env: {
        ...process.env,
        PORT: String(port),
        DATA_DIR: dataDir,
        TAG_INTERVAL_SECONDS: '0',
        REPORT_INTERVAL_SECONDS: '0',
        SUBMISSION_RATE_PER_MINUTE: '1000000000',
        LOG_LEVEL: 'ERROR',
        ...env,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  for (let i = 0; i < 300; i++) {
    const stack = await findRunningStack(dataDir);
    if (stack) {
      return {
        url: `http://127.0.0.1:${port}`,
        dataDir,
        stack,
        async stop() {
          child.kill('SIGTERM');
          await new Promise((done) => child.once('exit', done));
        },
      };
    }
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`);
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error('npm start did not come up within 30 s');
}
