import { serve } from '@hono/node-server';
import { readConfig } from '../shared/config.js';
import { createApp } from '../shared/http/app.js';
import { createLogger } from '../shared/logger.js';
import { compileReport } from '../shared/synthesis/compile.js';
import { runTaggingPass } from '../shared/tagging/run.js';
import {
  announceStack,
  findRunningStack,
  retractStack,
  runtimeOn,
  startEmbeddedStack,
} from './local/embedded-stack.js';
import { startLocalMail } from './local/mail.js';
import { mailboxRoutes } from './local/mailbox.js';
import { localReview } from './local/review.js';
import { scheduleEvery } from './local/schedule.js';

/**
 * `npm start`: the whole system on this machine. Embedded DynamoDB and S3 servers keep their data
 * under DATA_DIR, the app serves on PORT, and timers stand in for the EventBridge schedules.
 */
const base = readConfig();

const already = await findRunningStack(base.DATA_DIR);
if (already) {
  console.error(
    `Another npm start (pid ${already.pid}) is using ${base.DATA_DIR} and serves ${already.appUrl}.`,
  );
  process.exit(1);
}

// Listening on this machine only, by default: the embedded S3 and DynamoDB are open to anyone who
// can reach them, and the app should not be reachable from the network by surprise either.
const local = base.HOST === '127.0.0.1' || base.HOST === 'localhost' || base.HOST === '::1';
// The address this prints is the one links leave by (the receipt page, the mailed receipts).
const appUrl = (base.PUBLIC_BASE_URL ?? `http://${local ? 'localhost' : base.HOST}:${base.PORT}`).replace(
  /\/$/,
  '',
);
const stack = await startEmbeddedStack({ dataDir: base.DATA_DIR });
const runtime = await runtimeOn(stack, { ...base, PUBLIC_BASE_URL: appUrl });

const jobLogger = createLogger('jobs', runtime.config.LOG_LEVEL);
const secretariat = await localReview(runtime, jobLogger);
const say = (line: string) => console.log(`  [${new Date().toLocaleTimeString('en-GB')}] ${line}`);
const failed = (job: string) => (error: unknown) => say(`${job} failed: ${(error as Error).message}`);
const mail = await startLocalMail(runtime, {
  publicBaseUrl: appUrl,
  logger: jobLogger,
  onRound: (round) => {
    if (round.sent + round.retried > 0)
      say(`Mail: ${round.sent} sent to ${appUrl}/local/mailbox, ${round.retried} to retry`);
  },
  onError: failed('Mail'),
});

const app = createApp({
  publicBaseUrl: appUrl,
  store: runtime.store,
  catalogue: runtime.catalogue,
  reports: runtime.reports,
  documents: runtime.documents,
  logger: createLogger('api', runtime.config.LOG_LEVEL),
  review: secretariat.review,
  submissionsPerMinute: runtime.config.SUBMISSION_RATE_PER_MINUTE,
  mail: mail.deps,
  resendsPerMinute: runtime.config.RESEND_RATE_PER_MINUTE,
});
const mailbox = mailboxRoutes(mail.catcher);

// The local mailbox sits in front of the app, so the app (the Lambda's) never has its routes.
const server = serve({
  fetch: (request, env) =>
    new URL(request.url).pathname.startsWith('/local/mailbox')
      ? mailbox.fetch(request, env)
      : app.fetch(request, env),
  port: base.PORT,
  hostname: base.HOST,
});
await new Promise<void>((ready, fail) => {
  server.once('listening', ready);
  server.once('error', fail);
});
await announceStack(base.DATA_DIR, { pid: process.pid, appUrl, ...stack });

const consultation = runtime.catalogue.default;
console.log(
  [
    '',
    `  The consultation     ${appUrl}/`,
    `  Submission form      ${appUrl}/consultations/${consultation.id}/submit`,
    `  API reference        ${appUrl}/api-reference  (OpenAPI: ${appUrl}/api/openapi.json)`,
    `  Local DynamoDB       ${stack.dynamoEndpoint}  (table ${runtime.config.TABLE_NAME})`,
    `  Local S3             ${stack.s3Endpoint}  (bucket ${runtime.config.BUCKET_NAME})`,
    `  Local mailbox        ${appUrl}/local/mailbox  (SMTP catcher on ${mail.catcher.host}:${mail.catcher.port}; no mail leaves this machine)`,
    `  Data directory       ${base.DATA_DIR}`,
    `  Secretariat          ${appUrl}/admin`,
    ...(secretariat.firstAdmin ?? []),
    '',
    '  Press Ctrl-C to stop.',
    '',
  ].join('\n'),
);

// The EventBridge schedules' stand-ins. A tagging pass that tagged something compiles the report
// at once, so a newcomer sees their input counted without waiting for the report's own timer.

const reporting = scheduleEvery(
  base.REPORT_INTERVAL_SECONDS,
  async () => {
    for (const { id } of runtime.catalogue.all()) {
      const result = await compileReport(
        {
          store: runtime.store,
          reports: runtime.reports,
          models: runtime.models,
          catalogue: runtime.catalogue,
          logger: jobLogger,
        },
        id,
      );
      if (!result.unchanged)
        say(
          `Report compiled: ${result.submissions} submissions in ${result.durationMs} ms, ${appUrl}/consultations/${id}/report`,
        );
    }
  },
  failed('Report'),
);

const tagging = scheduleEvery(
  base.TAG_INTERVAL_SECONDS,
  async () => {
    const summary = await runTaggingPass({
      store: runtime.store,
      models: runtime.models,
      reading: runtime,
      logger: jobLogger,
    });
    if (summary.tagged + summary.failed + summary.conflicts === 0) return;
    say(
      `Tagging pass: ${summary.tagged} tagged, ${summary.conflicts} changed by a reviewer meanwhile, ${summary.failed} failed (model ${summary.modelVersion}, ${summary.durationMs} ms)`,
    );
    if (summary.tagged > 0) void reporting.runNow();
  },
  failed('Tagging'),
);

const every = (seconds: number) => (seconds > 0 ? `every ${seconds} s` : 'off');
console.log(
  `  Tagging runs ${every(base.TAG_INTERVAL_SECONDS)}, the report ${every(base.REPORT_INTERVAL_SECONDS)} and after tagging.\n`,
);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`\n  ${signal}: stopping…`);
  await new Promise<void>((done) => server.close(() => done()));
  await Promise.all([tagging.stop(), reporting.stop(), secretariat.jobs.idle(), mail.stop()]);
  await retractStack(base.DATA_DIR);
  runtime.dynamo.destroy();
  runtime.s3.destroy();
  await stack.stop();
  console.log('Stopped. Your data is kept in', base.DATA_DIR);
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
