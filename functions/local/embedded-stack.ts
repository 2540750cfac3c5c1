import { once } from 'node:events';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import dynalite from 'dynalite';
import S3rver from 's3rver';
import { type Config, readConfig } from '../../shared/config.js';
import { createRuntime, type Runtime } from '../../shared/runtime.js';
import { ensureTableAndBucket } from '../../shared/stores/provision.js';

/**
 * The local stand-ins for DynamoDB and S3: dynalite and s3rver, on disk under a data directory
 * or (for tests) in memory and a temporary folder. Same API, so the same store code runs.
 */
export interface EmbeddedStack {
  dynamoEndpoint: string;
  s3Endpoint: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Where data lives; without it DynamoDB keeps data in memory and S3 in `s3Directory`. */
  dataDir?: string;
  s3Directory?: string;
  dynamoPort?: number;
  s3Port?: number;
}

export async function startEmbeddedStack(options: EmbeddedOptions = {}): Promise<EmbeddedStack> {
  const dynamoPath = options.dataDir ? resolve(options.dataDir, 'dynamodb') : undefined;
  const s3Directory = options.s3Directory ?? resolve(options.dataDir ?? '.data', 's3');
  if (dynamoPath) await mkdir(dynamoPath, { recursive: true });
  await mkdir(s3Directory, { recursive: true });

  const dynamo: Server = dynalite({
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
    ...(dynamoPath ? { path: dynamoPath } : {}),
  });
  dynamo.listen(options.dynamoPort ?? 0, '127.0.0.1');
  await once(dynamo, 'listening');
  const s3 = new S3rver({
    address: '127.0.0.1',
    port: options.s3Port ?? 0,
    silent: true,
    directory: s3Directory,
  });
  const s3Address = await s3.run();

  return {
    dynamoEndpoint: `http://127.0.0.1:${(dynamo.address() as AddressInfo).port}`,
    s3Endpoint: `http://127.0.0.1:${s3Address.port}`,
    async stop() {
      await s3.close();
      // dynalite closes its LevelDB store when its server closes; wait for both.
      await new Promise<void>((done) => dynamo.close(() => done()));
    },
  };
}

/** A runtime on these servers, with its table and bucket created if they are missing. */
export async function runtimeOn(
  endpoints: { dynamoEndpoint: string; s3Endpoint: string },
  config: Config = readConfig(),
): Promise<Runtime> {
  const runtime = createRuntime({
    ...config,
    DYNAMODB_ENDPOINT: endpoints.dynamoEndpoint,
    S3_ENDPOINT: endpoints.s3Endpoint,
  });
  await ensureTableAndBucket(runtime.dynamo, runtime.s3, {
    tableName: runtime.config.TABLE_NAME,
    bucketName: runtime.config.BUCKET_NAME,
  });
  return runtime;
}

/**
 * While `npm start` runs, it owns the data directory (LevelDB allows one process). It leaves its
 * endpoints here, so `npm run tag` and friends use its servers instead of opening the files twice.
 */
const stackFile = (dataDir: string) => join(dataDir, 'stack.json');

export interface RunningStack {
  pid: number;
  dynamoEndpoint: string;
  s3Endpoint: string;
  appUrl: string;
}

export async function announceStack(dataDir: string, stack: RunningStack): Promise<void> {
  await writeFile(stackFile(dataDir), JSON.stringify(stack, null, 2));
}

export async function retractStack(dataDir: string): Promise<void> {
  await rm(stackFile(dataDir), { force: true });
}

export async function findRunningStack(dataDir: string): Promise<RunningStack | undefined> {
  try {
    const stack = JSON.parse(await readFile(stackFile(dataDir), 'utf8')) as RunningStack;
    process.kill(stack.pid, 0);
    return stack;
  } catch {
    return undefined;
  }
}
