import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { type CaughtMail, type MailCatcher, startMailCatcher } from '../../functions/local/mail-catcher.js';
import { smtpSender } from '../../shared/adapters/mail/smtp.js';
import { createLogger } from '../../shared/logger.js';
import { type DeliveryDeps, deliverDue } from '../../shared/mail/delivery.js';
import type { Runtime } from '../../shared/runtime.js';
import { DynamoDbMailStore } from '../../shared/stores/mail-dynamodb.js';
import { type CuttableProxy, cuttableProxy } from '../support/cuttable-proxy.js';
import { testApp } from '../support/factories.js';
import { createTestRuntime } from '../support/runtime.js';

export const BASE_URL = 'https://consult.example.org';

export interface MailWorld {
  runtime: Runtime;
  app: ReturnType<typeof testApp>;
  mail: DynamoDbMailStore;
  catcher: MailCatcher;
  /** The SMTP path from the worker to the catcher, which a test can cut to play a mail server that is down. */
  smtp: CuttableProxy;
  delivery: DeliveryDeps;
  /** The worker's clock runs ahead of real time by `aheadMs`: tests move it on instead of waiting for a retry. */
  clock: { aheadMs: number };
  close(): Promise<void>;
}

/**
 * A runtime of its own, the embedded SMTP catcher behind a cuttable proxy, the real SMTP adapter, the
 * DynamoDB outbox and the worker. The app queues mail; the tests run the worker's rounds themselves.
 */
export async function mailWorld(): Promise<MailWorld> {
  const runtime = await createTestRuntime();
  const catcher = await startMailCatcher();
  const smtp = await cuttableProxy(`http://${catcher.host}:${catcher.port}`);
  const sender = smtpSender({
    host: '127.0.0.1',
    port: Number(new URL(smtp.endpoint).port),
    from: 'GCM consultation <no-reply@consult.example.org>',
  });
  const mail = new DynamoDbMailStore(runtime.dynamo, runtime.config.TABLE_NAME);
  const clock = { aheadMs: 0 };
  const delivery: DeliveryDeps = {
    mail,
    store: runtime.store,
    sender,
    catalogue: runtime.catalogue,
    publicBaseUrl: BASE_URL,
    logger: createLogger('test', 'SILENT'),
    now: () => new Date(Date.now() + clock.aheadMs),
  };
  const app = testApp(runtime, { mail: { mail }, documents: runtime.documents, resendsPerMinute: 10_000 });
  return {
    runtime,
    app,
    mail,
    catcher,
    smtp,
    delivery,
    clock,
    async close() {
      sender.close();
      await smtp.close();
      await catcher.stop();
    },
  };
}

/** An address no other test uses, so that what the catcher holds for it is this test's alone. */
export const uniqueAddress = (label = 'office') => `${label}-${randomUUID().slice(0, 8)}@example.org`;

export const mailTo = (catcher: MailCatcher, address: string): CaughtMail[] =>
  catcher.messages().filter((m) => m.envelopeTo.includes(address));

/** Runs worker rounds until nothing is due: what a running worker does over time. */
export async function drainOutbox(world: MailWorld) {
  for (let round = 0; round < 10; round++) {
    const summary = await deliverDue(world.delivery);
    if (summary.sent + summary.retried + summary.settled + summary.busy === 0) return;
  }
}

/** Polls until `probe` returns something: no test waits a fixed time. */
export async function eventually<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  what: string,
): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
  expect.fail(`never happened: ${what}`);
}

/** The private link a message carries, its token and the language it opens in. */
export function linkIn(mail: CaughtMail): { url: URL; id: string; token: string; lang: string } {
  const match = mail.text.match(
    /https:\/\/consult\.example\.org\/submissions\/(\w+)\?token=([\w-]+)&lang=(\w+)/,
  );
  if (!match) expect.fail(`no private link in: ${mail.text}`);
  const [url, id, token, lang] = match as unknown as [string, string, string, string];
  return { url: new URL(url), id, token, lang };
}
