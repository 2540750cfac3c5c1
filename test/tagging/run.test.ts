import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../shared/errors.js';
import { createLogger } from '../../shared/logger.js';
import type { Runtime } from '../../shared/runtime.js';
import type { SubmissionStore } from '../../shared/stores/ports.js';
import type { Submission, Tag } from '../../shared/submission.js';
import { currentModel, retrain } from '../../shared/tagging/models.js';
import { runTaggingPass, TIME_RESERVE_MS } from '../../shared/tagging/run.js';
import { postJson, submissionBody, submissionsPath, testApp } from '../support/factories.js';
import { createTestRuntime } from '../support/runtime.js';

const logger = createLogger('test', 'SILENT');

const ANSWERS = {
  media: {
    Q3: 'Journalists shape how people see migrants. We propose regular dialogue between the ministry and newsrooms, training for reporters on migration coverage, and media campaigns that build public support.',
  },
  french: {
    Q2: "Trop de migrants ignorent leurs droits. Nous demandons que chaque travailleur migrant reçoive, dans sa langue, une information complète sur ses droits et sur l'aide juridique, pour qu'il puisse accéder à la justice.",
  },
  teachers: {
    Q2: 'Teachers are the first to hear pupils repeat racist prejudice about newcomers. We train teachers and youth educators to discuss xenophobia in the classroom, so that young people question negative stereotypes.',
  },
};

async function submitMany(runtime: Runtime, count: number, answers: Record<string, string> = ANSWERS.media) {
  const app = testApp(runtime);
  const receipts: { id: string; receiptToken: string }[] = [];
  for (let i = 0; i < count; i++) {
    const response = await postJson(app, submissionsPath(), submissionBody({ answers }));
    expect(response.status).toBe(201);
    receipts.push((await response.json()) as { id: string; receiptToken: string });
  }
  return receipts;
}

async function stored(runtime: Runtime, id: string): Promise<Submission> {
  return (await runtime.store.get(id))?.submission as Submission;
}

/** What the review workspace writes when a reviewer decides, without leaving (or leaving) the queue. */
async function reviewerDecides(runtime: Runtime, id: string, tags: Tag[], leaveQueue: boolean) {
  await runtime.dynamo.send(
    new UpdateCommand({
      TableName: runtime.config.TABLE_NAME,
      Key: { pk: `SUB#${id}`, sk: 'SUB' },
      UpdateExpression: `SET tags = :tags, #status = :reviewed, updatedAt = :at, version = version + :one${leaveQueue ? ' REMOVE pendingShard' : ''}`,
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':tags': tags,
        ':reviewed': 'reviewed',
        ':at': new Date().toISOString(),
        ':one': 1,
      },
    }),
  );
}

const reviewerTag = (recommendationId: string, questionId = 'Q3'): Tag => ({
  recommendationId,
  score: 1,
  questionId,
  evidence: [],
  modelVersion: 'reviewer',
  source: 'reviewer',
});

