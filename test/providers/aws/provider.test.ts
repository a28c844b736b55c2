import { DescribeRegionsCommand, DescribeSecurityGroupsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  DescribeOrganizationCommand,
  ListAccountsCommand,
  ListRootsCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { AccountBatch } from '../../../src/core/provider.js';
import { roleArnIn, selectAccounts } from '../../../src/providers/aws/credentials.js';
import { BudgetExhausted } from '../../../src/providers/aws/limiter.js';
import { AwsProvider, type AwsProviderDeps } from '../../../src/providers/aws/provider.js';
import { CredentialCache } from '../../../src/providers/kit/credential-cache.js';
import { fakeCredentials, sdkError } from './helpers.js';

const sts = mockClient(STSClient);
const ec2 = mockClient(EC2Client);
const org = mockClient(OrganizationsClient);
const s3 = mockClient(S3Client);
afterEach(() => {
  for (const m of [sts, ec2, org, s3]) m.reset();
});
afterAll(() => {
  for (const m of [sts, ec2, org, s3]) m.restore();
});

const ME = '111122223333';

function deps(extra: Partial<AwsProviderDeps> = {}): AwsProviderDeps & { assumed: string[] } {
  const assumed: string[] = [];
  return {
    credentials: fakeCredentials,
    homeRegion: 'us-east-1',
    assumeRole: (_base, roleArn) => {
      assumed.push(roleArn);
      return fakeCredentials;
    },
    assumed,
    ...extra,
  };
}

async function all(it: AsyncIterable<AccountBatch>): Promise<AccountBatch[]> {
  const out: AccountBatch[] = [];
  for await (const b of it) out.push(b);
  return out;
}

function identity(account = ME) {
  sts
    .on(GetCallerIdentityCommand)
    .resolves({ Account: account, Arn: `arn:aws:iam::${account}:user/auditor`, UserId: 'AIDA' });
}

describe('regions', () => {
  it('scans every enabled region EC2 reports, skipping those not opted in', async () => {
    identity();
    ec2.on(DescribeRegionsCommand).resolves({
      Regions: [
        { RegionName: 'eu-west-1', OptInStatus: 'opt-in-not-required' },
        { RegionName: 'af-south-1', OptInStatus: 'opted-in' },
        { RegionName: 'me-south-1', OptInStatus: 'not-opted-in' },
      ],
    });
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [{ GroupId: 'sg-1' }] });
    const p = new AwsProvider({ type: 'aws' }, deps());
    const [batch] = await all(p.collect({ types: new Set(['aws.ec2.security_group']) }));
    expect(batch?.account).toBe(ME);
    expect(batch?.collections.map((c) => c.region).sort()).toEqual(['af-south-1', 'eu-west-1']);
  });

  it("scans only the regions of the credentials' partition, whatever DescribeRegions lists", async () => {
    // an AWS-compatible endpoint answers every partition's regions
    identity();
    ec2.on(DescribeRegionsCommand).resolves({
      Regions: ['eu-west-1', 'cn-north-1', 'cn-northwest-1', 'us-gov-west-1', 'us-iso-east-1'].map(
        (RegionName) => ({
          RegionName,
          OptInStatus: 'opt-in-not-required',
        }),
      ),
    });
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [] });
    const p = new AwsProvider({ type: 'aws' }, deps());
    const [batch] = await all(p.collect({ types: new Set(['aws.ec2.security_group']) }));
    expect(batch?.collections.map((c) => [c.region, c.partition])).toEqual([['eu-west-1', 'aws']]);
  });

  it('takes the partition from the caller ARN: China credentials scan China regions, in aws-cn ARNs', async () => {
    sts
      .on(GetCallerIdentityCommand)
      .resolves({ Account: ME, Arn: `arn:aws-cn:iam::${ME}:user/auditor`, UserId: 'AIDA' });
    ec2.on(DescribeRegionsCommand).resolves({
      Regions: ['cn-north-1', 'eu-west-1', 'us-east-1'].map((RegionName) => ({ RegionName })),
    });
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [] });
    const p = new AwsProvider({ type: 'aws' }, { ...deps(), homeRegion: 'cn-north-1' });
    const [batch] = await all(p.collect({ types: new Set(['aws.ec2.security_group']) }));
    expect(batch?.collections.map((c) => [c.region, c.partition])).toEqual([['cn-north-1', 'aws-cn']]);
  });

  it('reports a configured region of another partition instead of reading it', async () => {
    identity();
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [] });
    const p = new AwsProvider({ type: 'aws', regions: ['eu-west-1', 'cn-north-1'] }, deps());
    const [batch] = await all(p.collect({ types: new Set(['aws.ec2.security_group']) }));
    expect(batch?.collections).toEqual([
      {
        cloud: 'aws',
        account: ME,
        region: 'eu-west-1',
        partition: 'aws',
        type: 'aws.ec2.security_group',
        items: [],
      },
      {
        cloud: 'aws',
        account: ME,
        region: 'cn-north-1',
        partition: 'aws',
        type: 'aws.ec2.security_group',
        error: `region cn-north-1 is not in the aws partition of the credentials for account ${ME}: not read`,
      },
    ]);
    // nothing was sent to the China region
    const regions = await Promise.all(
      ec2.commandCalls(DescribeSecurityGroupsCommand).map((c) => (c.thisValue as EC2Client).config.region()),
    );
    expect(regions).toEqual(['eu-west-1']);
  });

  it('uses the configured region list without asking EC2', async () => {
    identity();
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [] });
    const p = new AwsProvider({ type: 'aws', regions: ['eu-west-3'] }, deps());
    const [batch] = await all(p.collect({ types: new Set(['aws.ec2.security_group']) }));
    expect(batch?.collections).toEqual([
      {
        cloud: 'aws',
        account: ME,
        region: 'eu-west-3',
        partition: 'aws',
        type: 'aws.ec2.security_group',
        items: [],
      },
    ]);
    expect(ec2.commandCalls(DescribeRegionsCommand)).toHaveLength(0);
  });

  it('turns a failed region discovery into failed regional collections, and still runs global ones', async () => {
    identity();
    ec2
      .on(DescribeRegionsCommand)
      .rejects(
        await sdkError(
          EC2Client,
          new DescribeRegionsCommand({}),
          'UnauthorizedOperation',
          'not allowed',
          403,
        ),
      );
    s3.on(ListBucketsCommand).resolves({ Buckets: [] });
    const p = new AwsProvider({ type: 'aws' }, deps());
    const [batch] = await all(p.collect({ types: new Set(['aws.ec2.security_group', 'storage']) }));
    const byType = Object.fromEntries(batch!.collections.map((c) => [c.type, c]));
    expect(byType['aws.ec2.security_group']).toMatchObject({
      region: 'all',
      error: 'ec2:DescribeRegions: UnauthorizedOperation: not allowed',
    });
    expect(byType['aws.s3.bucket']).toMatchObject({ region: 'global', items: [] });
  });
});

