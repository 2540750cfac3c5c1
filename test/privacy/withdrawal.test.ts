import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOMBSTONE_FIELDS } from '../../shared/submission.js';
import { api, type ReviewFixture, reviewFixture, tokenFor } from '../review/support.js';
import { postJson, submissionBody, submissionsPath } from '../support/factories.js';

let fx: ReviewFixture;
let reviewer: string;

beforeAll(async () => {
  fx = await reviewFixture();
  reviewer = await tokenFor(fx, 'withdrawal.reviewer@example.org', 'reviewer');
});
afterAll(() => fx.runtime.dynamo.destroy());

describe('withdrawal after review', () => {
  it('keeps nothing but the tombstone: no review note, rejected tags or other review field', async () => {
    const sent = await postJson(fx.app, submissionsPath(), submissionBody());
    const { id, receiptToken } = (await sent.json()) as { id: string; receiptToken: string };
    // The tagger proposes a tag; a reviewer rejects it, excludes the submission and leaves a note.
    const stored = await fx.runtime.store.get(id);
    const at = fx.clock.now.toISOString();
    const tagged = await fx.runtime.store.saveModelTags(id, stored?.submission.version ?? 0, {
      tags: [
        {
          recommendationId: 'R1',
          score: 0.9,
          questionId: 'Q1',
          evidence: [],
          modelVersion: 'm',
          source: 'model',
        },
      ],
      modelVersion: 'm',
      taggedAt: at,
      language: 'en',
      status: 'tagged',
    });
    const reviewed = await api(fx, 'PATCH', `/api/admin/submissions/${id}`, reviewer, {
      version: tagged.version,
      reject: ['R1'],
      exclusion: 'off_topic',
      note: 'private note about this organisation',
      reviewed: true,
    });
    expect(reviewed.status).toBe(200);

    const withdrawn = await fx.app.request(`/api/submissions/${id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${receiptToken}` },
    });
    expect(withdrawn.status).toBe(200);

    const { Item } = await fx.runtime.dynamo.send(
      new GetCommand({
        TableName: fx.runtime.config.TABLE_NAME,
        Key: { pk: `SUB#${id}`, sk: 'SUB' },
        ConsistentRead: true,
      }),
    );
    const bookkeeping = ['pk', 'sk', 'consultationShard', 'receiptHash'];
    expect(Object.keys(Item ?? {}).sort()).toEqual([...TOMBSTONE_FIELDS, ...bookkeeping].sort());
    expect(JSON.stringify(Item)).not.toContain('private note');
    // What the secretariat reads of it is the tombstone too.
    const shown = await api(fx, 'GET', `/api/admin/submissions/${id}`, reviewer);
    const { submission } = (await shown.json()) as { submission: Record<string, unknown> };
    expect(Object.keys(submission).sort()).toEqual([...TOMBSTONE_FIELDS].sort());
  });
});
