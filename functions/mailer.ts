import { z } from 'zod';
import { sesSender } from '../shared/adapters/mail/ses.js';
import { createLogger } from '../shared/logger.js';
import { deliverDue } from '../shared/mail/delivery.js';
import { isSesEvent, recordSesEvent } from '../shared/mail/ses-events.js';
import { createRuntime } from '../shared/runtime.js';
import { DynamoDbMailStore } from '../shared/stores/mail-dynamodb.js';

const runtime = createRuntime();
const logger = createLogger('mailer', runtime.config.LOG_LEVEL);
const { PUBLIC_BASE_URL, MAIL_FROM, SES_CONFIGURATION_SET, AWS_REGION, TABLE_NAME } = runtime.config;
const mail = new DynamoDbMailStore(runtime.dynamo, TABLE_NAME);
const delivery = {
  mail,
  store: runtime.store,
  sender: sesSender({
    region: AWS_REGION,
    from: MAIL_FROM,
    ...(SES_CONFIGURATION_SET ? { configurationSet: SES_CONFIGURATION_SET } : {}),
  }),
  catalogue: runtime.catalogue,
  publicBaseUrl: PUBLIC_BASE_URL ?? '',
  logger,
  now: () => new Date(),
};

/** Rounds stop this long before the function's time runs out, leaving a lease no mail outlives. */
const STOP_BEFORE_MS = 20_000;

/**
 * The one function that sends mail. A schedule (every minute) and the api's wake-up after it writes
 * mail (`{"action": "deliver"}`) both deliver what is due; SES's bounce and complaint events
 * (source `aws.ses`) mark addresses that must not be written to again.
 */
const eventSchema = z.looseObject({ action: z.enum(['deliver']).optional() });

interface LambdaContext {
  getRemainingTimeInMillis(): number;
}

export async function handler(event: unknown, context: LambdaContext) {
  if (isSesEvent(event)) {
    const suppressed = await recordSesEvent(mail, event, new Date().toISOString());
    logger.info('mail event recorded', { suppressed });
    return { ok: true, suppressed };
  }
  // Without it no private link can be written: better to fail loudly (and alarm) than mail broken links.
  if (!PUBLIC_BASE_URL) throw new Error('PUBLIC_BASE_URL is required to send mail');
  if (!eventSchema.safeParse(event).success) {
    logger.error('unknown mailer event: expected a schedule, {"action": "deliver"} or an SES event');
    return { ok: false };
  }
  const total = { sent: 0, retried: 0, settled: 0, busy: 0 };
  while (context.getRemainingTimeInMillis() > STOP_BEFORE_MS) {
    const round = await deliverDue(delivery);
    for (const key of Object.keys(total) as (keyof typeof total)[]) total[key] += round[key];
    if (round.sent + round.retried + round.settled === 0) break;
  }
  logger.info('mail round', total);
  return { ok: true, ...total };
}