describe('failures become Collection.error and the scan goes on', () => {
  it('names the API action, the code and the message', async () => {
    identity();
    ec2.on(DescribeSecurityGroupsCommand, { MaxResults: 1000 }).callsFake(async (_i, getClient) => {
      const region = await getClient().config.region();
      if (region === 'eu-west-1')
        throw await sdkError(
          EC2Client,
          new DescribeSecurityGroupsCommand({}),
          'UnauthorizedOperation',
          'You are not authorized to perform this operation.',
          403,
        );
      return { SecurityGroups: [{ GroupId: 'sg-ok' }] };
    });
    const p = new AwsProvider({ type: 'aws', regions: ['eu-west-1', 'us-west-2'] }, deps());
    const [batch] = await all(p.collect({ types: new Set(['firewall_rule']) }));
    const byRegion = Object.fromEntries(batch!.collections.map((c) => [c.region, c]));
    expect(byRegion['eu-west-1']).toEqual({
      cloud: 'aws',
      account: ME,
      region: 'eu-west-1',
      partition: 'aws',
      type: 'aws.ec2.security_group',
      error:
        'ec2:DescribeSecurityGroups: UnauthorizedOperation: You are not authorized to perform this operation.',
    });
    expect(byRegion['us-west-2']?.items).toEqual([{ item: { GroupId: 'sg-ok' } }]);
    expect(p.stats()).toMatchObject({ collections: 2, failedCollections: 1, resources: 1 });
  });

  it('fails clearly when the credentials cannot be used at all', async () => {
    sts
      .on(GetCallerIdentityCommand)
      .rejects(
        await sdkError(
          STSClient,
          new GetCallerIdentityCommand({}),
          'ExpiredToken',
          'The security token included in the request is expired',
          403,
        ),
      );
    const p = new AwsProvider({ type: 'aws', regions: ['eu-west-1'] }, deps());
    await expect(all(p.collect({ types: new Set(['aws.ec2.security_group']) }))).rejects.toThrow(
      /sts:GetCallerIdentity.*ExpiredToken/,
    );
  });
});

