import { StateConflictError } from '../errors.js';
import type { ReviewStore } from '../stores/ports.js';
import type { JobKind, JobRecord } from './model.js';

/**
 * The admin's "run tagging now", "compile the report now" and "retrain": a port with two adapters.
 * In process (npm start, tests), the job runs here and its record says how it ended; on AWS the
 * tagger or report function is invoked asynchronously and its record says it was handed over.
 * Either way the record of the last run of each kind is kept in the table, for the dashboard.
 */
export interface JobRunner {
  /** The kinds this deployment can run; the dashboard offers only these. */
  readonly available: readonly JobKind[];
  start(kind: JobKind, consultationId: string, by: string): Promise<JobRecord>;
}

/** One job's work in this process: it answers a short outcome a person can read. */
export type JobWork = (consultationId: string) => Promise<string>;

export interface InProcessJobRunner extends JobRunner {
  /** Resolves when no job is running: tests wait on it, and a shutdown should. */
  idle(): Promise<void>;
}

export function inProcessJobRunner(
  reviews: ReviewStore,
  work: Partial<Record<JobKind, JobWork>>,
  now: () => Date = () => new Date(),
): InProcessJobRunner {
  const running = new Map<JobKind, Promise<void>>();
  return {
    available: (Object.keys(work) as JobKind[]).sort(),
    async start(kind, consultationId, by) {
      const job = work[kind];
      if (!job) throw new StateConflictError('job_unavailable');
      if (running.has(kind)) throw new StateConflictError('job_running');
      const record: JobRecord = { kind, state: 'running', startedAt: now().toISOString(), startedBy: by };
      const run = (async () => {
        await reviews.putJob(record);
        const outcome = await job(consultationId).then(
          (summary) => ({ state: 'succeeded' as const, summary }),
          (error: unknown) => ({
            state: 'failed' as const,
            summary: error instanceof Error ? error.message : String(error),
          }),
        );
        await reviews.putJob({ ...record, ...outcome, finishedAt: now().toISOString() });
      })().finally(() => running.delete(kind));
      running.set(kind, run);
      return record;
    },
    async idle() {
      await Promise.allSettled([...running.values()]);
    },
  };
}

/** Hands a job to another function without waiting for it. */
export type Invoke = (functionName: string, payload: Record<string, unknown>) => Promise<void>;

/**
 * On AWS: tagging and retraining go to the tagger function (`{"action": "tag" | "retrain"}`), the
 * report to the report function (`{"consultationId": ...}`), each invoked asynchronously.
 */
export function invokingJobRunner(
  reviews: ReviewStore,
  invoke: Invoke,
  functions: { tagger?: string; report?: string },
  now: () => Date = () => new Date(),
): JobRunner {
  const targets: Partial<Record<JobKind, (consultationId: string) => [string, Record<string, unknown>]>> = {
    ...(functions.tagger
      ? {
          tag: () => [functions.tagger as string, { action: 'tag' }],
          train: () => [functions.tagger as string, { action: 'retrain' }],
        }
      : {}),
    ...(functions.report
      ? { report: (id: string) => [functions.report as string, { consultationId: id }] }
      : {}),
  };
  return {
    available: (Object.keys(targets) as JobKind[]).sort(),
    async start(kind, consultationId, by) {
      const target = targets[kind];
      if (!target) throw new StateConflictError('job_unavailable');
      await invoke(...target(consultationId));
      const record: JobRecord = {
        kind,
        state: 'invoked',
        startedAt: now().toISOString(),
        startedBy: by,
      };
      await reviews.putJob(record);
      return record;
    },
  };
}
