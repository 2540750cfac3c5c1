import { z } from 'zod';
import type { Invoke } from '../review/jobs.js';

/**
 * How many tagging workers run at once on AWS. The CDK stack derives the tagger's reserved
 * concurrency from it (cdk/stateless.ts), so Lambda itself holds the bound.
 */
export const TAGGER_WORKERS = 4;

/** What a worker is asked to do: tag the submissions waiting in these segments of the pending index. */
export const tagSegmentsEvent = z.object({
  action: z.literal('tag'),
  segments: z.array(z.string().min(1)).min(1),
});
export type TagSegmentsEvent = z.infer<typeof tagSegmentsEvent>;

/** Deals the segments round-robin into at most `workers` groups, none empty; each segment once. */
export function segmentGroups(segments: readonly string[], workers: number): string[][] {
  if (!Number.isInteger(workers) || workers < 1)
    throw new RangeError(`workers must be 1 or more, not ${workers}`);
  const groups: string[][] = Array.from({ length: Math.min(workers, segments.length) }, () => []);
  segments.forEach((segment, i) => {
    groups[i % groups.length]?.push(segment);
  });
  return groups;
}

/**
 * The scheduled run on AWS: invokes the tagger function asynchronously once per group of
 * segments and returns at once. Overlapping workers are kept apart by the segment leases
 * (shared/tagging/run.ts), and their number by the function's reserved concurrency.
 */
export async function dispatchTagging(deps: {
  segments: readonly string[];
  workers: number;
  invoke: Invoke;
  functionName: string;
}): Promise<string[][]> {
  const groups = segmentGroups(deps.segments, deps.workers);
  await Promise.all(
    groups.map((segments) =>
      deps.invoke(deps.functionName, { action: 'tag', segments } satisfies TagSegmentsEvent),
    ),
  );
  return groups;
}
