import type { NotifierOptions } from '../config/notifier-options.js';
import type { Logger } from '../core/logger.js';
import { emailNotifier } from './email.js';
import { messageOf, type Notifier } from './notifier.js';
import { slackNotifier } from './slack.js';
import { snsNotifier } from './sns.js';
import { teamsNotifier } from './teams.js';
import { webhookNotifier } from './webhook.js';

export function createNotifier(name: string, o: NotifierOptions): Notifier {
  switch (o.type) {
    case 'slack':
      return slackNotifier(name, o);
    case 'teams':
      return teamsNotifier(name, o);
    case 'webhook':
      return webhookNotifier(name, o);
    case 'email':
      return emailNotifier(name, o);
    case 'sns':
      return snsNotifier(name, o);
  }
}

/**
 * The notifiers of the config that `names` lists (all of them without `names`). One that cannot
 * be created is logged (by name and type only: its options hold secrets) and left out.
 */
export function createNotifiers(
  config: Record<string, NotifierOptions>,
  logger: Logger,
  names?: readonly string[],
): Map<string, Notifier> {
  const out = new Map<string, Notifier>();
  for (const name of names ?? Object.keys(config)) {
    const o = config[name];
    if (!o) {
      logger.warn(`notifier ${name} is not in the config`);
      continue;
    }
    try {
      out.set(name, createNotifier(name, o));
    } catch (err) {
      logger.error(`notifier ${name} (${o.type}) cannot be created: ${messageOf(err)}`);
    }
  }
  return out;
}

export async function closeNotifiers(notifiers: Map<string, Notifier>): Promise<void> {
  for (const n of notifiers.values()) await n.close?.().catch(() => undefined);
}