describe('a tagging pass on the local stack', () => {
  let runtime: Runtime;
  beforeAll(async () => {
    runtime = await createTestRuntime();
  });

  it('tags what waits, with evidence and language, and the owner sees the status only', async () => {
    const [media, french] = [
      (await submitMany(runtime, 1))[0],
      (await submitMany(runtime, 1, ANSWERS.french))[0],
    ];
    if (!media || !french) throw new Error('no receipt');

    const summary = await runTaggingPass({ store: runtime.store, models: runtime.models, logger });
    expect(summary).toMatchObject({ tagged: 2, skipped: 0, conflicts: 0, failed: 0, remaining: false });

    const tagged = await stored(runtime, media.id);
    expect(tagged.status).toBe('tagged');
    expect(tagged.modelVersion).toBe(summary.modelVersion);
    expect(tagged.version).toBe(2);
    const r7 = tagged.tags.find((t) => t.recommendationId === 'R7');
    expect(r7).toMatchObject({ questionId: 'Q3', source: 'model', modelVersion: summary.modelVersion });
    expect(r7?.evidence[0]?.text).toBe(
      ANSWERS.media.Q3.slice(r7?.evidence[0]?.start ?? 0, r7?.evidence[0]?.end ?? 0),
    );

    // Declared English, written in French: the tagger goes by the text and records what it found.
    const frenchTagged = await stored(runtime, french.id);
    expect(frenchTagged.language).toBe('fr');
    expect(frenchTagged.tags.map((t) => t.recommendationId)).toContain('R4');

    const view = await testApp(runtime).request(`/api/submissions/${media.id}`, {
      headers: { authorization: `Bearer ${media.receiptToken}` },
    });
    const body = (await view.json()) as Record<string, unknown>;
    expect(body.status).toBe('tagged');
    expect(body).not.toHaveProperty('tags');
    expect(JSON.stringify(body)).not.toContain('evidence');
  });

  it('tags nothing twice when run again, and skips what was withdrawn', async () => {
    const [keep, gone] = await submitMany(runtime, 2);
    if (!keep || !gone) throw new Error('no receipt');
    const withdrawn = await testApp(runtime).request(`/api/submissions/${gone.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${gone.receiptToken}` },
    });
    expect(withdrawn.status).toBeLessThan(300);

    const first = await runTaggingPass({ store: runtime.store, models: runtime.models, logger });
    expect(first.tagged).toBe(1);
    const second = await runTaggingPass({ store: runtime.store, models: runtime.models, logger });
    expect(second).toMatchObject({ tagged: 0, conflicts: 0, failed: 0 });
    expect((await stored(runtime, keep.id)).version).toBe(2);
    expect((await runtime.store.get(gone.id))?.submission.status).toBe('withdrawn');
  });

  it('after a crash in the middle of a batch, a rerun tags the rest: nothing lost, nothing twice', async () => {
    const receipts = await submitMany(runtime, 6);
    let writes = 0;
    const failing: SubmissionStore = Object.create(runtime.store, {
      saveModelTags: {
        value: (...args: Parameters<SubmissionStore['saveModelTags']>) => {
          writes++;
          if (writes === 3)
            return Promise.reject(new StoreUnavailableError('dynamodb', new Error('connection reset')));
          return runtime.store.saveModelTags(...args);
        },
      },
    });
    await expect(
      runTaggingPass({ store: failing, models: runtime.models, logger }, { batchSize: 4 }),
    ).rejects.toBeInstanceOf(StoreUnavailableError);
    const afterCrash = await Promise.all(receipts.map((r) => stored(runtime, r.id)));
    const survived = afterCrash.filter((s) => s.status === 'tagged').length;
    expect(survived).toBeGreaterThan(0);
    expect(survived).toBeLessThan(receipts.length);

    const rerun = await runTaggingPass({ store: runtime.store, models: runtime.models, logger });
    expect(rerun.tagged).toBe(receipts.length - survived);
    for (const receipt of receipts) {
      const submission = await stored(runtime, receipt.id);
      expect(submission.status).toBe('tagged');
      expect(submission.version).toBe(2);
    }
  });

  it('loses the race to a reviewer: their tags and status stand, the next pass adds only model tags', async () => {
    const [receipt] = await submitMany(runtime, 1);
    if (!receipt) throw new Error('no receipt');
    let raced = false;
    const racing: SubmissionStore = Object.create(runtime.store, {
      get: {
        value: async (id: string) => {
          const record = await runtime.store.get(id);
          // The reviewer saves between the tagger's read and its write, and leaves it queued.
          if (id === receipt.id && !raced) {
            raced = true;
            await reviewerDecides(runtime, id, [reviewerTag('R2')], false);
          }
          return record;
        },
      },
    });
    const summary = await runTaggingPass({ store: racing, models: runtime.models, logger });
    expect(summary).toMatchObject({ tagged: 0, conflicts: 1 });
    const afterRace = await stored(runtime, receipt.id);
    expect(afterRace.status).toBe('reviewed');
    expect(afterRace.tags).toEqual([reviewerTag('R2')]);

    const next = await runTaggingPass({ store: runtime.store, models: runtime.models, logger });
    expect(next.tagged).toBe(1);
    const retagged = await stored(runtime, receipt.id);
    expect(retagged.status).toBe('reviewed');
    expect(retagged.tags[0]).toEqual(reviewerTag('R2'));
    expect(retagged.tags.slice(1).every((t) => t.source === 'model')).toBe(true);
    expect(retagged.tags.map((t) => t.recommendationId)).toContain('R7');
  });

  it('never proposes a recommendation a reviewer already decided', async () => {
    const [receipt] = await submitMany(runtime, 1);
    if (!receipt) throw new Error('no receipt');
    const decided = { ...reviewerTag('R7'), score: 0.5, evidence: [] };
    await reviewerDecides(runtime, receipt.id, [decided], false);
    await runTaggingPass({ store: runtime.store, models: runtime.models, logger });
    const submission = await stored(runtime, receipt.id);
    expect(submission.tags.filter((t) => t.recommendationId === 'R7')).toEqual([decided]);
  });

  it('stops before its time runs out and leaves the rest queued for the next run', async () => {
    const local = await createTestRuntime();
    const receipts = await submitMany(local, 5);
    let batches = 0;
    // Plenty of time for the first look at the queue, then none.
    const remainingMs = () => (batches++ < 1 ? 60_000 : TIME_RESERVE_MS - 1);
    const summary = await runTaggingPass(
      { store: local.store, models: local.models, logger, remainingMs },
      { batchSize: 1 },
    );
    expect(summary.remaining).toBe(true);
    expect(summary.tagged).toBeLessThanOrEqual(1);
    const rest = await runTaggingPass({ store: local.store, models: local.models, logger });
    expect(rest.remaining).toBe(false);
    expect(summary.tagged + rest.tagged).toBe(receipts.length);
  });

  it('refuses a batch size that is not a sensible whole number', async () => {
    await expect(
      runTaggingPass({ store: runtime.store, models: runtime.models, logger }, { batchSize: 0 }),
    ).rejects.toThrow(/batchSize must be a whole number from 1 to 1000, not 0/);
  });
});

