import type { SlackOptions } from '../config/notifier-options.js';
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
import { escapeMrkdwn, mrkdwnCode, oneLine } from './escape.js';
import { type Notifier, postJson } from './notifier.js';

/** Items listed in one digest message; Slack allows 50 blocks. */
export const SLACK_DIGEST_ITEMS = 20;

type Block = Record<string, unknown>;
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text: clip(text, 2900) });

function itemBlocks(item: AlertItem): Block[] {
  const fields = itemFacts(item)
    .slice(0, 10)
    .map(([label, value]) => mrkdwn(`*${label}*\n${mrkdwnCode(value) || '-'}`));
  const blocks: Block[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: clip(oneLine(`${eventWord(item.event)}: ${item.title}`), 150) },
    },
    { type: 'section', text: mrkdwn(escapeMrkdwn(item.description || item.title)) },
    { type: 'section', fields },
  ];
  if (item.recommendation && item.event !== 'resolved')
    blocks.push({ type: 'section', text: mrkdwn(`*Fix*\n${escapeMrkdwn(item.recommendation)}`) });
  return blocks;
}

function digestLine(item: AlertItem): string {
  return (
    `*${eventWord(item.event)}* [${item.severity.toUpperCase()}] ${escapeMrkdwn(oneLine(item.title))}\n` +
    `${mrkdwnCode(item.name)} in ${mrkdwnCode(`${item.cloud} ${item.account}`)} ${mrkdwnCode(item.region)}`
  );
}

function baselineBlocks(alert: Alert, baseline: BaselineSummary): Block[] {
  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(oneLine(alertSummary(alert)), 150) } },
    {
      type: 'section',
      text: mrkdwn(
        `The first scan of ${mrkdwnCode(alert.source)} found ${baseline.total} finding(s) to report here. ` +
          'Later scans alert only what is new or regressed.',
      ),
    },
  ];
  if (alert.items.length > 0) {
    blocks.push({ type: 'section', text: mrkdwn(`*The ${alert.items.length} most severe*`) });
    for (const i of sortedItems(alert.items)) blocks.push({ type: 'section', text: mrkdwn(digestLine(i)) });
  }
  blocks.push({ type: 'section', text: mrkdwn(`*See them all*\n${mrkdwnCode(baseline.see_all)}`) });
  return blocks;
}

/** The Block Kit message for an alert: `text` is the notification fallback. */
export function slackMessage(alert: Alert): { text: string; blocks: Block[] } {
  const text = escapeMrkdwn(oneLine(alertSummary(alert)));
  const context: Block = {
    type: 'context',
    elements: [mrkdwn(`Cloudward · ${mrkdwnCode(alert.source)} · delivery ${mrkdwnCode(alert.id)}`)],
  };
  if (alert.baseline) return { text, blocks: [...baselineBlocks(alert, alert.baseline), context] };
  const only = alert.items[0];
  if (alert.items.length === 1 && only && !alert.incident)
    return { text, blocks: [...itemBlocks(only), context] };
  const items = itemsInOrder(alert);
  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(oneLine(alertSummary(alert)), 150) } },
    ...items.slice(0, SLACK_DIGEST_ITEMS).map((i) => ({ type: 'section', text: mrkdwn(digestLine(i)) })),
  ];
  const more = items.length - SLACK_DIGEST_ITEMS;
  if (more > 0) blocks.push({ type: 'context', elements: [mrkdwn(`and ${more} more`)] });
  blocks.push(context);
  return { text, blocks };
}

/** Slack incoming webhook: answers 200 "ok", or 4xx with a reason such as "invalid_payload". */
export function slackNotifier(name: string, o: SlackOptions): Notifier {
  return {
    name,
    type: 'slack',
    send: (alert) =>
      postJson({
        url: o.webhook,
        body: JSON.stringify(slackMessage(alert)),
        timeoutMs: o.timeout_seconds * 1000,
        secrets: [o.webhook],
        what: `slack notifier ${name}`,
      }),
  };
}