describe('collector selection', () => {
  it('runs only the collectors whose type, or a type their normaliser produces, is asked for', () => {
    const p = new AwsProvider({ type: 'aws' }, deps());
    expect(p.collectorsFor(new Set(['rdbms'])).map((c) => c.type)).toEqual(['aws.rds.db_instance']);
    expect(p.collectorsFor(new Set(['aws.ec2.volume', 'compute'])).map((c) => c.type)).toEqual([
      'aws.ec2.instance',
      'aws.ec2.volume',
    ]);
    expect(p.collectorsFor(new Set(['azure.network.nsg']))).toEqual([]);
  });

  it('yields nothing and calls nothing when no AWS type is asked for', async () => {
    const p = new AwsProvider({ type: 'aws' }, deps());
    expect(await all(p.collect({ types: new Set(['gcp.compute.firewall']) }))).toEqual([]);
    expect(sts.calls()).toHaveLength(0);
  });
});

describe('organisation', () => {
  const accounts = [
    { Id: ME, Name: 'management', State: 'ACTIVE' as const },
    { Id: '222233334444', Name: 'prod', State: 'ACTIVE' as const },
    { Id: '333344445555', Name: 'dev', Status: 'ACTIVE' as const },
    { Id: '444455556666', Name: 'closed', State: 'SUSPENDED' as const },
    { Id: '555566667777', Name: 'sandbox', State: 'ACTIVE' as const },
  ];

  it('assumes the role in every active account except the excluded, one batch per account', async () => {
    identity();
    org
      .on(ListAccountsCommand)
      .resolvesOnce({ Accounts: accounts.slice(0, 3), NextToken: 'n' })
      .resolvesOnce({
        Accounts: accounts.slice(3),
      });
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [] });
    const d = deps();
    const p = new AwsProvider(
      {
        type: 'aws',
        regions: ['eu-west-1'],
        organization: { role: 'CloudwardAudit', exclude: ['555566667777'] },
      },
      d,
    );
    const batches = await all(p.collect({ types: new Set(['aws.ec2.security_group']) }));
    expect(batches.map((b) => [b.account, b.account_name])).toEqual([
      [ME, 'management'],
      ['222233334444', 'prod'],
      ['333344445555', 'dev'],
    ]);
    // the caller's own account is read with the caller's credentials
    expect(d.assumed).toEqual([
      'arn:aws:iam::222233334444:role/CloudwardAudit',
      'arn:aws:iam::333344445555:role/CloudwardAudit',
    ]);
  });

  it('assumes each role once for all the units and scans of a worker, paced by the caller account', async () => {
    identity();
    org.on(ListAccountsCommand).resolves({ Accounts: accounts.slice(0, 3) });
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [] });
    const cache = new CredentialCache();
    const assumed: string[] = [];
    const plugins: number[] = [];
    const worker = () =>
      new AwsProvider(
        { type: 'aws', regions: ['eu-west-1', 'eu-west-2'], organization: { role: 'Audit' } },
        deps({
          credentialCache: cache,
          assumeRole: (_b, arn, _x, _r, clientPlugins) => {
            assumed.push(arn);
            plugins.push(clientPlugins?.length ?? 0);
            return fakeCredentials;
          },
        }),
      );
    const opts = { types: new Set(['aws.ec2.security_group']) };
    // two scans served by one worker: one provider each, every unit of every account
    for (const p of [worker(), worker()]) {
      const units = await p.planUnits(opts);
      expect(units).toHaveLength(3 * 3);
      for (const u of units) await p.collectUnit(u, opts);
    }
    expect(assumed.sort()).toEqual([
      'arn:aws:iam::222233334444:role/Audit',
      'arn:aws:iam::333344445555:role/Audit',
    ]);
    // the STS client of each assumption carries the limiter's pacing
    expect(plugins).toEqual([1, 1]);
    // one check that the role works per account and scan, not one per unit
    const checks = sts.commandCalls(GetCallerIdentityCommand).length;
    expect(checks).toBe(2 * (1 + 2));
  });

  it("takes no unit's exhausted rate budget for the account's failure: the units that waited check again themselves", async () => {
    let memberChecks = 0;
    sts.on(GetCallerIdentityCommand).callsFake(async (_i, getClient) => {
      const creds = await getClient().config.credentials();
      if (creds.accessKeyId === 'AKIDMEMBER') {
        memberChecks++;
        await new Promise((r) => setTimeout(r, 5));
        // the first check runs out of its unit's share of the budget (the worker re-queues that unit)
        if (memberChecks === 1) throw new BudgetExhausted(`${ME}/us-east-1/sts`, 99);
        return { Account: '222233334444', Arn: 'arn:aws:sts::222233334444:assumed-role/Audit/cloudward' };
      }
      return { Account: ME, Arn: `arn:aws:iam::${ME}:user/auditor` };
    });
    org.on(ListAccountsCommand).resolves({ Accounts: accounts.slice(1, 2) });
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [] });
    const p = new AwsProvider(
      { type: 'aws', regions: ['eu-west-1', 'eu-west-2'], organization: { role: 'Audit' } },
      deps({ assumeRole: () => async () => ({ accessKeyId: 'AKIDMEMBER', secretAccessKey: 'x' }) }),
    );
    const opts = { types: new Set(['aws.ec2.security_group']) };
    const regional = (await p.planUnits(opts)).filter((u) => u.region !== 'global');
    expect(regional).toHaveLength(2);
    const parts = await Promise.all(regional.map((u) => p.collectUnit(u, opts)));
    const collections = parts.flatMap((batches) =>
      batches.flatMap((b) => b.collections.map((c) => c.collection)),
    );
    // the unit that waited on the exhausted check asked again and read its region
    expect(collections.filter((c) => 'items' in c)).toHaveLength(1);
    expect(collections.filter((c) => 'error' in c)).toEqual([]);
    expect(memberChecks).toBe(2);
  });

  it('keeps only the included accounts', async () => {
    identity();
    org.on(ListAccountsCommand).resolves({ Accounts: accounts });
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [] });
    const p = new AwsProvider(
      {
        type: 'aws',
        regions: ['eu-west-1'],
        organization: { role: 'Audit', include: ['555566667777', '444455556666'] },
      },
      deps(),
    );
    const batches = await all(p.collect({ types: new Set(['aws.ec2.security_group']) }));
    // the suspended account is not scanned even when included
    expect(batches.map((b) => b.account)).toEqual(['555566667777']);
  });

  it('reports an account whose role cannot be assumed as failed collections, and goes on', async () => {
    sts.on(GetCallerIdentityCommand).callsFake(async (_i, getClient) => {
      const creds = await getClient().config.credentials();
      if (creds.accessKeyId === 'AKIDDENIED')
        throw await sdkError(
          STSClient,
          new GetCallerIdentityCommand({}),
          'AccessDenied',
          'not authorized to perform sts:AssumeRole',
          403,
        );
      return { Account: ME, Arn: `arn:aws:iam::${ME}:user/auditor` };
    });
    org.on(ListAccountsCommand).resolves({ Accounts: accounts.slice(1, 3) });
    // an organisation whose root holds no OU and no account: nothing above the accounts
    org.on(DescribeOrganizationCommand).resolves({ Organization: { Id: 'o-a1b2c3d4e5' } });
    org.on(ListRootsCommand).resolves({ Roots: [] });
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [] });
    const d = deps({
      assumeRole: (_b, arn) =>
        arn.includes('222233334444')
          ? async () => ({ accessKeyId: 'AKIDDENIED', secretAccessKey: 'x' })
          : fakeCredentials,
    });
    const p = new AwsProvider(
      { type: 'aws', regions: ['eu-west-1'], organization: { role: 'Audit' }, account_concurrency: 2 },
      d,
    );
    const batches = await all(p.collect({ types: new Set(['aws.ec2.security_group']) }));
    expect(batches[0]?.collections).toEqual([
      {
        cloud: 'aws',
        account: '222233334444',
        region: 'all',
        partition: 'aws',
        type: 'aws.ec2.security_group',
        error:
          'sts:AssumeRole arn:aws:iam::222233334444:role/Audit: AccessDenied: not authorized to perform sts:AssumeRole',
      },
    ]);
    expect(batches[1]?.collections[0]).toMatchObject({ account: '333344445555', items: [] });
  });

  it('selects accounts and builds role ARNs per partition', () => {
    const list = [{ id: '1' }, { id: '2' }, { id: '3' }];
    expect(selectAccounts(list)).toEqual(list);
    expect(selectAccounts(list, [], ['2'])).toEqual([{ id: '1' }, { id: '3' }]);
    expect(selectAccounts(list, ['3', '2'], ['2'])).toEqual([{ id: '3' }]);
    expect(roleArnIn('aws-us-gov', '123456789012', 'Audit')).toBe(
      'arn:aws-us-gov:iam::123456789012:role/Audit',
    );
  });

  it('rejects bad provider options with the field named', () => {
    expect(() => new AwsProvider({ type: 'aws', organization: { role: 'Audit', include: ['12'] } })).toThrow(
      /providers\.aws\.organization\.include\[0\]: an AWS account id is 12 digits/,
    );
    expect(() => new AwsProvider({ type: 'aws', regions: ['mars-1'] } as never)).toThrow(/regions/);
    expect(() => new AwsProvider({ type: 'aws', role_arn: 'admin' })).toThrow(/role_arn/);
  });
});
