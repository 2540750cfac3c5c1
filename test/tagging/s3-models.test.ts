import { GetObjectCommand } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../shared/runtime.js';
import { type ModelManifest, modelKey } from '../../shared/stores/ports.js';
import { CURRENT_MODEL_KEY } from '../../shared/stores/s3-models.js';
import { currentModel, modelVersion } from '../../shared/tagging/models.js';
import { createTestRuntime } from '../support/runtime.js';

const manifestFor = (serialised: string): ModelManifest => {
  const version = modelVersion(serialised);
  return {
    version,
    key: modelKey(version),
    trainedAt: '2026-11-01T00:00:00.000Z',
    trainingExamples: 3,
    languages: ['en'],
    thresholds: { R1: 0.2 },
  };
};

describe('the S3 model store', () => {
  let runtime: Runtime;
  beforeAll(async () => {
    runtime = await createTestRuntime();
  });

  it('has no current model before one is published', async () => {
    expect(await runtime.models.current()).toBeUndefined();
  });

  it('stores the model under its version and points current.json at it', async () => {
    const serialised = '{"model":"one"}';
    const manifest = manifestFor(serialised);
    await runtime.models.publish(serialised, manifest);
    expect(await runtime.models.current()).toEqual(manifest);
    expect(await runtime.models.load(manifest)).toBe(serialised);
    const pointer = await runtime.s3.send(
      new GetObjectCommand({ Bucket: runtime.config.BUCKET_NAME, Key: CURRENT_MODEL_KEY }),
    );
    expect(JSON.parse((await pointer.Body?.transformToString()) ?? '')).toEqual(manifest);
  });

  it('refuses a manifest whose key is not its version, and moves no pointer', async () => {
    const before = await runtime.models.current();
    await expect(
      runtime.models.publish('{}', { ...manifestFor('{}'), key: 'models/elsewhere.json' }),
    ).rejects.toThrow(/key must be models\/[0-9a-f]{16}\.json/);
    expect(await runtime.models.current()).toEqual(before);
  });

  it('says which model is missing when the pointer names a file that is gone', async () => {
    await expect(runtime.models.load(manifestFor('{"never":"stored"}'))).rejects.toThrow(
      /is missing: s3:\/\//,
    );
  });

  it('will not let the tagger use a stored file that is not the model its pointer names', async () => {
    await runtime.models.publish('{"format":1}', {
      ...manifestFor('{"format":2}'),
      key: modelKey(modelVersion('{"format":2}')),
    });
    await expect(currentModel(runtime.models)).rejects.toThrow(
      /cannot be used: its content does not match its version/,
    );
  });
});
