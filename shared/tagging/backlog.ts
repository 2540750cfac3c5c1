import { decodeTime } from 'ulid';
import type { SubmissionStore } from '../stores/ports.js';
import { TABLE } from '../stores/table.js';

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
 * Counts the pending index shard by shard; a submission id is a ULID, so the first id of a shard
 * is its oldest and tells its age without reading the item.
 */
export async function measureBacklog(store: SubmissionStore, now: Date): Promise<Backlog> {
  let pending = 0;
  let oldest = Number.POSITIVE_INFINITY;
  for (let shard = 0; shard < TABLE.shardCount; shard++) {
    let cursor: string | undefined;
    do {
      const page = await store.listPending(shard, 1000, cursor);
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

/** One CloudWatch Embedded Metric Format line: CloudWatch turns it into metrics as it is logged. */
export function backlogMetricLine(namespace: string, backlog: Backlog, now: Date): string {
  return JSON.stringify({
    _aws: {
      Timestamp: now.getTime(),
      CloudWatchMetrics: [
        {
          Namespace: namespace,
          Dimensions: [Object.keys(TAGGER_METRICS.dimensions)],
          Metrics: [
            { Name: TAGGER_METRICS.pending, Unit: 'Count' },
            { Name: TAGGER_METRICS.oldestPendingAge, Unit: 'Seconds' },
          ],
        },
      ],
    },
    ...TAGGER_METRICS.dimensions,
    [TAGGER_METRICS.pending]: backlog.pending,
    [TAGGER_METRICS.oldestPendingAge]: backlog.oldestPendingAgeSeconds,
  });
}
