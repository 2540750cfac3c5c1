import { z } from 'zod';
import { sweepUploads } from '../shared/documents/sweep.js';
import { createLogger } from '../shared/logger.js';
import { createRuntime } from '../shared/runtime.js';
import { backlogMetricLine, measureBacklog } from '../shared/tagging/backlog.js';
import { retrain } from '../shared/tagging/models.js';
import { runTaggingPass } from '../shared/tagging/run.js';

const runtime = createRuntime();
const logger = createLogger('tagger');
// The CDK house function sets it; the same name the alarms read.
const METRICS_NAMESPACE = process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'GcmSynthesis';

/**
 * An EventBridge schedule (any event without an `action`) runs a tagging pass; `{"action": "tag"}`
 * does too, `{"action": "retrain"}` trains and publishes a new model (the secretariat's
 * "retrain" button), and `{"action": "sweep-uploads"}` deletes uploaded files that no live
 * submission names (a daily schedule).
 */
const eventSchema = z.looseObject({ action: z.enum(['tag', 'retrain', 'sweep-uploads']).optional() });

interface LambdaContext {
  getRemainingTimeInMillis(): number;
}

export async function handler(event: unknown, context: LambdaContext) {
  const parsed = eventSchema.safeParse(event);
  if (!parsed.success) {
    // Thrown, an asynchronous invocation would be retried with the same bad event: say why and stop.
    const problem = `unknown tagger event: expected a schedule or {"action": "tag" | "retrain" | "sweep-uploads"}`;
    logger.error(problem, { issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
    return { ok: false, error: problem };
  }
  if (parsed.data.action === 'sweep-uploads') {
    const summary = await sweepUploads({ store: runtime.store, documents: runtime.documents, logger });
    return { ok: true, ...summary };
  }
  if (parsed.data.action === 'retrain') {
    const published = await retrain({
      store: runtime.store,
      models: runtime.models,
      consultation: runtime.catalogue.default,
    });
    const { version, trainingExamples, evaluation } = published.manifest;
    logger.info('model published', {
      version,
      trainingExamples,
      bytes: published.bytes,
      macroF1: evaluation?.macroF1,
      changed: published.changed,
      current: published.current,
      promotion: published.manifest.quality?.promotion,
    });
    return {
      ok: true,
      model: published.manifest.version,
      changed: published.changed,
      current: published.current,
    };
  }
  const summary = await runTaggingPass({
    store: runtime.store,
    models: runtime.models,
    reading: runtime,
    logger,
    remainingMs: () => context.getRemainingTimeInMillis(),
  });
  // Written straight to stdout: Lambda's JSON log format wraps console output, and CloudWatch would
  // then not read the line as metrics.
  const backlog = await measureBacklog(runtime.store, new Date());
  process.stdout.write(`${backlogMetricLine(METRICS_NAMESPACE, backlog, new Date())}\n`);
  return { ok: true, ...summary, ...backlog };
}
