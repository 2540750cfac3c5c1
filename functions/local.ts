import { serve } from '@hono/node-server';
import { readConfig } from '../shared/config.js';
import { createApp } from '../shared/http/app.js';
import { createLogger } from '../shared/logger.js';
import {
  announceStack,
  findRunningStack,
  retractStack,
  runtimeOn,
  startEmbeddedStack,
} from './local/embedded-stack.js';

/**
 * `npm start`: the whole system on this machine. Embedded DynamoDB and S3 servers keep their data
 * under DATA_DIR, the app serves on PORT, and timers stand in for the EventBridge schedules.
 */
const base = readConfig();
const logger = createLogger('local');

const already = await findRunningStack(base.DATA_DIR);
if (already) {
  console.error(
    `Another npm start (pid ${already.pid}) is using ${base.DATA_DIR} and serves ${already.appUrl}.`,
  );
  process.exit(1);
}

const stack = await startEmbeddedStack({ dataDir: base.DATA_DIR });
const runtime = await runtimeOn(stack, base);

const app = createApp({
  store: runtime.store,
  catalogue: runtime.catalogue,
  logger: createLogger('api', process.env.LOG_LEVEL ?? 'WARN'),
  submissionsPerMinute: runtime.config.SUBMISSION_RATE_PER_MINUTE,
});

const server = serve({ fetch: app.fetch, port: base.PORT, hostname: '0.0.0.0' });
await new Promise<void>((ready, fail) => {
  server.once('listening', ready);
  server.once('error', fail);
});
const appUrl = `http://localhost:${base.PORT}`;
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
    `  Data directory       ${base.DATA_DIR}`,
    '',
    '  Press Ctrl-C to stop.',
    '',
  ].join('\n'),
);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info('stopping', { signal });
  await new Promise<void>((done) => server.close(() => done()));
  await retractStack(base.DATA_DIR);
  runtime.dynamo.destroy();
  runtime.s3.destroy();
  await stack.stop();
  console.log('Stopped. Your data is kept in', base.DATA_DIR);
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
