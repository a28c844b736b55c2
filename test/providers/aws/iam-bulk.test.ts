import { existsSync, readFileSync } from 'node:fs';
import {
  IAMClient,
  paginateGetAccountAuthorizationDetails,
  paginateListAccessKeys,
  paginateListMFADevices,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResourceRecord } from '../../../src/core/record.js';
import { defineCollector, type RawItem } from '../../../src/providers/aws/collector.js';
import { users } from '../../../src/providers/aws/collectors/iam.js';
import { allPages } from '../../../src/providers/aws/collectors/pages.js';
import { demoSnapshotPath } from '../../../src/providers/demo.js';
import { normaliseCollection } from '../../../src/providers/normalisers.js';
import { readSnapshot } from '../../../src/providers/snapshot.js';
import { context } from './helpers.js';
import { type LocalAws, type LocalRequest, startLocalAws, useEndpoint, xmlText } from './local-aws.js';

/**
 * IAM users are read in bulk (GetAccountAuthorizationDetails and the credential report) instead
 * of ListMFADevices and ListAccessKeys per user. The same IAM answers are served at a local
 * endpoint to the per-user collector this replaced and to the bulk one: the normalised users
 * keep every fact, in far fewer calls.
 */

/** The collector as it was: the listing, then two calls per user. */
const perUser = defineCollector({
  type: 'aws.iam.user',
  service: 'iam',
  client: IAMClient,
  scope: 'global',
  list: {
    permission: 'iam:GetAccountAuthorizationDetails',
    paginate: (client) =>
      paginateGetAccountAuthorizationDetails({ client, pageSize: 1000 }, { Filter: ['User'] }),
    items: (page) => page.UserDetailList,
  },
  enrich: {
    mfaDevices: {
      permission: 'iam:ListMFADevices',
      call: (client, u) =>
        allPages(paginateListMFADevices({ client }, { UserName: u.UserName }), (p) => p.MFADevices),
    },
    accessKeys: {
      permission: 'iam:ListAccessKeys',
      call: (client, u) =>
        allPages(paginateListAccessKeys({ client }, { UserName: u.UserName }), (p) => p.AccessKeyMetadata),
    },
  },
});

/** One account's IAM as the API holds it. */
interface Account {
  id: string;
  users: Record<string, unknown>[];
  mfa: Map<string, Record<string, unknown>[]>;
  keys: Map<string, Record<string, unknown>[]>;
  report: string;
}

/** IAM's query-protocol XML for a result object (lists as <member> elements). */
function toXml(v: unknown): string {
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map((m) => `<member>${toXml(m)}</member>`).join('');
  if (typeof v === 'object' && v !== null)
    return Object.entries(v)
      .filter(([, x]) => x !== undefined && x !== null)
      .map(([k, x]) => `<${k}>${toXml(x)}</${k}>`)
      .join('');
  return xmlText(String(v));
}

const iam = (action: string, result: Record<string, unknown>) => ({
  body: `<${action}Response xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><${action}Result>${toXml(result)}</${action}Result><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></${action}Response>`,
});

function answerFor(account: () => Account) {
  return (req: LocalRequest) => {
    const a = account();
    const p = req.params;
    switch (req.action) {
      case 'GetAccountAuthorizationDetails':
        expect(p.get('Filter.member.1')).toBe('User');
        return iam(req.action, { UserDetailList: a.users, IsTruncated: false });
      case 'ListMFADevices':
        return iam(req.action, { MFADevices: a.mfa.get(p.get('UserName') ?? '') ?? [], IsTruncated: false });
      case 'ListAccessKeys':
        return iam(req.action, {
          AccessKeyMetadata: a.keys.get(p.get('UserName') ?? '') ?? [],
          IsTruncated: false,
        });
      case 'GenerateCredentialReport':
        return iam(req.action, { State: 'COMPLETE' });
      case 'GetCredentialReport':
        return iam(req.action, {
          Content: Buffer.from(a.report).toString('base64'),
          ReportFormat: 'text/csv',
          GeneratedTime: new Date('2025-03-03T05:00:00Z'),
        });
      default:
        return undefined;
    }
  };
}

/** The credential report as IAM writes it: a header, then one CSV line per row. */
function reportCsv(rows: Record<string, string>[]): string {
  const columns = Object.keys(rows[0] ?? { user: '', arn: '' });
  const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c] ?? 'N/A')).join(','))].join(
    '\n',
  );
}

let current: Account;
let aws: LocalAws;
let restore: () => void;
beforeAll(async () => {
  aws = await startLocalAws(answerFor(() => current));
  restore = useEndpoint(aws.url);
});
afterAll(async () => {
  restore();
  await aws.close();
});

async function collect(account: Account) {
  current = account;
  const run = async (collector: typeof users) => {
    aws.requests.length = 0;
    const items: RawItem[] = await collector.run(context('global'));
    const { records, errors } = normaliseCollection({
      cloud: 'aws',
      account: account.id,
      region: 'global',
      type: 'aws.iam.user',
      items,
    });
    expect(errors).toEqual([]);
    return { records, calls: aws.requests.length };
  };
  return { before: await run(perUser), after: await run(users) };
}

