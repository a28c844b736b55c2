import type { TeamsOptions } from '../config/notifier-options.js';
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
import { adaptiveText, oneLine } from './escape.js';
import { type Notifier, postJson } from './notifier.js';

export const TEAMS_DIGEST_ITEMS = 25;

type Element = Record<string, unknown>;

/** Attacker text only ever goes into a RichTextBlock's text runs, which render no Markdown. */
const rich = (text: string, style: Record<string, unknown> = {}): Element => ({
  type: 'RichTextBlock',
  inlines: [{ type: 'TextRun', text: clip(adaptiveText(text), 4000), ...style }],
});

const COLOR: Record<AlertItem['severity'], string> = {
  critical: 'Attention',
  high: 'Attention',
  medium: 'Warning',
  low: 'Accent',
  info: 'Default',
};

function factRows(item: AlertItem): Element {
  return {
    type: 'ColumnSet',
    columns: [
      { type: 'Column', width: 'auto', items: itemFacts(item).map(([l]) => rich(l, { weight: 'Bolder' })) },
      { type: 'Column', width: 'stretch', items: itemFacts(item).map(([, v]) => rich(v)) },
    ],
  };
}

function itemBody(item: AlertItem): Element[] {
  const body: Element[] = [
    rich(oneLine(`${eventWord(item.event)}: ${item.title}`), {
      size: 'Large',
      weight: 'Bolder',
      color: COLOR[item.severity],
    }),
    rich(item.description || item.title),
    factRows(item),
  ];
  if (item.recommendation && item.event !== 'resolved') {
    body.push(rich('Fix', { weight: 'Bolder' }), rich(item.recommendation));
  }
  return body;
}

function digestRow(i: AlertItem): Element {
  return {
    type: 'Container',
    separator: true,
    items: [
      rich(oneLine(`${eventWord(i.event)} [${i.severity.toUpperCase()}] ${i.title}`), {
        weight: 'Bolder',
        color: COLOR[i.severity],
      }),
      rich(oneLine(`${i.name} · ${i.cloud} ${i.account} · ${i.region}`), { isSubtle: true }),
    ],
  };
}

function baselineBody(alert: Alert, baseline: BaselineSummary): Element[] {
  const body: Element[] = [
    rich(oneLine(alertSummary(alert)), { size: 'Large', weight: 'Bolder' }),
    rich(
      `The first scan of ${alert.source} found ${baseline.total} finding(s) to report here. ` +
        'Later scans alert only what is new or regressed.',
    ),
  ];
  if (alert.items.length > 0) {
    body.push(rich(`The ${alert.items.length} most severe`, { weight: 'Bolder' }));
    for (const i of sortedItems(alert.items)) body.push(digestRow(i));
  }
  body.push(rich('See them all', { weight: 'Bolder' }), rich(baseline.see_all, { fontType: 'Monospace' }));
  return body;
}

function digestBody(alert: Alert): Element[] {
  const items = itemsInOrder(alert);
  const body: Element[] = [rich(oneLine(alertSummary(alert)), { size: 'Large', weight: 'Bolder' })];
  for (const i of items.slice(0, TEAMS_DIGEST_ITEMS)) body.push(digestRow(i));
  const more = items.length - TEAMS_DIGEST_ITEMS;
  if (more > 0) body.push(rich(`and ${more} more`, { isSubtle: true }));
  return body;
}

/**
 * The body a Teams workflow ("When a Teams webhook request is received", then "Post card in a
 * chat or channel") accepts: a message with one Adaptive Card attachment.
 */
export function teamsMessage(alert: Alert): Record<string, unknown> {
  const only = alert.items[0];
  const body = alert.baseline
    ? baselineBody(alert, alert.baseline)
    : alert.items.length === 1 && only && !alert.incident
      ? itemBody(only)
      : digestBody(alert);
  body.push(rich(`Cloudward · ${alert.source} · delivery ${alert.id}`, { isSubtle: true, size: 'Small' }));
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          msteams: { width: 'Full' },
          body,
        },
      },
    ],
  };
}

/** A Teams workflow webhook: answers 202 Accepted when the flow is triggered. */
export function teamsNotifier(name: string, o: TeamsOptions): Notifier {
  return {
    name,
    type: 'teams',
    send: (alert) =>
      postJson({
        url: o.url,
        body: JSON.stringify(teamsMessage(alert)),
        timeoutMs: o.timeout_seconds * 1000,
        secrets: [o.url],
        what: `teams notifier ${name}`,
      }),
  };
}
