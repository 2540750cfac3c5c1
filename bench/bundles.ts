import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { bundleReport, FUNCTIONS } from '../cdk/bundle-report.js';
import { type Figure, progress } from './support.js';

const run = promisify(execFile);

/**
 * Each Lambda's bundle as the CDK app builds it (a real synth, same esbuild settings, pdfkit as a
 * node module of the report function): its size unzipped and zipped, what dominates it, and the
 * cold import time in a fresh Node process.
 */
export async function benchBundles(): Promise<Figure[]> {
  const assembly = await mkdtemp(join(tmpdir(), 'gcm-bench-cdk-'));
  try {
    progress('cdk synth, bundling the three functions');
    const started = performance.now();
    await run('npx', ['cdk', 'synth', '--quiet', '--output', assembly], {
      env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true' },
      maxBuffer: 64 * 1024 * 1024,
    });
    const figures: Figure[] = [
      { section: 'cdk', name: 'synth with bundling', value: (performance.now() - started) / 1000, unit: 's' },
    ];
    for (const name of FUNCTIONS) {
      progress(`measuring the ${name} bundle and its cold import`);
      const report = bundleReport(assembly, name);
      const total = report.packages.reduce((sum, [, bytes]) => sum + bytes, 0);
      const largest = report.packages
        .slice(0, 3)
        .map(([pkg, bytes]) => `${pkg} ${Math.round((100 * bytes) / total)}%`)
        .join(', ');
      const section = `bundle ${name}`;
      figures.push(
        { section, name: 'unzipped', value: report.unzippedBytes / 1024, unit: 'KiB', note: largest },
        { section, name: 'zipped', value: report.zippedBytes / 1024, unit: 'KiB' },
        { section, name: 'cold import, wall (median of 5)', value: report.importMs.wall, unit: 'ms' },
        { section, name: 'cold import, CPU (median of 5)', value: report.importMs.cpu, unit: 'ms' },
      );
    }
    return figures;
  } finally {
    await rm(assembly, { recursive: true, force: true });
  }
}
