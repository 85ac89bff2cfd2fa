import { Logger } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import type { MailConfig } from '../config/config';
import type { Email } from './email';

/** Sends one e-mail or throws (then the outbox retries it). */
export interface MailSender {
  send(email: Email, messageId: string): Promise<void>;
  close(): void;
}

/** How long a mail server may take to connect, greet and answer each step before the attempt fails (and is retried). */
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/**
 * SMTP through nodemailer: SMTP_URL names server, port, credentials and TLS (`smtp://` upgrades
 * with STARTTLS when the server offers it, `smtps://` is TLS from the start). Nodemailer encodes
 * the headers. All recipients refused fails the attempt; some refused is logged and counts as
 * sent (sending again would repeat the message to those who got it).
 */
export class SmtpMailSender implements MailSender {
  private readonly logger = new Logger('Notifications');
  private readonly transport: Transporter;

  constructor(config: MailConfig & { smtpUrl: string }) {
    this.transport = createTransport({ url: config.smtpUrl, ...SMTP_TIMEOUTS }, { from: config.from });
  }

  async send(email: Email, messageId: string): Promise<void> {
    const info = await this.transport.sendMail({ to: email.to, subject: email.subject, text: email.text, html: email.html, messageId });
    const rejected = (info.rejected ?? []).map(String);
    if (rejected.length) this.logger.warn(`e-mail ${messageId}${email.tag ? ` (${email.tag})` : ''}: the server refused ${rejected.join(', ')}; sent to the others`);
  }

  close(): void {
    this.transport.close();
  }
}

/** Outside production without SMTP_URL: the e-mail is written to the log, whole, so a developer can follow it. */
export class LogMailSender implements MailSender {
  private readonly logger = new Logger('Notifications');

  async send(email: Email, messageId: string): Promise<void> {
    this.logger.log(`e-mail${email.tag ? ` (${email.tag})` : ''} not sent (no SMTP_URL) ${messageId} to ${email.to.join(', ')}: ${email.subject}\n${email.text}`);
  }

  close(): void {}
}

/** In production without SMTP_URL nothing is sent and nothing dropped: messages wait (and are parked as dead) until it is set and they are re-queued. */
export class UnconfiguredMailSender implements MailSender {
  async send(): Promise<void> {
    throw new Error('SMTP_URL is not configured: e-mail cannot be sent (set it, then re-queue with "npm run cli -- outbox-retry --topic notify.email")');
  }

  close(): void {}
}
