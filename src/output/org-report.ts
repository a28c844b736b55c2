import {
  type AccountPosture,
  accountInfo,
  accountKey,
  accountPostures,
  failingChecks,
  type OrgRollup,
  type PostureNode,
  rollUp,
} from '../core/org-posture.js';
import { SEVERITIES, type Severity } from '../core/severity.js';
import { escapeHtml } from './html-escape.js';
import { isDetection, type ReportInput } from './report-data.js';
import { verdictOf } from './verdicts.js';

/*
 * Posture by organisation in a report: the scan's accounts with their live failed findings by
 * severity, summed up their clouds' hierarchies (the same rollup the dashboard's Accounts page
 * shows), for a scan of more than one account.
 */

/** The rollup of a report's scan, or null when the scan read one account or none. */
export function orgRollupOf(input: Pick<ReportInput, 'scan' | 'findings' | 'results'>): OrgRollup | null {
  const keys = new Set<string>((input.scan?.accounts ?? []).map(accountKey));
  for (const r of input.results) keys.add(accountKey(r));
  // live as on the dashboard: failed and new, open or regressed (muted ones are accepted risk)
  const live = input.findings.filter(
    (f) => !isDetection(f) && verdictOf(f) === 'fail' && f.com.state !== 'muted',
  );
  for (const f of live) keys.add(`${f.com.cloud_type}:${f.com.account}`);
  if (keys.size < 2) return null;
  // resources: those with at least one result in the account
  const refs = new Map<string, Set<string>>();
  for (const r of input.results) {
    const set = refs.get(accountKey(r)) ?? new Set<string>();
    set.add(r.reference);
    refs.set(accountKey(r), set);
  }
  const counted = new Map<string, { cloud: string; account: string; severity: Severity; count: number }>();
  for (const f of live) {
    const k = `${f.com.cloud_type}:${f.com.account}:${f.com.severity}`;
    const row = counted.get(k) ?? {
      cloud: f.com.cloud_type,
      account: f.com.account,
      severity: f.com.severity,
      count: 0,
    };
    row.count += 1;
    counted.set(k, row);
  }
  const scannedAt = input.scan ? (input.scan.finished_at ?? input.scan.started_at) : null;
  return rollUp(
    accountPostures({
      info: accountInfo(input.scan ? [input.scan] : []),
      accounts: keys,
      live: [...counted.values()],
      failing: failingChecks(input.results),
      resources: new Map([...refs].map(([k, set]) => [k, set.size])),
      scannedAt,
    }),
  );
}

const KIND: Record<string, string> = {
  organization: 'organisation',
  organizational_unit: 'OU',
  management_group: 'management group',
  folder: 'folder',
};

const cells = (f: Record<Severity, number>) =>
  SEVERITIES.map((s) => `<td class="num">${f[s] > 0 ? f[s] : ''}</td>`).join('');

function nodeHtml(n: PostureNode, byKey: Map<string, AccountPosture>, depth: number): string {
  const label = escapeHtml(n.name ?? n.id);
  const id = n.name && n.name !== n.id ? ` <span class="note">${escapeHtml(n.id)}</span>` : '';
  const accounts = n.accounts
    .map((k) => byKey.get(k))
    .filter((a): a is AccountPosture => a !== undefined)
    .map((a) => `<li>${accountHtml(a)}</li>`)
    .join('');
  return `<li><details${depth < 2 ? ' open' : ''}><summary>${label} <span class="note">${escapeHtml(KIND[n.kind] ?? n.kind)}</span>${id} · ${n.account_count} account(s) · ${severityText(n.findings)}</summary><ul class="org-tree">${n.children.map((c) => nodeHtml(c, byKey, depth + 1)).join('')}${accounts}</ul></details></li>`;
}

function severityText(f: Record<Severity, number>): string {
  const parts = SEVERITIES.filter((s) => f[s] > 0).map(
    (s) => `<span class="badge sev-${s}">${f[s]} ${s}</span>`,
  );
  return parts.length > 0 ? parts.join(' ') : 'no live findings';
}

function accountHtml(a: AccountPosture): string {
  const id = a.name !== a.account ? ` <span class="note">${escapeHtml(a.account)}</span>` : '';
  return `${escapeHtml(a.name)}${id} · ${severityText(a.findings)}`;
}

/** The report's "Posture by organisation" section: the tree, then the top `top` accounts. */
export function renderOrgSection(rollup: OrgRollup, top = 20): string {
  const byKey = new Map(rollup.accounts.map((a) => [accountKey(a), a]));
  const unplaced = rollup.unplaced
    .map((k) => byKey.get(k))
    .filter((a): a is AccountPosture => a !== undefined);
  const tree =
    rollup.roots.map((n) => nodeHtml(n, byKey, 0)).join('') +
    (unplaced.length > 0
      ? `<li><details${rollup.roots.length === 0 ? ' open' : ''}><summary>Outside a known organisation · ${unplaced.length} account(s)</summary><ul class="org-tree">${unplaced.map((a) => `<li>${accountHtml(a)}</li>`).join('')}</ul></details></li>`
      : '');
  const rows = rollup.accounts
    .slice(0, top)
    .map(
      (a, i) =>
        `<tr><td class="num">${i + 1}</td><td>${escapeHtml(a.name)}${a.name !== a.account ? `<br><span class="note">${escapeHtml(a.account)}</span>` : ''}</td><td>${escapeHtml(a.cloud)}</td><td>${escapeHtml(a.path.map((l) => l.name ?? l.id).join(' › ') || '—')}</td>${cells(a.findings)}<td class="num">${a.live}</td><td class="num">${a.failing_checks}</td></tr>`,
    )
    .join('');
  const more =
    rollup.accounts.length > top
      ? `<p class="note">The top ${top} of ${rollup.accounts.length} accounts; the JSON report (by_organisation) lists every one.</p>`
      : '';
  return `<section id="org-posture" class="framework">
<h2>Posture by organisation</h2>
<p class="note">${rollup.totals.accounts} accounts · ${rollup.totals.live} live findings, summed up each cloud's organisation, units and accounts.</p>
<ul class="org-tree">${tree}</ul>
<h3>Accounts ranked by live critical, then high findings</h3>
<table id="ranked-accounts"><thead><tr><th>#</th><th>Account</th><th>Cloud</th><th>Place</th>${SEVERITIES.map((s) => `<th>${s}</th>`).join('')}<th>Live</th><th>Failing checks</th></tr></thead><tbody>${rows}</tbody></table>
${more}
</section>`;
}
