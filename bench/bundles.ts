import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { type Figure, percentile, progress } from './support.js';

const run = promisify(execFile);

// The same bundling choices as the CDK house function: ESM, minified, the AWS SDK inside.
const BANNER =
  "import { createRequire as __cjsRequire } from 'module'; const require = __cjsRequire(import.meta.url);";

/** Each Lambda's bundle: its size raw and gzipped, what dominates it, and its cold import time. */
export async function benchBundles(): Promise<Figure[]> {
  const out = await mkdtemp(join(tmpdir(), 'gcm-bundles-'));
  const figures: Figure[] = [];
  for (const name of ['api', 'tagger', 'report']) {
    const entry = `functions/${name}.ts`;
    if (!existsSync(entry)) continue;
    progress(`bundling ${entry}`);
    const outfile = join(out, `${name}.mjs`);
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      minify: true,
      metafile: true,
      outfile,
      banner: { js: BANNER },
      // pdfkit reads its font files from disk: the report function ships it as a node module.
      external: ['pdfkit'],
      logLevel: 'silent',
    });
    const bytes = (await stat(outfile)).size;
    const gzipped = gzipSync(await readFile(outfile)).length;
    const inputs = Object.entries(
      result.metafile.outputs[Object.keys(result.metafile.outputs)[0] as string]?.inputs ?? {},
    );
    const byPackage = new Map<string, number>();
    for (const [path, { bytesInOutput }] of inputs) {
      const match = path.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
      const key = match?.[1] ?? '(our code)';
      byPackage.set(key, (byPackage.get(key) ?? 0) + bytesInOutput);
    }
    const top = [...byPackage.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3);
    const forbidden = inputs.filter(([path]) =>
      /node_modules\/(pg|mongoose|redis|memjs)\//.test(path),
    ).length;

    progress(`timing a cold import of the ${name} bundle`);
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const { stdout } = await run(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `const t = performance.now(); await import(${JSON.stringify(outfile)}); console.log(performance.now() - t);`,
        ],
        { env: { ...process.env, AWS_REGION: 'eu-west-1', LOG_LEVEL: 'ERROR' } },
      );
      times.push(Number(stdout.trim()));
    }
    times.sort((a, b) => a - b);
    const section = `bundle ${name}`;
    figures.push(
      {
        section,
        name: 'size',
        value: bytes / 1024,
        unit: 'KiB',
        note: `largest: ${top.map(([k, v]) => `${k} ${Math.round(v / 1024)} KiB`).join(', ')}`,
      },
      { section, name: 'size gzipped', value: gzipped / 1024, unit: 'KiB' },
      { section, name: 'cold import (median of 5)', value: percentile(times, 50), unit: 'ms' },
      { section, name: 'natural database back-ends bundled', value: forbidden, unit: 'modules' },
    );
  }
  return figures;
}
