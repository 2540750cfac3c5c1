import type { Context } from 'aws-lambda';
import { z } from 'zod';
import { createLogger } from '../shared/logger.js';
import { createRuntime } from '../shared/runtime.js';
import { compileReport } from '../shared/synthesis/compile.js';

const runtime = createRuntime();
const logger = createLogger('report', runtime.config.LOG_LEVEL);

/**
 * The report compiler. An EventBridge schedule (any event without a `consultationId`) compiles the
 * report of every consultation served; `{"consultationId": "..."}` compiles that one on demand
 * (the secretariat's "compile now").
 */
const eventSchema = z.looseObject({ consultationId: z.string().min(1).optional() });

export async function handler(event: unknown, context: Context) {
  logger.addContext(context);
  const parsed = eventSchema.safeParse(event);
  if (!parsed.success) {
    // Thrown, an asynchronous invocation would be retried with the same bad event: say why and stop.
    const problem = 'unknown report event: expected a schedule or {"consultationId": "..."}';
    logger.error(problem, { issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
    return { ok: false, error: problem };
  }
  const ids = parsed.data.consultationId
    ? [parsed.data.consultationId]
    : runtime.catalogue.all().map((c) => c.id);
  const reports = [];
  for (const id of ids)
    reports.push({ consultationId: id, ...(await compileReport({ ...runtime, logger }, id)) });
  return { ok: true, reports };
}
