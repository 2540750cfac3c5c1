import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { type FunctionName, metafileName } from './house-function.js';

/**
 * `npm run bundle-report [-- <cloud assembly folder>]`, after `npm run synth`: for each function,
 * its bundle's size unzipped and zipped as Lambda receives it, the packages that take most of it
 * (from esbuild's metafile), and how long a fresh Node.js process takes to import it, which is the
 * cold start before the handler's first line.
 */

export const FUNCTIONS: FunctionName[] = ['api', 'tagger', 'report'];
const IMPORT_RUNS = 5;

interface MetafileOutput {
  entryPoint?: string;
  inputs: Record<string, { bytesInOutput: number }>;
  imports: { path: string; external?: boolean }[];
}

export interface BundleReport {
  name: FunctionName;
  unzippedBytes: number;
  zippedBytes: number;
  /** Bytes of index.mjs by npm package, largest first; the project's own code is "(app)". */
  packages: [string, number][];
  /** Medians over IMPORT_RUNS fresh processes, with Lambda's NODE_OPTIONS and without source maps. */
  importMs: { wall: number; cpu: number; cpuWithoutSourceMaps: number };
}

export function bundleReport(assemblyDir: string, name: FunctionName): BundleReport {
  const dir = assetDir(assemblyDir, name);
  const files = filesUnder(dir);
  const median = (values: number[]) =>
    values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
  const runs = (nodeFlags: string[]) =>
    Array.from({ length: IMPORT_RUNS }, () => importTime(join(dir, 'index.mjs'), nodeFlags));
  const withMaps = runs(['--enable-source-maps']);
  return {
    name,
    unzippedBytes: files.reduce((sum, file) => sum + statSync(file).size, 0),
    zippedBytes: zippedSize(dir, files),
    packages: bundlePackages(assemblyDir, name),
    importMs: {
      wall: median(withMaps.map((run) => run.wallMs)),
      cpu: median(withMaps.map((run) => run.cpuMs)),
      cpuWithoutSourceMaps: median(runs([]).map((run) => run.cpuMs)),
    },
  };
}

/** The asset folder a function's code comes from, found through its template's S3 key. */
export function assetDir(assemblyDir: string, name: FunctionName): string {
  const logicalPrefix = `${name[0]?.toUpperCase()}${name.slice(1)}Function`;
  for (const file of readdirSync(assemblyDir).filter((f) => f.endsWith('.template.json'))) {
    const template = JSON.parse(readFileSync(join(assemblyDir, file), 'utf8')) as {
      Resources: Record<string, { Type: string; Properties: { Code?: { S3Key?: string } } }>;
    };
    for (const [id, resource] of Object.entries(template.Resources)) {
      const key = resource.Properties.Code?.S3Key;
      if (resource.Type === 'AWS::Lambda::Function' && id.startsWith(logicalPrefix) && key) {
        return join(assemblyDir, `asset.${key.replace(/\.zip$/, '')}`);
      }
    }
  }
  throw new Error(`No function ${name} in ${assemblyDir}: run \`npm run synth\` first`);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

/** What a zip of the folder weighs: each file deflated at level 9, plus the zip format's headers. */
function zippedSize(dir: string, files: string[]): number {
  const endOfCentralDirectory = 22;
  return files.reduce((sum, file) => {
    const name = Buffer.byteLength(relative(dir, file));
    const localHeader = 30 + name;
    const centralHeader = 46 + name;
    return sum + localHeader + centralHeader + deflateRawSync(readFileSync(file), { level: 9 }).length;
  }, endOfCentralDirectory);
}

/** esbuild's account of a function's index.mjs, from the metafile the synth left. */
function bundleMetafile(assemblyDir: string, name: FunctionName): MetafileOutput {
  const metafile = JSON.parse(readFileSync(join(assemblyDir, metafileName(name)), 'utf8')) as {
    outputs: Record<string, MetafileOutput>;
  };
  const output = Object.values(metafile.outputs).find((o) => o.entryPoint);
  if (!output) throw new Error(`The metafile of ${name} has no output for the entry point`);
  return output;
}

/** Bytes of a function's bundled index.mjs by npm package, largest first. */
export function bundlePackages(assemblyDir: string, name: FunctionName): [string, number][] {
  const bytes = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(bundleMetafile(assemblyDir, name).inputs)) {
    const pkg = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? '(app)';
    bytes.set(pkg, (bytes.get(pkg) ?? 0) + bytesInOutput);
  }
  return [...bytes].sort((a, b) => b[1] - a[1]);
}

/** The modules a function's bundle leaves to be loaded at run time, in order. */
export function bundleExternals(assemblyDir: string, name: FunctionName): string[] {
  const externals = bundleMetafile(assemblyDir, name).imports.filter((i) => i.external);
  return [...new Set(externals.map((i) => i.path))].sort();
}

/**
 * How long a new Node.js process takes to `import()` the bundle, with the environment a Lambda
 * gives it and fake credentials: wall-clock milliseconds, and the CPU milliseconds that a busy
 * machine does not inflate. Throws with the child's error if the import fails.
 */
export function importTime(bundle: string, nodeFlags: string[] = []): { wallMs: number; cpuMs: number } {
  const script = [
    'const cpu = process.cpuUsage(); const t = performance.now();',
    `await import(${JSON.stringify(pathToFileURL(bundle).href)});`,
    'const used = process.cpuUsage(cpu);',
    'process.stdout.write(JSON.stringify({ wallMs: performance.now() - t, cpuMs: (used.user + used.system) / 1000 }));',
  ].join(' ');
  const env = {
    PATH: process.env.PATH,
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'cold-start',
    AWS_SECRET_ACCESS_KEY: 'cold-start',
    TABLE_NAME: 'gcm-synthesis',
    BUCKET_NAME: 'gcm-synthesis-data',
    LOG_LEVEL: 'INFO',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  return JSON.parse(
    execFileSync(process.execPath, [...nodeFlags, '--input-type=module', '-e', script], {
      env,
      encoding: 'utf8',
    }),
  );
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const assemblyDir = resolve(process.argv[2] ?? 'cdk.out');
  console.log(
    `Bundles in ${assemblyDir}; import times on Node.js ${process.versions.node}, median of ${IMPORT_RUNS}\n`,
  );
  console.log(
    '| function | unzipped | zipped | import, wall | import, CPU | CPU without source maps | largest parts |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const report of FUNCTIONS.map((name) => bundleReport(assemblyDir, name))) {
    const total = report.packages.reduce((sum, [, bytes]) => sum + bytes, 0);
    const largest = report.packages
      .slice(0, 5)
      .map(([pkg, bytes]) => `${pkg} ${((100 * bytes) / total).toFixed(0)}%`)
      .join(', ');
    console.log(
      `| ${report.name} | ${kib(report.unzippedBytes)} | ${kib(report.zippedBytes)} | ${report.importMs.wall.toFixed(0)} ms | ${report.importMs.cpu.toFixed(0)} ms | ${report.importMs.cpuWithoutSourceMaps.toFixed(0)} ms | ${largest} |`,
    );
  }
}
