import type { Logger } from '@aws-lambda-powertools/logger';
import type { ReviewDeps } from '../../shared/http/context.js';
import { ensureFirstAdmin } from '../../shared/review/accounts.js';
import { type InProcessJobRunner, inProcessJobRunner } from '../../shared/review/jobs.js';
import type { Runtime } from '../../shared/runtime.js';
import { DynamoDbReviewStore } from '../../shared/stores/review-dynamodb.js';
import { compileReport } from '../../shared/synthesis/compile.js';
import { retrain } from '../../shared/tagging/models.js';
import { runTaggingPass } from '../../shared/tagging/run.js';

/**
 * The secretariat's workspace under `npm start`: its store, jobs that run in this process, and the
 * first admin when the table has no account yet (the lines to print once, with its password).
 */
export async function localReview(
  runtime: Runtime,
  logger: Logger,
): Promise<{ review: ReviewDeps; jobs: InProcessJobRunner; firstAdmin?: string[] }> {
  const reviews = new DynamoDbReviewStore(runtime.dynamo, runtime.config.TABLE_NAME);
  const jobs = inProcessJobRunner(reviews, {
    tag: async () => {
      const s = await runTaggingPass({ store: runtime.store, models: runtime.models, logger });
      return `${s.tagged} tagged, ${s.skipped} skipped, ${s.conflicts} changed by a reviewer meanwhile, ${s.failed} failed (model ${s.modelVersion}, ${s.durationMs} ms)`;
    },
    report: async (consultationId) => {
      const r = await compileReport(
        {
          store: runtime.store,
          reports: runtime.reports,
          models: runtime.models,
          catalogue: runtime.catalogue,
          logger,
        },
        consultationId,
      );
      return `${r.submissions} submissions, ${r.unchanged ? 'unchanged since the last report' : `report ${r.stamp}`} (${r.durationMs} ms)`;
    },
    train: async (consultationId) => {
      const consultation = runtime.catalogue.get(consultationId) ?? runtime.catalogue.default;
      const { manifest, reviewerExamples, changed, current } = await retrain({
        store: runtime.store,
        models: runtime.models,
        consultation,
      });
      const f1 = manifest.evaluation ? `, macro-F1 ${manifest.evaluation.macroF1.toFixed(3)}` : '';
      const kept = current ? '' : ' (stored, not current: it scores lower on the independent set)';
      return `model ${manifest.version}${changed ? '' : ' (unchanged)'}${kept}: ${manifest.trainingExamples} examples, ${reviewerExamples} from reviewers${f1}`;
    },
  });
  const firstAdmin = await ensureFirstAdmin(
    { reviews, now: () => new Date() },
    {
      ...(runtime.config.SECRETARIAT_EMAIL ? { email: runtime.config.SECRETARIAT_EMAIL } : {}),
      ...(runtime.config.SECRETARIAT_PASSWORD ? { password: runtime.config.SECRETARIAT_PASSWORD } : {}),
    },
  );
  return {
    review: {
      reviews,
      jobs,
      models: runtime.models,
      signInsPerMinute: runtime.config.SIGN_IN_RATE_PER_MINUTE,
    },
    jobs,
    ...(firstAdmin ? { firstAdmin } : {}),
  };
}
