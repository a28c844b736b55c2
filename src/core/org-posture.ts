import type { AccountName, OrgLevel, OrgLevelKind } from './scan-store.js';
import { SEVERITIES, type Severity } from './severity.js';

/*
 * Posture grouped above the account: each account's live findings by severity, ranked, and
 * the same counts summed up its cloud's hierarchy (organisation, OUs / management groups /
 * folders). Pure: the server and the reports give it counts they read and get the same tree.
 */

export type SeverityCounts = Record<Severity, number>;

export const zeroCounts = (): SeverityCounts => ({ critical: 0, high: 0, medium: 0, low: 0, info: 0 });

/** What is known of one account's posture in a scan or an audit's current state. */
export interface AccountPosture {
  cloud: string;
  account: string;
  /** the cloud's name for it; the id when it gives none */
  name: string;
  /** the levels above it, outermost first; empty when unknown */
  path: OrgLevel[];
  /** live failed findings (new, open, regressed) by severity */
  findings: SeverityCounts;
  /** their sum */
  live: number;
  /** distinct checks with at least one failed result in the account */
  failing_checks: number;
  resources: number;
  /** when the account was last read (the end of the latest scan that covered it) */
  last_scanned: string | null;
}

/** One level of a hierarchy with the counts of every account under it, at any depth. */
export interface PostureNode {
  cloud: string;
  kind: OrgLevelKind;
  id: string;
  name: string | null;
  findings: SeverityCounts;
  live: number;
  failing_checks: number;
  resources: number;
  /** accounts under this level, at any depth */
  account_count: number;
  children: PostureNode[];
  /** "cloud:account" keys of the accounts directly under this level, ranked */
  accounts: string[];
}

export interface OrgRollup {
  totals: { findings: SeverityCounts; live: number; resources: number; accounts: number };
  /** every account, most critical first (then high, medium, low, info), then by name */
  accounts: AccountPosture[];
  /** the outermost levels (organisations, tenant root groups) */
  roots: PostureNode[];
  /** "cloud:account" keys of accounts whose place in a hierarchy is unknown, ranked */
  unplaced: string[];
}

export const accountKey = (a: { cloud: string; account: string }): string => `${a.cloud}:${a.account}`;

/** Most live critical findings first, then high, medium, low, info; then by name and id. */
export function byPosture(a: AccountPosture, b: AccountPosture): number {
  for (const s of SEVERITIES) if (a.findings[s] !== b.findings[s]) return b.findings[s] - a.findings[s];
  return a.name.localeCompare(b.name) || a.account.localeCompare(b.account);
}

/** Which accounts a view keeps: any level's id (the levels under it included), account, cloud. */
export interface LevelFilter {
  cloud?: string;
  /** an organisation's id */
  org?: string;
  /** an OU's, management group's or folder's id, at any depth */
  unit?: string;
  account?: string;
}

export function hasLevelFilter(f: LevelFilter): boolean {
  return f.cloud !== undefined || f.org !== undefined || f.unit !== undefined || f.account !== undefined;
}

export function matchesLevel(a: Pick<AccountName, 'cloud' | 'account' | 'path'>, f: LevelFilter): boolean {
  if (f.cloud !== undefined && a.cloud !== f.cloud) return false;
  if (f.account !== undefined && a.account !== f.account) return false;
  const path = a.path ?? [];
  if (f.org !== undefined && !path.some((l) => l.kind === 'organization' && l.id === f.org)) return false;
  if (f.unit !== undefined && !path.some((l) => l.kind !== 'organization' && l.id === f.unit)) return false;
  return true;
}

function node(cloud: string, level: OrgLevel): PostureNode {
  return {
    cloud,
    kind: level.kind,
    id: level.id,
    name: level.name ?? null,
    findings: zeroCounts(),
    live: 0,
    failing_checks: 0,
    resources: 0,
    account_count: 0,
    children: [],
    accounts: [],
  };
}

function add(n: PostureNode, a: AccountPosture): void {
  for (const s of SEVERITIES) n.findings[s] += a.findings[s];
  n.live += a.live;
  n.failing_checks += a.failing_checks;
  n.resources += a.resources;
  n.account_count += 1;
}

/** Orders a level's children like the accounts: most critical first. */
function rank(nodes: PostureNode[]): void {
  nodes.sort((a, b) => {
    for (const s of SEVERITIES) if (a.findings[s] !== b.findings[s]) return b.findings[s] - a.findings[s];
    return (a.name ?? a.id).localeCompare(b.name ?? b.id);
  });
  for (const n of nodes) rank(n.children);
}

