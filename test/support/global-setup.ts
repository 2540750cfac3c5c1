import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedStack } from '../../functions/local/embedded-stack.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    s3Endpoint: string;
  }
}

/** One embedded DynamoDB (in memory) and S3 (in a temporary folder) for the whole run. */
export default async function setup(project: TestProject) {
  const s3Directory = await mkdtemp(join(tmpdir(), 'gcm-test-s3-'));
  const stack = await startEmbeddedStack({ s3Directory });
  project.provide('dynamoEndpoint', stack.dynamoEndpoint);
  project.provide('s3Endpoint', stack.s3Endpoint);
  return async () => {
    await stack.stop();
    await rm(s3Directory, { recursive: true, force: true });
  };
}
