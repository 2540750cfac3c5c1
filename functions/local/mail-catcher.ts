import type { AddressInfo } from 'node:net';
import { type AddressObject, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A message as the catcher received it: what `/local/mailbox.json` shows, and what tests inspect. */
export interface CaughtMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  receivedAt: string;
  /** The SMTP envelope's recipients: who the message really went to, whatever its headers say. */
  envelopeTo: string[];
  /** The names of the headers it carried, lower-cased. */
  headerNames: string[];
}

export interface MailCatcher {
  host: string;
  port: number;
  /** Newest first. */
  messages(): CaughtMail[];
  stop(): Promise<void>;
}

/** Kept in memory: enough for a newcomer's session, bounded for a long-running `npm start`. */
const KEEP = 500;

const addresses = (value: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(value) ? value : value ? [value] : []).flatMap((a) => a.value.map((v) => v.address ?? ''));

/**
 * An SMTP server on loopback that accepts every message and keeps it, so that `npm start` and the
 * tests send real SMTP and no mail ever leaves the machine. No TLS and no authentication: nothing
 * but this machine can reach it.
 */
export async function startMailCatcher(port = 0): Promise<MailCatcher> {
  const caught: CaughtMail[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    banner: 'local mail catcher: nothing leaves this machine',
    size: 5 * 1024 * 1024,
    onData(stream, session, done) {
      simpleParser(stream)
        .then((parsed) => {
          caught.unshift({
            to: addresses(parsed.to).join(', '),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            receivedAt: new Date().toISOString(),
            envelopeTo: session.envelope.rcptTo.map((r) => r.address),
            headerNames: [...parsed.headers.keys()],
          });
          caught.length = Math.min(caught.length, KEEP);
          done();
        })
        .catch((error: Error) => done(error));
    },
  });
  await new Promise<void>((ready, fail) => {
    server.server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ready());
  });
  return {
    host: '127.0.0.1',
    port: (server.server.address() as AddressInfo).port,
    messages: () => [...caught],
    stop: () => new Promise<void>((done) => server.close(() => done())),
  };
}
