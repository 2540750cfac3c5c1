import type { Context } from 'aws-lambda';
import { z } from 'zod';
import { sweepUploads } from '../shared/documents/sweep.js';
import { createLogger } from '../shared/logger.js';
import { createRuntime } from '../shared/runtime.js';
import { lambdaInvoke } from '../shared/stores/lambda-invoke.js';
import { measureBacklog, publishBacklog, taggerMetrics } from '../shared/tagging/backlog.js';
import { dispatchTagging, TAGGER_WORKERS, tagSegmentsEvent } from '../shared/tagging/dispatch.js';
import { retrain } from '../shared/tagging/models.js';
import { runTaggingPass } from '../shared/tagging/run.js';

const runtime = createRuntime();
const logger = createLogger('tagger', runtime.config.LOG_LEVEL);
// The CDK house function sets it; the same name the alarms read.
const metrics = taggerMetrics(process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'GcmSynthesis');
const invoke = lambdaInvoke(runtime.config);

/**
 * An EventBridge schedule (any event without an `action`), or `{"action": "tag"}` (the
 * secretariat's "tag now"), dispatches: it invokes this same function once per group of pending
 * segments, `{"action": "tag", "segments": [...]}`, and each of those workers tags its segments.
 * `{"action": "retrain"}` trains and publishes a new model (the secretariat's "retrain" button),
 * and `{"action": "sweep-uploads"}` deletes uploaded files that no live submission names (a daily
 * schedule).
 */
const eventSchema = z
  .looseObject({
    action: z.enum(['tag', 'retrain', 'sweep-uploads']).optional(),
    segments: tagSegmentsEvent.shape.segments.optional(),
  })
  .refine((e) => e.segments === undefined || e.action === 'tag', {
    path: ['segments'],
    message: 'segments go with {"action": "tag"} only',
  });

export async function handler(event: unknown, context: Context) {
  logger.addContext(context);
  const parsed = eventSchema.safeParse(event);
  const known = new Set(runtime.store.pendingSegments());
  if (!parsed.success || parsed.data.segments?.some((segment) => !known.has(segment))) {
    // Thrown, an asynchronous invocation would be retried with the same bad event: say why and stop.
    const problem = `unknown tagger event: expected a schedule, {"action": "tag" | "retrain" | "sweep-uploads"} or {"action": "tag", "segments": [...]} of known segments`;
    const issues = parsed.success
      ? ['segments: unknown segment']
      : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    logger.error(problem, { issues });
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
  const segments = parsed.data.segments;
  if (!segments) {
    const groups = await dispatchTagging({
      segments: runtime.store.pendingSegments(),
      workers: TAGGER_WORKERS,
      invoke,
      functionName: context.functionName,
    });
    // The backlog is measured here, once a run, not by each worker: one figure per tick for the alarms.
    const backlog = await measureBacklog(runtime.store, new Date());
    publishBacklog(metrics, backlog);
    logger.info('tagging dispatched', { workers: groups.length, ...backlog });
    return { ok: true, workers: groups.length, ...backlog };
  }
  const summary = await runTaggingPass(
    {
      store: runtime.store,
      models: runtime.models,
      reading: runtime,
      logger,
      remainingMs: () => context.getRemainingTimeInMillis(),
    },
    { segments, lease: { holder: context.awsRequestId } },
  );
  return { ok: true, ...summary };
}
