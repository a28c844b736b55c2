import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountBatch, CollectOptions } from '../../../src/core/provider.js';
import { awsPolicy } from '../../../src/providers/aws/policy.js';
import { AWS_HIERARCHY_SOURCE, AwsProvider } from '../../../src/providers/aws/provider.js';
import { jsonAnswer, restJson } from './endpoint-collection.js';
import {
  type Answer,
  callerIdentityAnswer,
  type EndpointRequest,
  setEnv,
  startAwsEndpoint,
} from './fixture-endpoint.js';
import { wireError } from './helpers.js';

/**
 * An organisation's tree (organisation, OUs) read through the SDK stack against the fixture
 * endpoint, which answers Organizations in its JSON 1.1 protocol and refuses any request not
 * signed with the caller's or the assumed role's key.
 */

const ME = '111122223333';
const ORG = 'o-a1b2c3d4e5';
const KEY = 'AKIDORGTREE';
const ROLE_KEY = 'ASIAORGTREEROLE';
const ROOT = 'r-a1b2';
const SECURITY = 'ou-a1b2-security';
const WORKLOADS = 'ou-a1b2-workload';
const PROD = 'ou-a1b2-prod0001';
const DEV = 'ou-a1b2-dev00001';

const account = (id: string, name: string) => ({
  Id: id,
  Arn: `arn:aws:organizations::${ME}:account/${ORG}/${id}`,
  Email: `${name}@example.com`,
  Name: name,
  Status: 'ACTIVE',
  State: 'ACTIVE',
  JoinedMethod: 'CREATED',
  JoinedTimestamp: 1_700_000_000,
});
const ACCOUNTS = {
  [ROOT]: [account(ME, 'management')],
  [SECURITY]: [account('222233334444', 'audit'), account('222233335555', 'log-archive')],
  [WORKLOADS]: [],
  [PROD]: [account('333344445555', 'shop-prod')],
  [DEV]: [account('444455556666', 'shop-dev')],
} as Record<string, ReturnType<typeof account>[]>;
const OUS: Record<string, { Id: string; Name: string }[]> = {
  [ROOT]: [
    { Id: SECURITY, Name: 'Security' },
    { Id: WORKLOADS, Name: 'Workloads' },
  ],
  [WORKLOADS]: [
    { Id: PROD, Name: 'Prod' },
    { Id: DEV, Name: 'Dev' },
  ],
};
const ou = (o: { Id: string; Name: string }) => ({
  ...o,
  Arn: `arn:aws:organizations::${ME}:ou/${ORG}/${o.Id}`,
});

/** Organizations as it answers: the tree above, the Security OU's accounts on two pages. */
function organizations(r: EndpointRequest, refuse?: string): Answer | undefined {
  if (r.service !== 'organizations') return undefined;
  if (r.action === refuse)
    return wireError(
      'AwsJson1_1Protocol',
      'AccessDeniedException',
      `You don't have permissions to access this resource.`,
      400,
    );
  const body = JSON.parse(r.body || '{}') as { ParentId?: string; NextToken?: string };
  switch (r.action) {
    case 'ListAccounts':
      return jsonAnswer({ Accounts: Object.values(ACCOUNTS).flat() });
    case 'DescribeOrganization':
      return jsonAnswer({
        Organization: {
          Id: ORG,
          Arn: `arn:aws:organizations::${ME}:organization/${ORG}`,
          FeatureSet: 'ALL',
          MasterAccountArn: `arn:aws:organizations::${ME}:account/${ORG}/${ME}`,
          MasterAccountId: ME,
          MasterAccountEmail: 'management@example.com',
          AvailablePolicyTypes: [],
        },
      });
    case 'ListRoots':
      return jsonAnswer({
        Roots: [
          {
            Id: ROOT,
            Arn: `arn:aws:organizations::${ME}:root/${ORG}/${ROOT}`,
            Name: 'Root',
            PolicyTypes: [],
          },
        ],
      });
    case 'ListOrganizationalUnitsForParent':
      return jsonAnswer({ OrganizationalUnits: (OUS[body.ParentId ?? ''] ?? []).map(ou) });
    case 'ListAccountsForParent': {
      const all = ACCOUNTS[body.ParentId ?? ''];
      if (!all) return wireError('AwsJson1_1Protocol', 'ParentNotFoundException', 'no such parent', 400);
      // the second page of a parent, as Organizations pages (NextToken)
      if (all.length > 1 && body.NextToken === undefined)
        return jsonAnswer({ Accounts: all.slice(0, 1), NextToken: 'page-2' });
      return jsonAnswer({ Accounts: body.NextToken ? all.slice(1) : all });
    }
  }
  return undefined;
}

