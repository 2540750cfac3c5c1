import nodemailer from 'nodemailer';
import { MailSendError, type MailSender, type OutgoingMail } from '../../mail/ports.js';

export interface SmtpOptions {
  host: string;
  port: number;
  /** The sender, as `Name <address>`. */
  from: string;
  /** Whether to upgrade to TLS when the server offers it; the local catcher offers none. */
  requireTls?: boolean;
}

/**
 * Sends through an SMTP server with nodemailer: the local mail catcher under `npm start`, or any
 * relay a self-hosted deployment has. Times out in seconds, well inside the outbox's lease.
 */
export function smtpSender(options: SmtpOptions): MailSender & { close(): void } {
  const transport = nodemailer.createTransport({
    host: options.host,
    port: options.port,
    secure: false,
    ignoreTLS: !options.requireTls,
    requireTLS: options.requireTls ?? false,
    connectionTimeout: 5_000,
    greetingTimeout: 5_000,
    socketTimeout: 15_000,
  });
  return {
    async send(mail: OutgoingMail) {
      try {
        await transport.sendMail({
          from: options.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          // The message names its own recipient only; nodemailer folds and encodes every header.
          disableFileAccess: true,
          disableUrlAccess: true,
        });
      } catch (error) {
        const status = (error as { responseCode?: number }).responseCode;
        const code = status ? `smtp_${status}` : ((error as { code?: string }).code ?? 'smtp_error');
        // 5xx is the server's final word on this message; anything else (a refused connection, a
        // timeout, 4xx "try later") is worth another attempt.
        throw new MailSendError(code, status !== undefined && status >= 500, { cause: error });
      }
    },
    close: () => transport.close(),
  };
}
