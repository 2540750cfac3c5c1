import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../shared/runtime.js';
import { backlogMetricLine, measureBacklog, TAGGER_METRICS } from '../../shared/tagging/backlog.js';
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

  it('are written as one Embedded Metric Format line the alarms can read', () => {
    const line = JSON.parse(
      backlogMetricLine('GcmSynthesis', { pending: 3, oldestPendingAgeSeconds: 1800 }, NOW),
    );
    expect(line._aws.CloudWatchMetrics[0]).toEqual({
      Namespace: 'GcmSynthesis',
      Dimensions: [['service']],
      Metrics: [
        { Name: TAGGER_METRICS.pending, Unit: 'Count' },
        { Name: TAGGER_METRICS.oldestPendingAge, Unit: 'Seconds' },
      ],
    });
    expect(line).toMatchObject({ service: 'tagger', PendingSubmissions: 3, OldestPendingAgeSeconds: 1800 });
    expect(line._aws.Timestamp).toBe(NOW.getTime());
  });
});