const CREDENTIAL_FACTS = ['mfa_devices', 'access_keys', 'mfa_active', 'unknown_facts'];
const rest = (r: ResourceRecord) =>
  Object.fromEntries(Object.entries(r.ext).filter(([k]) => !CREDENTIAL_FACTS.includes(k)));
interface Key {
  id: string | null;
  active: boolean | null;
  created: string | null;
  age_days: number | null;
}
const keysOf = (r: ResourceRecord) =>
  ((r.ext.access_keys as Key[] | null) ?? []).map(({ active, created, age_days }) => ({
    active,
    created,
    age_days,
  }));

describe('IAM users in bulk, against the per-user calls they replace', () => {
  it('keep every fact of the demo estate users, in 3 calls instead of 1 + 2 per user', async () => {
    const snapshot = await readSnapshot(demoSnapshotPath('day1'));
    let compared = 0;
    for (const batch of snapshot.accounts.filter((b) => b.cloud === 'aws')) {
      const items = batch.collections.find((c) => c.type === 'aws.iam.user')?.items ?? [];
      const rows = batch.collections.find((c) => c.type === 'aws.iam.credential_report')?.items ?? [];
      if (items.length === 0) continue;
      const name = (raw: RawItem) => String((raw.item as { UserName: string }).UserName);
      const account: Account = {
        id: batch.account,
        users: items.map((raw) => raw.item as Record<string, unknown>),
        mfa: new Map(items.map((raw) => [name(raw), raw.mfaDevices as Record<string, unknown>[]])),
        keys: new Map(items.map((raw) => [name(raw), raw.accessKeys as Record<string, unknown>[]])),
        report: reportCsv(rows.map((r) => r.item as Record<string, string>)),
      };
      const { before, after } = await collect(account);
      expect(before.calls).toBe(1 + 2 * items.length);
      expect(after.calls).toBe(3);
      expect(after.records.length).toBe(before.records.length);
      for (const [i, b] of before.records.entries()) {
        const a = after.records[i] as ResourceRecord;
        expect(a.com).toEqual(b.com);
        expect(rest(a)).toEqual(rest(b));
        expect(a.ext.mfa_active).toBe(b.ext.mfa_active);
        expect(a.ext.mfa_active).not.toBeNull();
        expect(keysOf(a)).toEqual(keysOf(b));
        expect(a.ext.unknown_facts).toEqual({});
        compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(3);
    expect(aws.refused).toEqual([]);
  });

  /** Cloud Custodian's recordings of real accounts, where one holds the users, their keys and the report. */
  const FILE = new URL(
    '../../../../shared/data/config/cloud-custodian/aws_placebo_responses.jsonl',
    import.meta.url,
  );
  it.skipIf(!existsSync(FILE))('agree with recorded real answers on key states and MFA', async () => {
    const dirs = new Map<string, Map<string, unknown[]>>();
    for (const line of readFileSync(FILE, 'utf8').split('\n')) {
      if (!line) continue;
      const d = JSON.parse(line) as {
        test_dir: string;
        service?: string;
        operation?: string;
        content?: unknown;
      };
      if (d.service !== 'iam' || !d.operation) continue;
      const data = (d.content as { data?: unknown } | undefined)?.data;
      const ops = dirs.get(d.test_dir) ?? new Map<string, unknown[]>();
      ops.set(d.operation, [...(ops.get(d.operation) ?? []), data]);
      dirs.set(d.test_dir, ops);
    }
    const revive = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(revive);
      if (typeof v !== 'object' || v === null) return v;
      const o = v as Record<string, unknown>;
      if (o.__class__ === 'datetime') {
        const n = (k: string) => Number(o[k] ?? 0);
        return new Date(Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')));
      }
      return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, revive(x)]));
    };
    let compared = 0;
    for (const [, ops] of dirs) {
      const listed = ops.get('ListUsers')?.[0] as { Users?: Record<string, unknown>[] } | undefined;
      const keys = ops.get('ListAccessKeys')?.[0] as
        | { AccessKeyMetadata?: Record<string, unknown>[] }
        | undefined;
      const report = (ops.get('GetCredentialReport')?.[0] as { Content?: string } | undefined)?.Content;
      if (!listed?.Users || !keys?.AccessKeyMetadata || !report) continue;
      const userList = revive(listed.Users) as Record<string, unknown>[];
      const keyList = revive(keys.AccessKeyMetadata) as Record<string, unknown>[];
      const account: Account = {
        id: '644160558196',
        users: userList,
        mfa: new Map(),
        keys: new Map(
          userList.map((u) => [String(u.UserName), keyList.filter((k) => k.UserName === u.UserName)]),
        ),
        report,
      };
      const { before, after } = await collect(account);
      for (const [i, b] of before.records.entries()) {
        const a = after.records[i] as ResourceRecord;
        expect(rest(a)).toEqual(rest(b));
        // the same keys, in the same states; the recordings were edited by hand, so their dates
        // do not always agree between the two answers (a later key rotation, a minute apart)
        expect(keysOf(a).map((k) => k.active)).toEqual(keysOf(b).map((k) => k.active));
        expect(a.ext.mfa_active).toBe(b.ext.mfa_active);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(0);
  });
});
