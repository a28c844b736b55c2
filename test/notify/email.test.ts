import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { notifierOptionsSchema } from '../../src/config/notifier-options.js';
import { emailContent, emailNotifier } from '../../src/notify/email.js';
import { alert, item } from './helpers.js';

interface Delivered {
  from: string | undefined;
  to: string[];
  user: string | undefined;
  raw: string;
}

/** A real SMTP server on loopback, with plain-text AUTH allowed (no TLS on 127.0.0.1). */
class SmtpReceiver {
  readonly mails: Delivered[] = [];
  /** SMTP answer code to reject DATA with (e.g. 451, 550) */
  reject?: number;
  private server: SMTPServer;
  port = 0;

  constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      allowInsecureAuth: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onAuth: (auth, _session, cb) => {
        if (auth.username === 'alerts' && auth.password === 'p4ss-w0rd') cb(null, { user: auth.username });
        else cb(new Error('Invalid username or password'));
      },
      onData: (stream, session, cb) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          if (this.reject) {
            const err = new Error(`rejected with ${this.reject}`) as Error & { responseCode: number };
            err.responseCode = this.reject;
            cb(err);
            return;
          }
          this.mails.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
            to: session.envelope.rcptTo.map((r) => r.address),
            user: typeof session.user === 'string' ? session.user : undefined,
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          cb();
        });
      },
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.server.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

let smtp: SmtpReceiver;
beforeEach(async () => {
  smtp = new SmtpReceiver();
  await smtp.start();
});
afterEach(async () => {
  await smtp.stop();
});

const options = (o: Record<string, unknown> = {}) =>
  notifierOptionsSchema.parse({
    type: 'email',
    host: '127.0.0.1',
    port: smtp.port,
    user: 'alerts',
    password: 'p4ss-w0rd',
    require_tls: false,
    from: 'Cloudward <cloudward@example.test>',
    to: ['secops@example.test', 'oncall@example.test'],
    timeout_seconds: 5,
    ...o,
  }) as never;

describe('email notifier over SMTP', () => {
  it('sends one multipart/alternative message with text and HTML parts, authenticated', async () => {
    const a = alert([
      item({
        name: '<img src=x onerror=alert(1)>',
        description: 'Bucket "<b>x</b>" & friends is public',
        severity: 'critical',
      }),
    ]);
    const n = emailNotifier('mail', options());
    await n.send(a);
    await n.close?.();
    expect(smtp.mails).toHaveLength(1);
    const m = smtp.mails[0]!;
    expect(m.user).toBe('alerts');
    expect(m.from).toBe('cloudward@example.test');
    expect(m.to).toEqual(['secops@example.test', 'oncall@example.test']);
    expect(m.raw).toMatch(/Content-Type: multipart\/alternative/i);
    const parsed: ParsedMail = await simpleParser(m.raw);
    expect(parsed.subject).toBe(
      '[Cloudward] New finding [CRITICAL] S3 bucket blocks public access: <img src=x onerror=alert(1)>',
    );
    expect(parsed.messageId).toBe(`<${a.id}@cloudward>`);
    expect(parsed.headers.get('x-cloudward-delivery')).toBe(a.id);
    expect(parsed.text).toContain('Bucket "<b>x</b>" & friends is public');
    expect(parsed.text).toContain('Resource: arn:aws:s3:::data-bucket');
    const html = parsed.html as string;
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(html).toContain('&quot;');
    expect(html).not.toContain('<b>x</b>');
    expect(html).not.toContain('<img');
  });

  it('a wrong password is refused for good, without the password in the message', async () => {
    const err = await emailNotifier('mail', options({ password: 'wrong-password' }))
      .send(alert([item()]))
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'DeliveryError', retryable: false });
    expect((err as Error).message).not.toContain('wrong-password');
  });

  it('a 4xx answer to DATA is retried, a 5xx one is not', async () => {
    smtp.reject = 451;
    await expect(emailNotifier('mail', options()).send(alert([item()]))).rejects.toMatchObject({
      retryable: true,
    });
    smtp.reject = 550;
    await expect(emailNotifier('mail', options()).send(alert([item()]))).rejects.toMatchObject({
      retryable: false,
    });
  });

  it('refuses to send credentials over a connection without TLS unless told to', async () => {
    const err = await emailNotifier('mail', options({ require_tls: undefined }))
      .send(alert([item()]))
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'DeliveryError' });
    expect((err as Error).message).toMatch(/STARTTLS|TLS/i);
    expect(smtp.mails).toHaveLength(0);
  });

  it('no server listening is a retryable connection error', async () => {
    await smtp.stop();
    await expect(emailNotifier('mail', options()).send(alert([item()]))).rejects.toMatchObject({
      retryable: true,
    });
    smtp = new SmtpReceiver();
    await smtp.start();
  });
});

describe('email content', () => {
  it('a digest lists every item in both parts, and the subject is one line', () => {
    const items = [
      item(),
      item({ finding_id: '2'.repeat(32), name: 'two\r\nBcc: x@evil.test', severity: 'low' }),
    ];
    const c = emailContent(alert(items, { source: 'night\nly' }), '[CW]');
    expect(c.subject).not.toMatch(/[\r\n]/);
    expect(c.subject).toBe('[CW] 2 alerts from night ly (1 high, 1 low)');
    expect(c.text).toContain('two Bcc: x@evil.test');
    expect(c.html).toContain('<table>');
    expect(c.html.match(/<tr>/g)).toHaveLength(2);
  });
});

describe('email baseline', () => {
  it('says what the first scan found, lists the most severe, escaped, and how to see all', () => {
    const c = emailContent(
      alert([item({ name: '<b>x</b>', severity: 'critical' }), item({ finding_id: '2'.repeat(32) })], {
        digest: true,
        baseline: {
          total: 132,
          by_severity: { critical: 3, high: 40, medium: 89, low: 0, info: 0 },
          see_all: 'cloudward findings list --audit nightly',
        },
      }),
      '[CW]',
    );
    expect(c.subject).toBe('[CW] Baseline of nightly: 132 findings (3 critical, 40 high, 89 medium)');
    expect(c.text).toContain('The 2 most severe:');
    expect(c.text).toContain('See them all: cloudward findings list --audit nightly');
    expect(c.html).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(c.html).not.toContain('<b>x</b>');
    expect(c.html).toContain('<code>cloudward findings list --audit nightly</code>');
  });
});
