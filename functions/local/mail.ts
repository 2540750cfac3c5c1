import type { Logger } from '@aws-lambda-powertools/logger';
import { smtpSender } from '../../shared/adapters/mail/smtp.js';
import { type DeliveryDeps, type DeliverySummary, deliverDue } from '../../shared/mail/delivery.js';
import type { MailDeps } from '../../shared/mail/outbox.js';
import type { Runtime } from '../../shared/runtime.js';
import { DynamoDbMailStore } from '../../shared/stores/mail-dynamodb.js';
import { type MailCatcher, startMailCatcher } from './mail-catcher.js';
import { scheduleEvery } from './schedule.js';

export interface LocalMail {
  deps: MailDeps;
  catcher: MailCatcher;
  stop(): Promise<void>;
}

/**
 * Mail under `npm start`: the embedded catcher on loopback, the SMTP adapter pointed at it, and the
 * outbox worker on a timer (for retries) that a new mail also wakes at once (for receipts).
 */
export async function startLocalMail(
  runtime: Runtime,
  options: {
    publicBaseUrl: string;
    logger: Logger;
    onRound?: (summary: DeliverySummary) => void;
    onError: (error: unknown) => void;
    /** A catcher started by the caller, left running by stop(); and a port in front of it (the benchmark's outage). */
    catcher?: MailCatcher;
    smtpPort?: number;
  },
): Promise<LocalMail> {
  const catcher = options.catcher ?? (await startMailCatcher());
  const sender = smtpSender({
    host: catcher.host,
    port: options.smtpPort ?? catcher.port,
    from: runtime.config.MAIL_FROM,
  });
  const mail = new DynamoDbMailStore(runtime.dynamo, runtime.config.TABLE_NAME);
  const delivery: DeliveryDeps = {
    mail,
    store: runtime.store,
    sender,
    catalogue: runtime.catalogue,
    publicBaseUrl: options.publicBaseUrl,
    logger: options.logger,
    now: () => new Date(),
  };
  const worker = wakeableRounds(
    runtime.config.MAIL_INTERVAL_SECONDS,
    async () => {
      const summary = await deliverDue(delivery);
      options.onRound?.(summary);
    },
    options.onError,
  );
  return {
    deps: { mail, wake: async () => worker.wake() },
    catcher,
    async stop() {
      await worker.stop();
      sender.close();
      if (!options.catcher) await catcher.stop();
    },
  };
}

/**
 * Rounds on a timer, and one more as soon as possible after a wake-up: a wake-up during a round
 * runs another when it ends, so a mail queued meanwhile does not wait for the timer.
 */
function wakeableRounds(seconds: number, round: () => Promise<void>, onError: (error: unknown) => void) {
  let again = false;
  const schedule = scheduleEvery(
    seconds,
    async () => {
      do {
        again = false;
        await round();
      } while (again);
    },
    onError,
  );
  return {
    wake() {
      again = true;
      void schedule.runNow();
    },
    stop: () => schedule.stop(),
  };
}
