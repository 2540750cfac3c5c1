import { handle } from 'hono/aws-lambda';
import { createApp } from '../shared/http/app.js';
import { createLogger } from '../shared/logger.js';
import { createRuntime } from '../shared/runtime.js';

const runtime = createRuntime();

export const handler = handle(
  createApp({
    store: runtime.store,
    catalogue: runtime.catalogue,
    logger: createLogger('api'),
    submissionsPerMinute: runtime.config.SUBMISSION_RATE_PER_MINUTE,
  }),
);