describe('retraining', () => {
  it('publishes a new version from reviewer decisions, and the next pass tags with it', async () => {
    const runtime = await createTestRuntime();
    const consultation = runtime.catalogue.default;
    const first = await retrain({ store: runtime.store, models: runtime.models, consultation });
    expect(first.changed).toBe(true);
    expect(first.manifest.evaluation?.macroF1).toBeGreaterThan(0.5);
    expect((await runtime.models.current())?.version).toBe(first.manifest.version);

    const [early] = await submitMany(runtime, 1, ANSWERS.teachers);
    if (!early) throw new Error('no receipt');
    const before = await runTaggingPass({ store: runtime.store, models: runtime.models, logger });
    expect(before.modelVersion).toBe(first.manifest.version);

    // A reviewer reads the answer differently: it becomes training data.
    await reviewerDecides(runtime, early.id, [reviewerTag('R3', 'Q2'), reviewerTag('R1', 'Q2')], true);
    // Forced current: whether one more example lowers the independent score is not this test's question.
    const second = await retrain({ store: runtime.store, models: runtime.models, consultation, force: true });
    expect(second.current).toBe(true);
    expect(second.reviewerExamples).toBe(1);
    expect(second.manifest.version).not.toBe(first.manifest.version);
    expect(second.manifest.trainingExamples).toBe(first.manifest.trainingExamples + 1);

    const [late] = await submitMany(runtime, 1, ANSWERS.teachers);
    if (!late) throw new Error('no receipt');
    const after = await runTaggingPass({ store: runtime.store, models: runtime.models, logger });
    expect(after).toMatchObject({ tagged: 1, modelVersion: second.manifest.version });
    expect((await stored(runtime, late.id)).modelVersion).toBe(second.manifest.version);
    expect((await currentModel(runtime.models)).version).toBe(second.manifest.version);
    // Each retraining trains (grouped CV, calibration) and measures two models on both sets.
  }, 240_000);
});
