import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { decodeTime } from 'ulid';
import type { SubmissionStore } from '../stores/ports.js';

/**
 * What the tagger publishes after every run, zeros included, so that an alarm can tell a queue
 * that grows or a submission left waiting. The CDK app alarms on these names.
 */
export const TAGGER_METRICS = {
  pending: 'PendingSubmissions',
  oldestPendingAge: 'OldestPendingAgeSeconds',
  dimensions: { service: 'tagger' },
} as const;

export interface Backlog {
  pending: number;
  oldestPendingAgeSeconds: number;
}

/**
 * Counts the pending index segment by segment; a submission id is a ULID, so the first id of a
 * segment is its oldest and tells its age without reading the item.
 */
export async function measureBacklog(store: SubmissionStore, now: Date): Promise<Backlog> {
  let pending = 0;
  let oldest = Number.POSITIVE_INFINITY;
  for (const segment of store.pendingSegments()) {
    let cursor: string | undefined;
    do {
      const page = await store.listPending(segment, 1000, cursor);
      const first = page.items[0];
      if (first && cursor === undefined) oldest = Math.min(oldest, decodeTime(first));
      pending += page.items.length;
      cursor = page.cursor;
    } while (cursor);
  }
  return {
    pending,
    oldestPendingAgeSeconds: pending === 0 ? 0 : Math.max(0, Math.round((now.getTime() - oldest) / 1000)),
  };
}

/**
 * Publishes the backlog through Powertools Metrics, which writes it as one Embedded Metric Format
 * line straight to stdout (not through Lambda's JSON-wrapped console), so CloudWatch reads it as
 * metrics, under the namespace and dimensions of taggerMetrics.
 */
export function publishBacklog(metrics: Metrics, backlog: Backlog): void {
  metrics.addMetric(TAGGER_METRICS.pending, MetricUnit.Count, backlog.pending);
  metrics.addMetric(TAGGER_METRICS.oldestPendingAge, MetricUnit.Seconds, backlog.oldestPendingAgeSeconds);
  metrics.publishStoredMetrics();
}

/** Powertools names the `service` dimension after its service: the one dimension the alarms read. */
export function taggerMetrics(namespace: string): Metrics {
  return new Metrics({ namespace, serviceName: TAGGER_METRICS.dimensions.service });
}
