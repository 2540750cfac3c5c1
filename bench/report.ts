import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runtimeOn, startEmbeddedStack } from '../functions/local/embedded-stack.js';
import { readConfig } from '../shared/config.js';
import { createLogger } from '../shared/logger.js';
import { compileReport } from '../shared/synthesis/compile.js';
import type { Figure } from './support.js';
import { progress } from './support.js';
import { syntheticSubmissions } from './synthetic.js';

/**
 * The report compiler at scale: for each size, synthetic tagged submissions are written into a
 * fresh local table (dynalite on disk, s3rver), then `compileReport` runs in a process of its own,
 * so that its peak RSS is the compiler's and not the embedded servers'. Prints and returns the
 * compile time, the peak RSS and the size of each format.
 *
 * `tsx bench/report.ts [10000 100000 ...]`; `npm run bench` calls `benchReport`.
 */

const WRITERS = 32;

interface Measured {
  durationMs: number;
  phases: { readMs: number; renderMs: number; writeMs: number };
  peakRssMb: number;
  submissions: number;
  sizes: Record<string, number>;
}

async function seed(
  endpoints: { dynamoEndpoint: string; s3Endpoint: string },
  config: ReturnType<typeof readConfig>,
  count: number,
) {
  const runtime = await runtimeOn(endpoints, config);
  const consultation = runtime.catalogue.default;
  const source = syntheticSubmissions(consultation, count);
  let written = 0;
  const writer = async () => {
    for (let next = source.next(); !next.done; next = source.next()) {
      await runtime.store.create(next.value, 'bench');
      written++;
      if (written % 10_000 === 0) progress(`${written} of ${count} written`);
    }
  };
  await Promise.all(Array.from({ length: WRITERS }, writer));
  runtime.dynamo.destroy();
  runtime.s3.destroy();
}

/** Runs in the child: one compile, then its own figures on stdout as JSON. */
async function compileOnce() {
  const config = readConfig();
  const runtime = await runtimeOn(
    { dynamoEndpoint: config.DYNAMODB_ENDPOINT ?? '', s3Endpoint: config.S3_ENDPOINT ?? '' },
    config,
  );
  const result = await compileReport(
    { ...runtime, logger: createLogger('bench', 'ERROR') },
    runtime.catalogue.default.id,
  );
  const measured: Measured = {
    durationMs: result.durationMs,
    phases: result.phases,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    submissions: result.submissions,
    // "pdf fr": each format in each language (the JSON is one file, listed once).
    sizes: Object.fromEntries(
      Object.entries(result.sizes).flatMap(([language, files]) =>
        Object.entries(files)
          .filter(([format]) => format !== 'json' || language === 'en')
          .map(([format, bytes]) => [format === 'json' ? format : `${format} ${language}`, bytes]),
      ),
    ),
  };
  process.stdout.write(JSON.stringify(measured));
  runtime.dynamo.destroy();
  runtime.s3.destroy();
}

function compileInChild(env: Record<string, string>): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', import.meta.filename, '--compile'], {
      env: { ...process.env, ...env, NODE_OPTIONS: '--openssl-legacy-provider' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out) as Measured) : reject(new Error(`compile exited with ${code}`)),
    );
  });
}

export async function benchReport(counts: number[]): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const count of counts) {
    const dataDir = await mkdtemp(join(tmpdir(), 'gcm-bench-report-'));
    const stack = await startEmbeddedStack({ dataDir });
    try {
      const table = `bench-report-${count}`;
      const env = {
        TABLE_NAME: table,
        BUCKET_NAME: table,
        DYNAMODB_ENDPOINT: stack.dynamoEndpoint,
        S3_ENDPOINT: stack.s3Endpoint,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      };
      progress(`writing ${count} synthetic tagged submissions`);
      await seed(stack, readConfig({ ...process.env, ...env }), count);
      progress(`compiling the report of ${count} submissions`);
      const measured = await compileInChild(env);
      const section = `report, ${count.toLocaleString('en')} submissions`;
      figures.push(
        {
          section,
          name: 'compile time',
          value: measured.durationMs / 1000,
          unit: 's',
          note: 'read, model, four formats in three languages and the JSON, S3',
        },
        {
          section,
          name: 'read and count',
          value: measured.phases.readMs / 1000,
          unit: 's',
          note: 'paged query, model',
        },
        {
          section,
          name: 'render',
          value: measured.phases.renderMs / 1000,
          unit: 's',
          note: 'four formats × three languages, and the JSON',
        },
        {
          section,
          name: 'write',
          value: measured.phases.writeMs / 1000,
          unit: 's',
          note: 'one S3 put per file',
        },
        {
          section,
          name: 'peak RSS',
          value: measured.peakRssMb,
          unit: 'MB',
          note: 'the compiling process alone',
        },
        ...Object.entries(measured.sizes).map(([format, bytes]) => ({
          section,
          name: `${format} size`,
          value: bytes / 1024,
          unit: 'KB',
        })),
      );
    } finally {
      await stack.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  return figures;
}

if (process.argv.includes('--compile')) await compileOnce();
else if (import.meta.filename === process.argv[1]) {
  const counts = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  const figures = await benchReport(counts.length > 0 ? counts : [10_000, 100_000]);
  for (const f of figures)
    console.log(`${f.section.padEnd(30)} ${f.name.padEnd(14)} ${f.value.toFixed(1).padStart(9)} ${f.unit}`);
}
