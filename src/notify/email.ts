import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { EmailOptions } from '../config/notifier-options.js';
import {
  type Alert,
  type AlertItem,
  alertSummary,
  type BaselineSummary,
  clip,
  eventWord,
  itemFacts,
  itemsInOrder,
  sortedItems,
} from './alert.js';
import { escapeHtml, oneLine, stripControl } from './escape.js';
import { type DeliveryError, deliveryError, type Notifier, scrub } from './notifier.js';

export const EMAIL_DIGEST_ITEMS = 200;

const SEVERITY_COLOR: Record<AlertItem['severity'], string> = {
  critical: '#7a0010',
  high: '#c0392b',
  medium: '#d68910',
  low: '#2874a6',
  info: '#566573',
};

function itemText(item: AlertItem): string {
  const lines = [`${eventWord(item.event)}: ${oneLine(item.title)}`, '', stripControl(item.description)];
  lines.push('', ...itemFacts(item).map(([l, v]) => `${l}: ${oneLine(v)}`));
  if (item.recommendation && item.event !== 'resolved')
    lines.push('', `Fix: ${stripControl(item.recommendation)}`);
  return lines.join('\n');
}

function itemHtml(item: AlertItem): string {
  const rows = itemFacts(item)
    .map(
      ([l, v]) =>
        `<tr><th align="left" style="padding:2px 12px 2px 0;vertical-align:top">${escapeHtml(l)}</th>` +
        `<td style="padding:2px 0;font-family:monospace">${escapeHtml(v)}</td></tr>`,
    )
    .join('');
  const fix =
    item.recommendation && item.event !== 'resolved'
      ? `<p><strong>Fix:</strong> ${escapeHtml(item.recommendation)}</p>`
      : '';
  return (
    `<h2 style="margin:16px 0 4px;color:${SEVERITY_COLOR[item.severity]}">` +
    `${escapeHtml(eventWord(item.event))}: ${escapeHtml(item.title)}</h2>` +
    `<p>${escapeHtml(item.description)}</p><table>${rows}</table>${fix}`
  );
}

function digestText(items: AlertItem[]): string {
  return items
    .map(
      (i) =>
        `- ${eventWord(i.event)} [${i.severity.toUpperCase()}] ${oneLine(i.title)}\n` +
        `  ${oneLine(i.name)} (${i.cloud} ${oneLine(i.account)} ${oneLine(i.region)})\n` +
        `  ${oneLine(i.reference)}`,
    )
    .join('\n');
}

function digestHtml(items: AlertItem[]): string {
  const rows = items
    .map(
      (i) =>
        `<tr><td style="color:${SEVERITY_COLOR[i.severity]};padding:2px 8px 2px 0">${i.severity}</td>` +
        `<td style="padding:2px 8px 2px 0">${escapeHtml(eventWord(i.event))}</td>` +
        `<td style="padding:2px 8px 2px 0">${escapeHtml(i.title)}</td>` +
        `<td style="padding:2px 8px 2px 0;font-family:monospace">${escapeHtml(i.name)}</td>` +
        `<td style="padding:2px 0;font-family:monospace">${escapeHtml(`${i.cloud} ${i.account} ${i.region}`)}</td></tr>`,
    )
    .join('');
  return `<table>${rows}</table>`;
}

