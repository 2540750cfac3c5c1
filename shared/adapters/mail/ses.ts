import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { MailSendError, type MailSender, type OutgoingMail } from '../../mail/ports.js';

export interface SesOptions {
  region: string;
  /** The verified identity's address, as `Name <address>`. */
  from: string;
  /** The configuration set whose event destination records bounces and complaints. */
  configurationSet?: string;
}

/** SES refuses these for this message or this account's state: trying the same message again changes nothing. */
const PERMANENT = new Set(['MessageRejected', 'BadRequestException', 'NotFoundException']);

/** Sends through Amazon SES (v2 API), with the subject and both bodies as UTF-8 content SES encodes. */
export function sesSender(options: SesOptions): MailSender {
  const client = new SESv2Client({
    region: options.region,
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 2_000, requestTimeout: 10_000 },
  });
  return {
    async send(mail: OutgoingMail) {
      try {
        await client.send(
          new SendEmailCommand({
            FromEmailAddress: options.from,
            Destination: { ToAddresses: [mail.to] },
            ...(options.configurationSet ? { ConfigurationSetName: options.configurationSet } : {}),
            Content: {
              Simple: {
                Subject: { Data: mail.subject, Charset: 'UTF-8' },
                Body: {
                  Text: { Data: mail.text, Charset: 'UTF-8' },
                  Html: { Data: mail.html, Charset: 'UTF-8' },
                },
              },
            },
          }),
        );
      } catch (error) {
        const name = (error as Error).name;
        throw new MailSendError(`ses_${name}`, PERMANENT.has(name), { cause: error });
      }
    },
  };
}
