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
import { measureInChild, timeViewsInChild } from './views.js';

/**
 * The secretariat's views and the report compiler at scale: for each size, synthetic tagged submissions are
 * written into a fresh local table (dynalite on disk, s3rver); then the views and `compileReport` each run in
 * a process of their own, so that each peak RSS is theirs and not the embedded servers'. Prints and returns
 * the views' times, the compile time, the peak RSS and the size of each format.
 *
 * `tsx bench/report.ts [2000 10000 100000 ...]`; `npm run bench` calls `benchScale`.
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

export async function benchScale(counts: number[]): Promise<Figure[]> {
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
      progress(`timing the secretariat's views over ${count} submissions`);
      const views = await timeViewsInChild(env);
      figures.push(
        ...Object.entries(views.medianMs).map(([view, ms]) => ({
          section: `views, ${count.toLocaleString('en')} submissions`,
          name: `${view} API`,
          value: ms,
          unit: 'ms',
          note: 'median of 3, admin',
        })),
        {
          section: `views, ${count.toLocaleString('en')} submissions`,
          name: 'peak RSS',
          value: views.peakRssMb,
          unit: 'MB',
          note: 'the process serving the views',
        },
      );
      progress(`compiling the report of ${count} submissions`);
      const measured = await measureInChild<Measured>(import.meta.filename, '--compile', env);
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
  const figures = await benchScale(counts.length > 0 ? counts : [2_000, 10_000, 100_000]);
  for (const f of figures)
    console.log(`${f.section.padEnd(30)} ${f.name.padEnd(14)} ${f.value.toFixed(1).padStart(9)} ${f.unit}`);
}
