import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { benchBundles } from './bundles.js';
import { benchHttp } from './http.js';
import { benchInProcess } from './in-process.js';
import { benchRedaction } from './redaction.js';
import { benchScale } from './report.js';
import type { Figure } from './support.js';
import { benchTagging } from './tagging.js';

/**
 * `npm run bench`: measures, side by side in one run, what the secretariat needs to know before a
 * deadline. Prints a table and writes the figures as JSON. Not part of `npm test`.
 * BENCH_ONLY picks sections by a word of their title (BENCH_ONLY=tagging). BENCH_SECONDS sets each timed HTTP run's length (default 5), BENCH_PENDING the tagging pass's
 * queue (default 10,000), BENCH_SCALE_SIZES the consultation sizes at which the secretariat's views and the
 * report are measured (default 2000,10000,100000).
 */
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const pending = Number(process.env.BENCH_PENDING ?? 10_000);
const scaleSizes = (process.env.BENCH_SCALE_SIZES ?? '2000,10000,100000').split(',').map(Number);
const started = performance.now();
const sections: [string, () => Promise<Figure[]>][] = [
  ['HTTP API against npm start', () => benchHttp(seconds)],
  ['the same app in-process', () => benchInProcess(2_000)],
  ['Lambda bundles', () => benchBundles()],
  ['tagging', () => benchTagging(pending)],
  ["the secretariat's views and the report at scale", () => benchScale(scaleSizes)],
  ['redaction', () => benchRedaction()],
];

// BENCH_ONLY=tagging (a word of a section's title) runs only the sections whose title contains it.
const only = process.env.BENCH_ONLY;
const figures: Figure[] = [];
for (const [title, measure] of sections.filter(([title]) => !only || title.includes(only))) {
  process.stderr.write(`${title}\n`);
  figures.push(...(await measure()));
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`;
const rows = figures.map((f) => [
  f.section,
  f.name,
  f.value >= 100 ? Math.round(f.value).toString() : f.value.toFixed(2),
  f.unit,
  f.note ?? '',
]);
const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => (r[i] as string).length)));
console.log(`\nBenchmark on ${machine}\n`);
for (const r of rows) {
  console.log(
    `${(r[0] as string).padEnd(widths[0] as number)}  ${(r[1] as string).padEnd(widths[1] as number)}  ${(r[2] as string).padStart(widths[2] as number)} ${(r[3] as string).padEnd(widths[3] as number)}  ${r[4]}`,
  );
}
await mkdir('bench-results', { recursive: true });
const file = `bench-results/bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
await writeFile(file, JSON.stringify({ machine, at: new Date().toISOString(), figures }, null, 2));
console.log(
  `\nMeasured ${figures.length} figures in ${Math.round((performance.now() - started) / 1000)} s; written to ${file}`,
);
