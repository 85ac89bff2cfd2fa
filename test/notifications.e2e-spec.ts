import { Logger } from '@nestjs/common';
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { DataSource } from 'typeorm';
import { RequestContext } from '../src/platform/context/request-context';
import { inTransaction } from '../src/platform/database/transaction';
import { Email } from '../src/platform/notifications/email';
import { NOTIFY_EMAIL, Notifications } from '../src/platform/notifications/notifications';
import { OutboxDispatcher } from '../src/platform/outbox/outbox-dispatcher';
import { startTestApp, TestApp } from './support/test-app';

/**
 * E-mail notifications through the outbox (issue 15 §4) against a real SMTP server (smtp-server
 * on a local port): what is enqueued in a committed transaction arrives once, as given; a
 * rolled-back one sends nothing; a server that refuses is retried and the message parked as
 * dead; without SMTP_URL the e-mail is written to the log.
 */
interface Received {
  from: string;
  to: string[];
  raw: string;
  user?: string;
}

/** Recipients at this domain are refused (550), as a server refuses an unknown mailbox. */
const REFUSED_DOMAIN = '@refused.example';

async function startSmtpServer(): Promise<{ port: number; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: false,
    onAuth(auth, _session, cb) {
      if (auth.username === 'torg' && auth.password === 's3cret') cb(null, { user: auth.username });
      else cb(new Error('Invalid username or password'));
    },
    onRcptTo(address, _session, cb) {
      if (address.address.endsWith(REFUSED_DOMAIN)) cb(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
      else cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          user: session.user as string | undefined,
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function enqueue(t: TestApp, email: Email, rollBack = false): Promise<void> {
  const ds = t.app.get(DataSource);
  const notifications = t.app.get(Notifications);
  await inTransaction(ds, new RequestContext(undefined, ds.manager), async (tx) => {
    await notifications.enqueue(tx, email);
    if (rollBack) throw new Error('rolled back');
  }).catch((e: Error) => {
    if (e.message !== 'rolled back') throw e;
  });
}

const delivered = (t: TestApp) => t.app.get(OutboxDispatcher).drain(NOTIFY_EMAIL);
const messages = (t: TestApp, subject: string) =>
  t.sql<{ state: string; attempts: number; last_error: string | null }>(`SELECT state, attempts, last_error FROM outbox_message WHERE topic = $1 AND payload->>'subject' = $2`, [
    NOTIFY_EMAIL,
    subject,
  ]);

async function until(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('notifications over SMTP', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let t: TestApp;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({
      SMTP_URL: `smtp://torg:s3cret@127.0.0.1:${smtp.port}`,
      SMTP_FROM: 'Torg Nordby <innkjop@nordby.example>',
      OUTBOX_MAX_ATTEMPTS: '3',
      OUTBOX_RETRY_BASE_MS: '20',
      OUTBOX_RETRY_MAX_MS: '50',
    });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('sends what a committed transaction enqueued, once, to exactly its recipients, signed in with the URL’s credentials', async () => {
    await enqueue(t, {
      to: ['attestant@nordby.example', 'leder@sykehjem.example'],
      subject: 'Bestilling 42 venter på godkjenning',
      text: 'Bestilling 42 fra Berit Bestiller (12 500,00 NOK) venter.\nGodkjenn i Torg.',
      html: '<p>Bestilling 42 venter.</p>',
      tag: 'approval-requested',
    });
    await delivered(t);
    const mail = smtp.received.filter((m) => m.raw.includes('Bestilling 42'));
    expect(mail).toHaveLength(1);
    expect(mail[0].from).toBe('innkjop@nordby.example');
    expect(mail[0].to).toEqual(['attestant@nordby.example', 'leder@sykehjem.example']);
    expect(mail[0].user).toBe('torg');
    expect(mail[0].raw).toMatch(/^From: Torg Nordby <innkjop@nordby\.example>\r$/m);
    expect(mail[0].raw).toMatch(/^To: attestant@nordby\.example, leder@sykehjem\.example\r$/m);
    // The subject is not ASCII: encoded as RFC 2047 says, and decodes to what was given.
    const subject = /^Subject: (.+)\r$/m.exec(mail[0].raw)![1];
    expect(subject).toMatch(/^=\?UTF-8\?/);
    expect(decodeWords(subject)).toBe('Bestilling 42 venter på godkjenning');
    expect(mail[0].raw).toContain('Bestilling 42 fra Berit Bestiller (12 500,00 NOK) venter.\r\nGodkjenn i Torg.');
    expect(mail[0].raw).toContain('<p>Bestilling 42 venter.</p>');
    expect(mail[0].raw).toMatch(/^Message-ID: <torg-notify-\d+@nordby\.example>\r$/m);
    expect(await messages(t, 'Bestilling 42 venter på godkjenning')).toEqual([{ state: 'done', attempts: 1, last_error: null }]);
  });

  it('sends nothing for a transaction that rolled back', async () => {
    await enqueue(t, { to: ['attestant@nordby.example'], subject: 'Rolled back', text: 'Never sent' }, true);
    await delivered(t);
    expect(smtp.received.filter((m) => m.raw.includes('Never sent'))).toHaveLength(0);
    expect(await messages(t, 'Rolled back')).toEqual([]);
  });

  it('refuses a subject with a line break and an address that is no bare address, recording nothing', async () => {
    await expect(enqueue(t, { to: ['attestant@nordby.example'], subject: 'Hei\r\nBcc: evil@x.example', text: 'x' })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(enqueue(t, { to: ['attestant@nordby.example>, evil@x.example'], subject: 'Injected', text: 'x' })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await t.sql(`SELECT 1 FROM outbox_message WHERE topic = $1 AND payload->>'text' = 'x'`, [NOTIFY_EMAIL])).toEqual([]);
  });

  it('retries a message every recipient of which the server refuses, and parks it as dead after the last attempt', async () => {
    await enqueue(t, { to: [`nobody${REFUSED_DOMAIN}`], subject: 'Refused everywhere', text: 'x' });
    await until(async () => {
      await delivered(t);
      return (await messages(t, 'Refused everywhere'))[0]?.state === 'dead';
    });
    const [row] = await messages(t, 'Refused everywhere');
    expect(row.attempts).toBe(3);
    expect(row.last_error).toMatch(/550|recipients were rejected|Mailbox unavailable/);
    expect(smtp.received.filter((m) => m.raw.includes('Refused everywhere'))).toHaveLength(0);
    const health = await t.http.get('/health');
    expect(health.body.status).toBe('degraded');
    expect(health.body.details.outbox.error).toContain(`${NOTIFY_EMAIL}: 1`);
  });

  it('counts a message as sent when the server takes some of its recipients (sending again would repeat it to them)', async () => {
    await enqueue(t, { to: ['attestant@nordby.example', `nobody${REFUSED_DOMAIN}`], subject: 'Partly refused', text: 'x' });
    await delivered(t);
    expect(smtp.received.filter((m) => m.raw.includes('Partly refused')).map((m) => m.to)).toEqual([['attestant@nordby.example']]);
    expect(await messages(t, 'Partly refused')).toEqual([{ state: 'done', attempts: 1, last_error: null }]);
  });
});

describe('notifications without SMTP_URL (outside production)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('writes the e-mail to the log, recipients, subject and text, and marks it done', async () => {
    const log = jest.spyOn(Logger.prototype, 'log');
    try {
      await enqueue(t, { to: ['attestant@nordby.example'], subject: 'Logged, not sent', text: 'Body for the log', tag: 'approval-requested' });
      await delivered(t);
      const lines = log.mock.calls.map((c) => String(c[0])).filter((l) => l.includes('Logged, not sent'));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain('attestant@nordby.example');
      expect(lines[0]).toContain('approval-requested');
      expect(lines[0]).toContain('Body for the log');
    } finally {
      log.mockRestore();
    }
    expect(await messages(t, 'Logged, not sent')).toEqual([{ state: 'done', attempts: 1, last_error: null }]);
  });
});

/** Decodes RFC 2047 encoded words (B or Q, UTF-8) of a header value. */
function decodeWords(value: string): string {
  return value.replace(/\?=\s+=\?/g, '?==?').replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(
          text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
          'latin1',
        ).toString('utf8'),
  );
}
