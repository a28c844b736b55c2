import { globMatch } from '../core/glob.js';
import type { ActionTarget } from '../core/remediation.js';

export interface GuardLists {
  allow: { accounts: readonly string[]; resources: readonly string[] };
  deny: { accounts: readonly string[]; resources: readonly string[] };
}

/**
 * No action runs outside the allow-list: the target's account must be listed, and when
 * resources are listed its reference must match one of them; a deny entry wins over an allow.
 * Without an allow-list nothing is allowed.
 */
export class ActionGuard {
  constructor(private readonly lists: GuardLists | undefined) {}

  /** why the target may not be acted on, or null */
  refusal(target: ActionTarget): string | null {
    const l = this.lists;
    if (!l || l.allow.accounts.length === 0)
      return 'no allow-list: list the accounts remediation may act in under respond.allow.accounts';
    if (l.deny.accounts.includes(target.account))
      return `account ${target.account} is in respond.deny.accounts`;
    const denied = l.deny.resources.find((g) => globMatch(g, target.reference));
    if (denied) return `${target.reference} matches respond.deny.resources "${denied}"`;
    if (!l.allow.accounts.includes(target.account))
      return `account ${target.account} is not in respond.allow.accounts (${l.allow.accounts.join(', ')})`;
    if (l.allow.resources.length > 0 && !l.allow.resources.some((g) => globMatch(g, target.reference)))
      return `${target.reference} matches none of respond.allow.resources`;
    return null;
  }
}