/** Ranks the accounts and sums them up their hierarchies. */
export function rollUp(accounts: readonly AccountPosture[]): OrgRollup {
  const ranked = [...accounts].sort(byPosture);
  const roots: PostureNode[] = [];
  const byKey = new Map<string, PostureNode>();
  const unplaced: string[] = [];
  const totals = { findings: zeroCounts(), live: 0, resources: 0, accounts: ranked.length };
  for (const a of ranked) {
    for (const s of SEVERITIES) totals.findings[s] += a.findings[s];
    totals.live += a.live;
    totals.resources += a.resources;
    if (a.path.length === 0) {
      unplaced.push(accountKey(a));
      continue;
    }
    let siblings = roots;
    let key = a.cloud;
    let last: PostureNode | undefined;
    for (const level of a.path) {
      key = `${key}/${level.kind}:${level.id}`;
      let n = byKey.get(key);
      if (!n) {
        n = node(a.cloud, level);
        byKey.set(key, n);
        siblings.push(n);
      } else if (n.name === null && level.name) n.name = level.name;
      add(n, a);
      siblings = n.children;
      last = n;
    }
    last?.accounts.push(accountKey(a));
  }
  rank(roots);
  return { totals, accounts: ranked, roots, unplaced };
}

/** Names and places of accounts from scan summaries, newest first: the first one given wins. */
export function accountInfo(summaries: readonly { accounts?: AccountName[] }[]): Map<string, AccountName> {
  const out = new Map<string, AccountName>();
  for (const s of summaries) {
    for (const a of s.accounts ?? []) {
      const key = accountKey(a);
      const had = out.get(key);
      if (!had) out.set(key, a);
      // an older scan may know the place a newer one could not read
      else if (!had.path && a.path) out.set(key, { ...had, path: a.path });
    }
  }
  return out;
}

/** The counts of one view (a scan or a current state) that an account's posture is made of. */
export interface PostureParts {
  /** names and places by "cloud:account" */
  info: ReadonlyMap<string, AccountName>;
  /** the accounts the view read ("cloud:account"); accounts met in the counts are added */
  accounts: Iterable<string>;
  /** live failed findings */
  live: readonly { cloud: string; account: string; severity: Severity; count: number }[];
  /** distinct failed checks by "cloud:account", for every account with results (see failingChecks) */
  failing: ReadonlyMap<string, number>;
  /** resources by "cloud:account" */
  resources: ReadonlyMap<string, number>;
  /** when each account was last read, by "cloud:account" (else `scannedAt`) */
  lastScanned?: ReadonlyMap<string, string>;
  scannedAt: string | null;
}

/** Each account's posture from a view's counts, unranked. */
export function accountPostures(p: PostureParts): AccountPosture[] {
  const byKey = new Map<string, AccountPosture>();
  const get = (key: string): AccountPosture => {
    let a = byKey.get(key);
    if (!a) {
      const i = key.indexOf(':');
      const cloud = key.slice(0, i);
      const account = key.slice(i + 1);
      const known = p.info.get(key);
      a = {
        cloud,
        account,
        name: known?.name || account,
        path: known?.path ?? [],
        findings: zeroCounts(),
        live: 0,
        failing_checks: 0,
        resources: p.resources.get(key) ?? 0,
        last_scanned: p.lastScanned?.get(key) ?? p.scannedAt,
      };
      byKey.set(key, a);
    }
    return a;
  };
  for (const key of p.accounts) get(key);
  for (const r of p.live) {
    const a = get(accountKey(r));
    a.findings[r.severity] += r.count;
    a.live += r.count;
  }
  for (const [key, n] of p.failing) get(key).failing_checks = n;
  return [...byKey.values()];
}

/**
 * Distinct failed checks per "cloud:account" of a view's check results, 0 for an account whose
 * checks all passed; accounts in the order the results first name them.
 */
export function failingChecks(
  results: readonly { cloud: string; account: string; check_id: string; status: string }[],
): Map<string, number> {
  const checks = new Map<string, Set<string>>();
  for (const r of results) {
    const key = accountKey(r);
    let failed = checks.get(key);
    if (!failed) {
      failed = new Set<string>();
      checks.set(key, failed);
    }
    if (r.status === 'fail') failed.add(r.check_id);
  }
  return new Map([...checks].map(([key, failed]) => [key, failed.size]));
}
