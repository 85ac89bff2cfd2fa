import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { TORG_CONFIG } from '../config/config';
import type { TorgConfig } from '../config/config';
import { RequestContext } from '../context/request-context';
import { Outbox } from '../outbox/outbox';
import { OutboxHandlers, OutboxMessage } from '../outbox/outbox-handlers';
import { checkedEmail, Email } from './email';
import { LogMailSender, MailSender, SmtpMailSender, UnconfiguredMailSender } from './mail-sender';

/** The outbox topic of e-mail notifications. */
export const NOTIFY_EMAIL = 'notify.email';

/**
 * E-mail notifications through the outbox: `enqueue(tx, email)` records the message in the
 * caller's transaction (sent if and only if the business change commits); the handler sends it
 * over SMTP (SMTP_URL), or outside production without it writes it to the log. A failed send
 * is retried with the outbox's back-off and parked as dead after OUTBOX_MAX_ATTEMPTS.
 *
 * Delivery is at least once: should the process stop after the server accepted a message and
 * before its row is marked done, it is sent again. Every attempt carries the same Message-ID
 * (from the outbox row), so mail clients and servers that deduplicate show it once.
 */
@Injectable()
export class Notifications implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Notifications');
  private readonly sender: MailSender;
  /** The Message-ID's domain: the sender's, as RFC 5322 suggests. */
  private readonly idDomain: string;

  constructor(
    private readonly outbox: Outbox,
    private readonly handlers: OutboxHandlers,
    @Inject(TORG_CONFIG) private readonly config: TorgConfig,
  ) {
    const { smtpUrl, from } = config.mail;
    this.sender = smtpUrl ? new SmtpMailSender({ smtpUrl, from }) : config.env === 'production' ? new UnconfiguredMailSender() : new LogMailSender();
    this.idDomain = /@([^>]+)>?$/.exec(from)?.[1] ?? 'torg.invalid';
  }

  onModuleInit() {
    if (!this.config.mail.smtpUrl && this.config.env === 'production') {
      this.logger.warn('SMTP_URL is not set: e-mail notifications are kept in the outbox, unsent, until it is (see /health)');
    }
    this.handlers.register<Email>({ topic: NOTIFY_EMAIL, handle: (m) => this.deliver(m) });
  }

  onApplicationShutdown() {
    this.sender.close();
  }

  /** Records `email` for sending once `tx` commits; BAD_USER_INPUT (nothing recorded) for a bad address, subject or body. */
  async enqueue(tx: RequestContext | EntityManager, email: Email): Promise<void> {
    const checked = checkedEmail(email);
    // Its own key: e-mails do not wait for one another, and none is coalesced.
    await this.outbox.enqueue(tx, NOTIFY_EMAIL, `${checked.tag ?? 'email'}:${randomUUID()}`, checked);
  }

  private async deliver(message: OutboxMessage<Email>): Promise<void> {
    await this.sender.send(message.payload, `<torg-notify-${message.ids[0]}@${this.idDomain}>`);
  }
}
