import type { AccountName } from '../../src/core/scan-store.js';
import type { Severity } from '../../src/core/severity.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { eventOf, life, resource, resultOf, summary } from '../store/fixtures.js';

/*
 * A small estate spread over clouds' hierarchies, stored as one complete scan of audit "org":
 * an AWS organisation with nested OUs, an Azure management group tree and a GCP project whose
 * place is unknown. Each account's findings are listed so tests can sum what they expect.
 */

type Cloud = 'aws' | 'azure' | 'gcp';

export interface OrgAccount extends AccountName {
  cloud: Cloud;
  findings: Partial<Record<Severity, number>>;
  /** passing results besides the failing ones */
  passes: number;
}

const ORG = { kind: 'organization', id: 'o-acme1', name: 'Acme' } as const;
const WORKLOADS = { kind: 'organizational_unit', id: 'ou-work-1', name: 'Workloads' } as const;
const PROD = { kind: 'organizational_unit', id: 'ou-prod-1', name: 'Prod' } as const;
const SANDBOX = { kind: 'organizational_unit', id: 'ou-sand-1', name: 'Sandbox' } as const;
const TENANT = { kind: 'management_group', id: 'tenant-root', name: 'Tenant Root Group' } as const;
const CORP = { kind: 'management_group', id: 'mg-corp', name: 'Corp' } as const;

/** An account of the estate; without a path its place in a hierarchy is unknown. */
function orgAccount(
  cloud: Cloud,
  account: string,
  name: string,
  path: AccountName['path'],
  findings: OrgAccount['findings'],
  passes: number,
): OrgAccount {
  return { cloud, account, name, ...(path ? { path } : {}), findings, passes };
}

export const ORG_ACCOUNTS: OrgAccount[] = [
  orgAccount('aws', '100000000001', 'payments-prod', [ORG, WORKLOADS, PROD], { critical: 2, high: 1 }, 3),
  orgAccount('aws', '100000000002', 'web-prod', [ORG, WORKLOADS, PROD], { high: 3, low: 1 }, 1),
  orgAccount('aws', '100000000003', 'shared-services', [ORG, WORKLOADS], { critical: 1 }, 2),
  orgAccount('aws', '100000000004', 'dev-sandbox', [ORG, SANDBOX], { medium: 4 }, 0),
  orgAccount(
    'azure',
    '00000000-0000-0000-0000-0000000000a1',
    'corp-subscription',
    [TENANT, CORP],
    { high: 2, medium: 1 },
    1,
  ),
  orgAccount('gcp', 'lonely-project-1', 'lonely-project-1', undefined, { info: 1 }, 1),
];

export const ORG_AT = '2026-11-02T03:00:00.000Z';

/** Stores the estate as one complete scan of audit "org" in the SQLite store at `db`. */
export async function seedOrgEstate(db: string, accounts: OrgAccount[] = ORG_ACCOUNTS): Promise<void> {
  const store = await openSqliteStore(db);
  try {
    const s = summary('20261102T030000000Z', 'org', ORG_AT, { label: 'org nightly' });
    s.errors = [];
    s.accounts = accounts.map(({ cloud, account, name, path }) => ({
      cloud,
      account,
      name,
      ...(path ? { path } : {}),
    }));
    const writer = await store.beginScan(s);
    const resources = [];
    const results = [];
    const lives = [];
    for (const a of accounts) {
      let i = 0;
      for (const [severity, n] of Object.entries(a.findings) as [Severity, number][]) {
        for (let k = 0; k < n; k++, i++) {
          const reference = `${a.cloud}:${a.account}:res-${i}`;
          const rec = resource({ reference, cloud: a.cloud, account: a.account });
          resources.push(rec);
          const checkId = `aws.s3.bench_${severity}_${k}`;
          results.push(resultOf(rec, checkId, 'fail', severity));
          lives.push(
            life({
              checkId,
              reference,
              account: a.account,
              cloud: a.cloud,
              severity,
              auditKey: 'org',
              firstSeen: ORG_AT,
            }),
          );
        }
      }
      for (let k = 0; k < a.passes; k++) {
        const rec = resource({
          reference: `${a.cloud}:${a.account}:ok-${k}`,
          cloud: a.cloud,
          account: a.account,
        });
        resources.push(rec);
        results.push(resultOf(rec, 'aws.s3.passing', 'pass', 'low'));
      }
    }
    await writer.addResources(resources);
    await writer.addResults(results);
    s.counts.resources = resources.length;
    s.counts.results = {
      pass: results.filter((r) => r.status === 'pass').length,
      fail: lives.length,
      error: 0,
      manual: 0,
      not_applicable: 0,
    };
    s.counts.findings = { new: lives.length };
    await writer.commit(
      { ...s, status: 'complete' },
      lives,
      lives.map((l) => eventOf(l, s.id)),
    );
  } finally {
    await store.close();
  }
}
