import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { METRICS_NAMESPACE } from '../../cdk/house-function.js';
import type { Runtime } from '../../shared/runtime.js';
import {
  measureBacklog,
  publishBacklog,
  TAGGER_METRICS,
  taggerMetrics,
} from '../../shared/tagging/backlog.js';
import { createTestRuntime } from '../support/runtime.js';

let runtime: Runtime;
beforeAll(async () => {
  runtime = await createTestRuntime();
});
afterAll(() => runtime.dynamo.destroy());

const NOW = new Date('2026-11-28T12:00:00Z');

async function pendingAt(iso: string) {
  const id = ulid(Date.parse(iso));
  await runtime.store.create(
    {
      id,
      consultationId: runtime.catalogue.default.id,
      stakeholder: { organization: 'Org', email: 'a@example.org', type: 'other', country: 'FR' },
      language: 'en',
      languageSource: 'declared',
      answers: { Q1: 'Text.' },
      consent: { quote: false, attribution: false },
      submittedAt: iso,
      updatedAt: iso,
      status: 'received',
      version: 1,
      tags: [],
    },
    'hash',
  );
}

describe('the tagger backlog metrics', () => {
  it('are zero for an empty queue', async () => {
    expect(await measureBacklog(runtime.store, NOW)).toEqual({ pending: 0, oldestPendingAgeSeconds: 0 });
  });

  it('count every pending submission and age the oldest from its id', async () => {
    await pendingAt('2026-11-28T11:50:00Z');
    await pendingAt('2026-11-28T11:30:00Z');
    await pendingAt('2026-11-28T11:59:00Z');
    expect(await measureBacklog(runtime.store, NOW)).toEqual({ pending: 3, oldestPendingAgeSeconds: 1800 });
  });

  it('count through the port, over every segment it names', async () => {
    const segments = runtime.store.pendingSegments();
    let counted = 0;
    for (const segment of segments) counted += (await runtime.store.listPending(segment, 1000)).items.length;
    expect(counted).toBe(3);
    expect(new Set(segments).size).toBe(segments.length);
  });

  it('are published by Powertools as one EMF line on stdout, under the names the alarms read', () => {
    const written: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    try {
      publishBacklog(taggerMetrics(METRICS_NAMESPACE), { pending: 3, oldestPendingAgeSeconds: 1800 });
    } finally {
      spy.mockRestore();
    }
    const lines = written.join('').trim().split('\n');
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0] as string);
    expect(line._aws.CloudWatchMetrics[0]).toEqual({
      Namespace: METRICS_NAMESPACE,
      Dimensions: [Object.keys(TAGGER_METRICS.dimensions)],
      Metrics: [
        { Name: TAGGER_METRICS.pending, Unit: 'Count' },
        { Name: TAGGER_METRICS.oldestPendingAge, Unit: 'Seconds' },
      ],
    });
    expect(line).toMatchObject({
      ...TAGGER_METRICS.dimensions,
      [TAGGER_METRICS.pending]: 3,
      [TAGGER_METRICS.oldestPendingAge]: 1800,
    });
  });
});