describe('an AWS organisation tree', () => {
  let endpoint: Awaited<ReturnType<typeof startAwsEndpoint>>;
  let env: { restore(): void };
  let refuse: string | undefined;

  beforeEach(async () => {
    refuse = undefined;
    endpoint = await startAwsEndpoint({
      accessKeyId: [KEY, ROLE_KEY],
      answer: (r) =>
        r.service === 'sts'
          ? callerIdentityAnswer(ME)
          : r.service === 'account'
            ? restJson({ message: 'No contact of the inputted alternate contact type found.' }, 404)
            : organizations(r, refuse),
    });
    env = setEnv({ AWS_ENDPOINT_URL: endpoint.url, AWS_EC2_METADATA_DISABLED: 'true' });
  });
  afterEach(async () => {
    env.restore();
    await endpoint.close();
  });

  const provider = () =>
    new AwsProvider(
      { type: 'aws', regions: ['eu-west-1'], max_attempts: 1, organization: { role: 'Audit' } },
      {
        credentials: async () => ({ accessKeyId: KEY, secretAccessKey: 'fixture-secret-not-real' }),
        assumeRole: () => async () => ({ accessKeyId: ROLE_KEY, secretAccessKey: 'fixture-role-secret' }),
        homeRegion: 'us-east-1',
      },
    );
  const opts: CollectOptions = { types: new Set(['aws.account.security_contact']) };
  const orgCalls = () =>
    endpoint.requests.filter((r) => r.service === 'organizations' && r.action !== 'ListAccounts');

  async function collect(): Promise<AccountBatch[]> {
    const out: AccountBatch[] = [];
    for await (const b of provider().collect(opts)) out.push(b);
    return out;
  }

  const top = { kind: 'organization', id: ORG };
  const security = { kind: 'organizational_unit', id: SECURITY, name: 'Security' };
  const workloads = { kind: 'organizational_unit', id: WORKLOADS, name: 'Workloads' };

  it('gives each account the organisation and its OUs from the root down, walking the tree once', async () => {
    const batches = await collect();
    expect(batches.map((b) => [b.account, b.account_name, b.path])).toEqual([
      [ME, 'management', [top]],
      ['222233334444', 'audit', [top, security]],
      ['222233335555', 'log-archive', [top, security]],
      [
        '333344445555',
        'shop-prod',
        [top, workloads, { kind: 'organizational_unit', id: PROD, name: 'Prod' }],
      ],
      ['444455556666', 'shop-dev', [top, workloads, { kind: 'organizational_unit', id: DEV, name: 'Dev' }]],
    ]);
    // 2 + 2 x (4 OUs + the root), and the second page of the Security OU's accounts
    const calls = orgCalls().map((r) => r.action);
    expect(calls).toHaveLength(2 + 2 * 5 + 1);
    expect(new Set(calls)).toEqual(
      new Set([
        'DescribeOrganization',
        'ListRoots',
        'ListOrganizationalUnitsForParent',
        'ListAccountsForParent',
      ]),
    );
    // read as the caller (the management account), signed with its key
    expect(orgCalls().every((r) => String(r.headers.authorization).includes(`Credential=${KEY}/`))).toBe(
      true,
    );
    expect(endpoint.refused).toEqual([]);
    // no error entry when the tree was read
    expect(batches.flatMap((b) => b.collections).filter((c) => c.type === AWS_HIERARCHY_SOURCE)).toEqual([]);
  });

  it('a refused tree read leaves the accounts without a path and tells the scan once, naming the permission', async () => {
    refuse = 'ListOrganizationalUnitsForParent';
    const batches = await collect();
    expect(batches).toHaveLength(5);
    expect(batches.every((b) => b.path === undefined)).toBe(true);
    const told = batches.flatMap((b) => b.collections).filter((c) => c.type === AWS_HIERARCHY_SOURCE);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ account: ME, region: 'global' });
    // the SDK's AccessDeniedException, with the action it came from
    expect(told[0]?.error).toMatch(
      /^organizations:ListOrganizationalUnitsForParent: AccessDeniedException.*without their organisation and OUs/,
    );
    // the accounts were still read
    expect(batches.every((b) => b.collections.some((c) => c.type === 'aws.account.security_contact'))).toBe(
      true,
    );
  });

  it('a scan split into units: the plan carries the paths, the refusal is told once', async () => {
    const planner = provider();
    const units = await planner.planUnits(opts);
    expect(units.find((u) => u.account === '333344445555')?.path?.map((l) => l.id)).toEqual([
      ORG,
      WORKLOADS,
      PROD,
    ]);
    const walked = orgCalls().length;
    const worker = provider();
    const parts = (await Promise.all(units.map((u) => worker.collectUnit(u, opts)))).flat();
    expect(parts.find((p) => p.account === '222233335555')?.path).toEqual([top, security]);
    // the units carry the paths: the worker reads the tree only for the first account's global
    // part, which tells a refusal, not once per unit
    expect(orgCalls().length).toBe(2 * walked);
    expect(
      parts.flatMap((p) => p.collections).filter((c) => c.collection.type === AWS_HIERARCHY_SOURCE),
    ).toEqual([]);

    refuse = 'DescribeOrganization';
    const deniedUnits = await provider().planUnits(opts);
    expect(deniedUnits.every((u) => u.path === undefined)).toBe(true);
    const deniedWorker = provider();
    const deniedParts = (await Promise.all(deniedUnits.map((u) => deniedWorker.collectUnit(u, opts)))).flat();
    const told = deniedParts
      .flatMap((p) => p.collections)
      .filter((c) => c.collection.type === AWS_HIERARCHY_SOURCE);
    expect(told.map((c) => [c.collection.account, c.collection.error?.split(':')[1]])).toEqual([
      [ME, 'DescribeOrganization'],
    ]);
  });

  it('the organisation policy allows the tree reads', () => {
    const actions = awsPolicy(['aws.account.security_contact'], { organization: true }).Statement.flatMap(
      (s) => s.Action,
    );
    for (const a of [
      'organizations:ListAccounts',
      'organizations:DescribeOrganization',
      'organizations:ListRoots',
      'organizations:ListOrganizationalUnitsForParent',
      'organizations:ListAccountsForParent',
    ])
      expect(actions).toContain(a);
  });
});
