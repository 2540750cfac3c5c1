import type { Context } from 'aws-lambda';
import type { LambdaContext, LambdaEvent } from 'hono/aws-lambda';
import { handle } from 'hono/aws-lambda';
import { createApp } from '../shared/http/app.js';
import { createLogger } from '../shared/logger.js';
import { ensureFirstAdmin } from '../shared/review/accounts.js';
import { invokingJobRunner } from '../shared/review/jobs.js';
import { createRuntime } from '../shared/runtime.js';
import { lambdaInvoke } from '../shared/stores/lambda-invoke.js';
import { DynamoDbMailStore } from '../shared/stores/mail-dynamodb.js';
import { DynamoDbReviewStore } from '../shared/stores/review-dynamodb.js';
import { readSecret } from '../shared/stores/secrets.js';

const runtime = createRuntime();
const logger = createLogger('api', runtime.config.LOG_LEVEL);
const reviews = new DynamoDbReviewStore(runtime.dynamo, runtime.config.TABLE_NAME);
const invoke = lambdaInvoke(runtime.config);
const { MAILER_FUNCTION_NAME } = runtime.config;
// Mail waits in the outbox; the mailer is woken to send it now rather than at its next round.
const mail = MAILER_FUNCTION_NAME
  ? {
      mail: new DynamoDbMailStore(runtime.dynamo, runtime.config.TABLE_NAME),
      wake: () => invoke(MAILER_FUNCTION_NAME, { action: 'deliver' }),
    }
  : undefined;

// A fresh deployment has no account: the first admin gets the password the deployment generated.
const { SECRETARIAT_EMAIL, SECRETARIAT_SECRET_ARN } = runtime.config;
if (SECRETARIAT_EMAIL && SECRETARIAT_SECRET_ARN) {
  const created = await ensureFirstAdmin(
    { reviews, now: () => new Date() },
    { email: SECRETARIAT_EMAIL, password: () => readSecret(runtime.config, SECRETARIAT_SECRET_ARN) },
  );
  // No address in the log: it is personal data, and the operator set it in the stack's parameters.
  if (created) logger.info('first secretariat admin created');
}

const serve = handle(
  createApp({
    store: runtime.store,
    catalogue: runtime.catalogue,
    reports: runtime.reports,
    documents: runtime.documents,
    logger,
    ...(runtime.config.PUBLIC_BASE_URL ? { publicBaseUrl: runtime.config.PUBLIC_BASE_URL } : {}),
    submissionsPerMinute: runtime.config.SUBMISSION_RATE_PER_MINUTE,
    resendsPerMinute: runtime.config.RESEND_RATE_PER_MINUTE,
    ...(mail ? { mail } : {}),
    review: {
      reviews,
      models: runtime.models,
      signInsPerMinute: runtime.config.SIGN_IN_RATE_PER_MINUTE,
      jobs: invokingJobRunner(reviews, invoke, {
        tagger: runtime.config.TAGGER_FUNCTION_NAME,
        report: runtime.config.REPORT_FUNCTION_NAME,
      }),
    },
  }),
);

/** An HTTP event from API Gateway (v1 or v2), an ALB or VPC Lattice: anything else is a misrouted invocation. */
function isHttpEvent(event: unknown): event is LambdaEvent {
  if (!event || typeof event !== 'object') return false;
  const e = event as Record<string, unknown>;
  return (
    typeof e.requestContext === 'object' &&
    e.requestContext !== null &&
    (typeof e.rawPath === 'string' || typeof e.path === 'string')
  );
}

export async function handler(event: unknown, context: LambdaContext) {
  // Hono's type is the Lambda context without the legacy done/fail/succeed callbacks the logger never reads.
  logger.addContext(context as unknown as Context);
  if (!isHttpEvent(event)) {
    // Answered, not thrown: an asynchronous invoker would retry a thrown error with the same event.
    logger.error('the api function was invoked with an event that is not an HTTP request', {
      eventType: event === null ? 'null' : typeof event,
      keys: event && typeof event === 'object' ? Object.keys(event).slice(0, 10) : [],
    });
    return {
      statusCode: 400,
      body: JSON.stringify({ error: { code: 'not_an_http_event', message: 'Not an HTTP event.' } }),
    };
  }
  return serve(event, context);
}
