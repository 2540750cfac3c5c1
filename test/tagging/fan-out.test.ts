import { beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../shared/logger.js';
import type { Runtime } from '../../shared/runtime.js';
import type { Submission } from '../../shared/submission.js';
import { dispatchTagging, segmentGroups, TAGGER_WORKERS } from '../../shared/tagging/dispatch.js';
import { runTaggingPass } from '../../shared/tagging/run.js';
import { postJson, submissionBody, submissionsPath, testApp } from '../support/factories.js';
import { createTestRuntime } from '../support/runtime.js';

const logger = createLogger('test', 'SILENT');
const ANSWERS = {
  Q3: 'Journalists shape how people see migrants. We propose regular dialogue between the ministry and newsrooms, training for reporters on migration coverage, and media campaigns that build public support.',
};
const FUTURE = new Date(Date.now() + 60 * 60_000);

/** Which segment each waiting id sits in, read through the port. */
async function pendingBySegment(runtime: Runtime): Promise<Map<string, string[]>> {
  const bySegment = new Map<string, string[]>();
  for (const segment of runtime.store.pendingSegments())
    bySegment.set(segment, (await runtime.store.listPending(segment, 1000)).items);
  return bySegment;
}

async function submit(runtime: Runtime, count: number) {
  const app = testApp(runtime);
  for (let i = 0; i < count; i++) {
    const response = await postJson(app, submissionsPath(), submissionBody({ answers: ANSWERS }));
    expect(response.status).toBe(201);
  }
}

const tagged = async (runtime: Runtime, id: string) =>
  ((await runtime.store.get(id))?.submission as Submission | undefined)?.modelVersion !== undefined;

describe('the dispatcher', () => {
  it.each([1, 3, TAGGER_WORKERS, 16, 40])(
    'deals 16 segments to %i workers, each segment exactly once',
    (workers) => {
      const segments = Array.from({ length: 16 }, (_, i) => `s${i}`);
      const groups = segmentGroups(segments, workers);
      expect(groups).toHaveLength(Math.min(workers, 16));
      expect(groups.every((group) => group.length > 0)).toBe(true);
      expect(groups.flat().sort()).toEqual([...segments].sort());
    },
  );

  it('refuses a worker count that is not a whole number of at least one', () => {
    expect(() => segmentGroups(['a'], 0)).toThrow(RangeError);
  });

  it('invokes the tagger once per group with a tag event naming its segments', async () => {
    const runtime = await createTestRuntime();
    const invoked: { functionName: string; payload: Record<string, unknown> }[] = [];
    const groups = await dispatchTagging({
      segments: runtime.store.pendingSegments(),
      workers: TAGGER_WORKERS,
      functionName: 'tagger-fn',
      invoke: async (functionName, payload) => {
        invoked.push({ functionName, payload });
      },
    });
    expect(invoked).toEqual(
      groups.map((segments) => ({ functionName: 'tagger-fn', payload: { action: 'tag', segments } })),
    );
    expect(invoked.flatMap((i) => i.payload.segments as string[]).sort()).toEqual(
      [...runtime.store.pendingSegments()].sort(),
    );
    runtime.dynamo.destroy();
  });
});

describe('tagging workers', () => {
  let runtime: Runtime;
  beforeAll(async () => {
    runtime = await createTestRuntime();
  });

  it('a pass over some segments tags only the submissions in those', async () => {
    await submit(runtime, 12);
    const before = await pendingBySegment(runtime);
    const occupied = [...before].filter(([, ids]) => ids.length > 0).map(([segment]) => segment);
    expect(occupied.length).toBeGreaterThan(1);
    const [chosen, ...others] = occupied as [string, ...string[]];

    const summary = await runTaggingPass(
      { store: runtime.store, models: runtime.models, logger },
      { segments: [chosen] },
    );

    expect(summary.tagged).toBe(before.get(chosen)?.length);
    for (const id of before.get(chosen) ?? []) expect(await tagged(runtime, id)).toBe(true);
    const after = await pendingBySegment(runtime);
    expect(after.get(chosen)).toEqual([]);
    for (const segment of others) expect(after.get(segment)).toEqual(before.get(segment));
  });

  it('skips a segment another worker holds, and tags it once the lease is released', async () => {
    const [held] = [...(await pendingBySegment(runtime))].find(([, ids]) => ids.length > 0) ?? [];
    if (!held) throw new Error('nothing pending');
    const waiting = (await pendingBySegment(runtime)).get(held) ?? [];
    expect(await runtime.store.leaseSegment(held, 'worker-a', FUTURE, new Date())).toBe(true);

    const second = await runTaggingPass(
      { store: runtime.store, models: runtime.models, logger },
      { segments: [held], lease: { holder: 'worker-b' } },
    );
    expect(second).toMatchObject({ tagged: 0, segmentsSkipped: 1 });
    expect((await pendingBySegment(runtime)).get(held)).toEqual(waiting);

    await runtime.store.releaseSegment(held, 'worker-a');
    const third = await runTaggingPass(
      { store: runtime.store, models: runtime.models, logger },
      { segments: [held], lease: { holder: 'worker-b' } },
    );
    expect(third).toMatchObject({ tagged: waiting.length, segmentsSkipped: 0 });
    // The pass gave its lease back: the next worker takes the segment at once.
    expect(await runtime.store.leaseSegment(held, 'worker-c', FUTURE, new Date())).toBe(true);
    await runtime.store.releaseSegment(held, 'worker-c');
  });

  it('lets a lease lapse at its expiry, and a stale holder cannot release the new one', async () => {
    const [segment] = runtime.store.pendingSegments() as [string];
    const t0 = new Date('2026-12-01T10:00:00Z');
    const until = new Date('2026-12-01T10:10:00Z');
    expect(await runtime.store.leaseSegment(segment, 'worker-a', until, t0)).toBe(true);
    expect(
      await runtime.store.leaseSegment(segment, 'worker-b', FUTURE, new Date('2026-12-01T10:09:59Z')),
    ).toBe(false);
    expect(await runtime.store.leaseSegment(segment, 'worker-b', FUTURE, until)).toBe(true);
    await runtime.store.releaseSegment(segment, 'worker-a');
    expect(await runtime.store.leaseSegment(segment, 'worker-c', FUTURE, until)).toBe(false);
    await runtime.store.releaseSegment(segment, 'worker-b');
    expect(await runtime.store.leaseSegment(segment, 'worker-c', FUTURE, until)).toBe(true);
  });

  it('refuses a segment the index does not have rather than reading an empty queue', async () => {
    await expect(runtime.store.listPending('16', 10)).rejects.toThrow(RangeError);
  });
});