function baselineContent(
  alert: Alert,
  baseline: BaselineSummary,
  footer: string,
): { text: string; html: string } {
  const intro =
    `The first scan of ${alert.source} found ${baseline.total} finding(s) to report here. ` +
    'Later scans alert only what is new or regressed.';
  const items = sortedItems(alert.items);
  const text = [
    oneLine(alertSummary(alert)),
    '',
    oneLine(intro),
    ...(items.length > 0 ? ['', `The ${items.length} most severe:`, digestText(items)] : []),
    '',
    `See them all: ${oneLine(baseline.see_all)}`,
    '',
    '--',
    oneLine(footer),
    '',
  ].join('\n');
  const html =
    '<!doctype html><html><body style="font-family:sans-serif;font-size:14px">' +
    `<h2>${escapeHtml(alertSummary(alert))}</h2><p>${escapeHtml(intro)}</p>` +
    (items.length > 0 ? `<h3>The ${items.length} most severe</h3>${digestHtml(items)}` : '') +
    `<p>See them all: <code>${escapeHtml(baseline.see_all)}</code></p>` +
    `<p style="color:#888;font-size:12px">${escapeHtml(footer)}</p></body></html>`;
  return { text, html };
}

/** Subject, plain text and HTML of an alert. Every value is escaped for HTML or made one line. */
export function emailContent(
  alert: Alert,
  subjectPrefix: string,
): { subject: string; text: string; html: string } {
  const subject = clip(oneLine(`${subjectPrefix} ${alertSummary(alert)}`.trim()), 200);
  const footer = `Cloudward · ${alert.source} · delivery ${alert.id}`;
  if (alert.baseline) return { subject, ...baselineContent(alert, alert.baseline, footer) };
  const only = alert.items[0];
  const single = alert.items.length === 1 && only && !alert.incident;
  const items = itemsInOrder(alert).slice(0, EMAIL_DIGEST_ITEMS);
  const more = alert.items.length - items.length;
  const text = [
    single ? itemText(only) : `${alertSummary(alert)}\n\n${digestText(items)}`,
    more > 0 ? `\n… and ${more} more` : '',
    `\n--\n${oneLine(footer)}\n`,
  ].join('');
  const html =
    '<!doctype html><html><body style="font-family:sans-serif;font-size:14px">' +
    (single ? itemHtml(only) : `<h2>${escapeHtml(alertSummary(alert))}</h2>${digestHtml(items)}`) +
    (more > 0 ? `<p>… and ${more} more</p>` : '') +
    `<p style="color:#888;font-size:12px">${escapeHtml(footer)}</p></body></html>`;
  return { subject, text, html };
}

interface SmtpError {
  code?: string;
  responseCode?: number;
  message?: string;
}

/** SMTP 4xx answers and connection problems are transient; 5xx answers are not. */
function classify(err: unknown, name: string, secrets: (string | undefined)[]): DeliveryError {
  const e = (typeof err === 'object' && err !== null ? err : {}) as SmtpError;
  const what = `email notifier ${name}`;
  const reason = scrub(e.message ?? String(err), secrets);
  if (typeof e.responseCode === 'number') return deliveryError(what, reason, e.responseCode < 500);
  const transient = ['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNRESET', 'ECONNREFUSED'];
  return deliveryError(what, reason, e.code === undefined || transient.includes(e.code));
}

/** Email over SMTP, one message with text and HTML parts per alert. */
export function emailNotifier(name: string, o: EmailOptions): Notifier {
  const timeout = o.timeout_seconds * 1000;
  const options: SMTPTransport.Options = {
    host: o.host,
    port: o.port ?? (o.secure ? 465 : 587),
    secure: o.secure,
    requireTLS: o.require_tls ?? (o.password !== undefined && !o.secure),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout * 3,
    ...(o.user ? { auth: { user: o.user, pass: o.password ?? '' } } : {}),
  };
  const transport = nodemailer.createTransport(options);
  const secrets = [o.password];
  return {
    name,
    type: 'email',
    async send(alert) {
      const content = emailContent(alert, o.subject_prefix);
      try {
        await transport.sendMail({
          from: o.from,
          to: o.to,
          ...content,
          // a resend after a crash carries the same Message-ID, so mail clients can fold it
          messageId: `<${alert.id}@cloudward>`,
          headers: { 'X-Cloudward-Delivery': alert.id },
        });
      } catch (err) {
        throw classify(err, name, secrets);
      }
    },
    async close() {
      transport.close();
    },
  };
}
