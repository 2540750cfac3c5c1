import { PutObjectCommand } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { uploadKey } from '../../shared/documents/model.js';
import { ABANDONED_AFTER_MS, sweepUploads } from '../../shared/documents/sweep.js';
import { createLogger } from '../../shared/logger.js';
import type { Runtime } from '../../shared/runtime.js';
import { CONSULTATION_ID, postJson, submissionBody, submissionsPath, testApp } from '../support/factories.js';
import { createTestRuntime } from '../support/runtime.js';
import { FREE_FORM, pdf } from './samples.js';

const logger = createLogger('test', 'SILENT');

let runtime: Runtime;
beforeAll(async () => {
  runtime = await createTestRuntime();
});

async function put(uploadId: string) {
  await runtime.s3.send(
    new PutObjectCommand({
      Bucket: runtime.config.BUCKET_NAME,
      Key: uploadKey(CONSULTATION_ID, uploadId),
      Body: await pdf(FREE_FORM),
    }),
  );
}

async function submitWith(uploadId: string) {
  const app = testApp(runtime, { documents: runtime.documents });
  const response = await postJson(app, submissionsPath(), { ...submissionBody(), document: { uploadId } });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

const exists = async (uploadId: string) =>
  (await runtime.documents.head(uploadKey(CONSULTATION_ID, uploadId))) !== undefined;

describe('the upload sweep', () => {
  it('deletes abandoned uploads and the files of withdrawn submissions, and keeps the rest', async () => {
    const [abandoned, live, withdrawn] = [
      'abandoned0000000000000',
      'live000000000000000000',
      'withdrawn0000000000000',
    ];
    for (const id of [abandoned, live, withdrawn]) await put(id);
    await submitWith(live);
    const gone = await submitWith(withdrawn);
    // A withdrawal whose delete never happened: the tombstone is written, the file is still there.
    const record = await runtime.store.get(gone);
    await runtime.store.withdraw(gone, record?.submission.version ?? 0, new Date().toISOString());

    // Nothing is a day old yet: a person may still be filling in the form that uploaded it.
    expect(await sweepUploads({ store: runtime.store, documents: runtime.documents, logger })).toEqual({
      examined: 0,
      deleted: 0,
    });

    const tomorrow = () => new Date(Date.now() + ABANDONED_AFTER_MS + 60_000);
    const summary = await sweepUploads({
      store: runtime.store,
      documents: runtime.documents,
      logger,
      now: tomorrow,
    });
    expect(summary).toEqual({ examined: 3, deleted: 2 });
    expect(await exists(abandoned)).toBe(false);
    expect(await exists(withdrawn)).toBe(false);
    expect(await exists(live)).toBe(true);
  });
});
