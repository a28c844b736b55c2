import {
  CloudTrailClient,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
} from '@aws-sdk/client-cloudtrail';
import {
  ConfigServiceClient,
  DescribeConfigurationRecorderStatusCommand,
  DescribeConfigurationRecordersCommand,
} from '@aws-sdk/client-config-service';
import {
  DescribeListenersCommand,
  DescribeLoadBalancerAttributesCommand,
  DescribeLoadBalancersCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetDetectorCommand, GuardDutyClient, ListDetectorsCommand } from '@aws-sdk/client-guardduty';
import {
  GenerateCredentialReportCommand,
  GetAccountAuthorizationDetailsCommand,
  GetAccountPasswordPolicyCommand,
  GetCredentialReportCommand,
  IAMClient,
  ListEntitiesForPolicyCommand,
} from '@aws-sdk/client-iam';
import {
  DescribeKeyCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
  ListKeysCommand,
} from '@aws-sdk/client-kms';
import {
  DescribeHubCommand,
  GetEnabledStandardsCommand,
  SecurityHubClient,
} from '@aws-sdk/client-securityhub';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import {
  credentialReport,
  customerPolicies,
  passwordPolicy,
  supportAccess,
  users,
} from '../../../src/providers/aws/collectors/iam.js';
import { keys } from '../../../src/providers/aws/collectors/kms.js';
import { configRecorders, trails } from '../../../src/providers/aws/collectors/monitoring.js';
import { guardDutyDetectors, securityHub } from '../../../src/providers/aws/collectors/security-services.js';
import { loadBalancers } from '../../../src/providers/aws/collectors/storage-network.js';
import { context, sdkError } from './helpers.js';

const iam = mockClient(IAMClient);
const trail = mockClient(CloudTrailClient);
const config = mockClient(ConfigServiceClient);
const kms = mockClient(KMSClient);
const hub = mockClient(SecurityHubClient);
const gd = mockClient(GuardDutyClient);
const elb = mockClient(ElasticLoadBalancingV2Client);
afterEach(() => {
  for (const m of [iam, trail, config, kms, hub, gd, elb]) m.reset();
});

const csv = (text: string) => new TextEncoder().encode(text);

describe('IAM', () => {
  it('generates, then reads and parses the credential report', async () => {
    iam
      .on(GenerateCredentialReportCommand)
      .resolvesOnce({ State: 'STARTED' })
      .resolves({ State: 'COMPLETE' });
    iam.on(GetCredentialReportCommand).resolves({
      Content: csv(
        'user,arn,mfa_active\n<root_account>,arn:aws:iam::111122223333:root,true\nbob,arn,false,extra\n',
      ),
      ReportFormat: 'text/csv',
    });
    const items = await credentialReport.run(context('global'));
    const at = expect.stringMatching(/^\d{4}-\d\d-\d\dT/);
    expect(items).toEqual([
      {
        item: { user: '<root_account>', arn: 'arn:aws:iam::111122223333:root', mfa_active: 'true' },
        collectedAt: at,
      },
      { item: { __error: 'iam:GetCredentialReport line 3: expected 3 fields, got 4' }, collectedAt: at },
    ]);
    expect(iam.commandCalls(GenerateCredentialReportCommand)).toHaveLength(2);
  });

  it('polls again when the report is COMPLETE but not readable yet (ReportInProgress)', async () => {
    iam.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
    iam
      .on(GetCredentialReportCommand)
      .rejectsOnce(
        await sdkError(
          IAMClient,
          new GetCredentialReportCommand({}),
          'ReportInProgress',
          'Report generation in progress. Please try again later.',
          404,
        ),
      )
      .resolves({ Content: csv('user,arn\n<root_account>,arn:aws:iam::111122223333:root\n') });
    const items = await credentialReport.run(context('global'));
    expect(items.map((i) => i.item)).toEqual([
      { user: '<root_account>', arn: 'arn:aws:iam::111122223333:root' },
    ]);
    expect(iam.commandCalls(GetCredentialReportCommand)).toHaveLength(2);
  });

  it('fails the collection when the report cannot be read', async () => {
    iam
      .on(GenerateCredentialReportCommand)
      .rejects(
        await sdkError(
          IAMClient,
          new GenerateCredentialReportCommand({}),
          'AccessDenied',
          'not authorized: iam:GenerateCredentialReport',
          403,
        ),
      );
    await expect(credentialReport.run(context('global'))).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('gives a null password policy when none is set', async () => {
    iam
      .on(GetAccountPasswordPolicyCommand)
      .rejects(
        await sdkError(
          IAMClient,
          new GetAccountPasswordPolicyCommand({}),
          'NoSuchEntity',
          'The Password Policy with domain name 111122223333 cannot be found.',
          404,
        ),
      );
    expect(await passwordPolicy.run(context('global'))).toEqual([{ item: null }]);
  });

  it('keeps the password policy itself', async () => {
    iam
      .on(GetAccountPasswordPolicyCommand)
      .resolves({ PasswordPolicy: { MinimumPasswordLength: 14, PasswordReusePrevention: 24 } });
    expect(await passwordPolicy.run(context('global'))).toEqual([
      { item: { MinimumPasswordLength: 14, PasswordReusePrevention: 24 } },
    ]);
  });

  it('lists users with their policies from one listing, joined with their credential report row', async () => {
    const alice = {
      UserName: 'alice',
      Arn: 'arn:aws:iam::111122223333:user/alice',
      AttachedManagedPolicies: [
        { PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
      ],
      UserPolicyList: [{ PolicyName: 'inline', PolicyDocument: '%7B%22Version%22%3A%222012-10-17%22%7D' }],
      GroupList: ['admins'],
    };
    const bob = { UserName: 'bob', Arn: 'arn:aws:iam::111122223333:user/bob' };
    iam
      .on(GetAccountAuthorizationDetailsCommand)
      .resolves({ UserDetailList: [alice, bob], IsTruncated: false });
    iam.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
    iam.on(GetCredentialReportCommand).resolves({
      Content: new TextEncoder().encode(
        'user,arn,mfa_active,access_key_1_active,access_key_1_last_rotated\n' +
          'alice,arn:aws:iam::111122223333:user/alice,true,true,2023-01-01T00:00:00+00:00\n',
      ),
    });
    const ctx = context('global');
    const [a, b] = await users.run(ctx);
    expect(a).toEqual({
      item: alice,
      credentials: {
        user: 'alice',
        arn: 'arn:aws:iam::111122223333:user/alice',
        mfa_active: 'true',
        access_key_1_active: 'true',
        access_key_1_last_rotated: '2023-01-01T00:00:00+00:00',
      },
    });
    // a user newer than the report (IAM serves one up to four hours old) is unknown, not clean
    expect(b?.credentials).toEqual({
      __error:
        'NotInCredentialReport: no row for arn:aws:iam::111122223333:user/bob in the credential report (a user newer than the report)',
    });
    expect(iam.commandCalls(GetAccountAuthorizationDetailsCommand)[0]?.args[0].input).toMatchObject({
      Filter: ['User'],
    });
    // one report for the account, read once: the credential report collector shares it
    expect(await credentialReport.run(ctx)).toHaveLength(1);
    expect(iam.commandCalls(GetCredentialReportCommand)).toHaveLength(1);
    expect(iam.commandCalls(GenerateCredentialReportCommand)).toHaveLength(1);
  });

  it('makes the credential facts of users unknown when the report cannot be read', async () => {
    iam
      .on(GetAccountAuthorizationDetailsCommand)
      .resolves({ UserDetailList: [{ UserName: 'alice', Arn: 'arn:aws:iam::111122223333:user/alice' }] });
    iam
      .on(GenerateCredentialReportCommand)
      .rejects(
        await sdkError(
          IAMClient,
          new GenerateCredentialReportCommand({}),
          'AccessDenied',
          'not authorized',
          403,
        ),
      );
    const [a] = await users.run(context('global'));
    expect(a?.credentials).toEqual({ __error: 'AccessDenied: not authorized' });
  });

  it('skips the credential report when the checks read none of its facts', async () => {
    iam
      .on(GetAccountAuthorizationDetailsCommand)
      .resolves({ UserDetailList: [{ UserName: 'alice', Arn: 'arn:aws:iam::111122223333:user/alice' }] });
    const plan = users.enrichmentsFor(new Set(['attached_policies']));
    expect([...plan]).toEqual([]);
    const [a] = await users.run({ ...context('global'), enrichments: plan });
    expect(a).toEqual({ item: { UserName: 'alice', Arn: 'arn:aws:iam::111122223333:user/alice' } });
    expect(iam.commandCalls(GenerateCredentialReportCommand)).toHaveLength(0);
  });

  it('decodes the default version document of customer managed policies without extra calls', async () => {
    const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
    iam.on(GetAccountAuthorizationDetailsCommand).resolves({
      Policies: [
        {
          PolicyName: 'too-wide',
          Arn: 'arn:aws:iam::111122223333:policy/too-wide',
          AttachmentCount: 1,
          DefaultVersionId: 'v2',
          PolicyVersionList: [
            { VersionId: 'v1', IsDefaultVersion: false, Document: encodeURIComponent('{}') },
            { VersionId: 'v2', IsDefaultVersion: true, Document: encodeURIComponent(JSON.stringify(doc)) },
          ],
        },
        {
          PolicyName: 'broken',
          PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: '%7Bnot json' }],
        },
      ],
    });
    const [wide, broken] = await customerPolicies.run(context('global'));
    expect(wide?.defaultVersion).toMatchObject({ VersionId: 'v2' });
    expect(wide?.defaultDocument).toEqual(doc);
    expect(broken?.defaultDocument).toEqual({ __error: expect.stringMatching(/^PolicyDocument: /) });
    expect(iam.calls()).toHaveLength(1);
  });

  it('lists who has AWSSupportAccess, in the caller partition', async () => {
    iam
      .on(ListEntitiesForPolicyCommand)
      .resolves({ PolicyRoles: [{ RoleName: 'support', RoleId: 'AROA1' }], IsTruncated: false });
    const [s] = await supportAccess.run(context('global'));
    expect(s?.item).toEqual({
      PolicyArn: 'arn:aws:iam::aws:policy/AWSSupportAccess',
      PolicyGroups: [],
      PolicyUsers: [],
      PolicyRoles: [{ RoleName: 'support', RoleId: 'AROA1' }],
    });
  });
});

describe('CloudTrail and Config', () => {
  it('keeps each trail in its home region only, with status and event selectors', async () => {
    const home = {
      Name: 'main',
      TrailARN: 'arn:aws:cloudtrail:eu-west-1:111122223333:trail/main',
      HomeRegion: 'eu-west-1',
      IsMultiRegionTrail: true,
    };
    const shadow = {
      Name: 'other',
      TrailARN: 'arn:aws:cloudtrail:us-east-1:111122223333:trail/other',
      HomeRegion: 'us-east-1',
    };
    trail.on(DescribeTrailsCommand).resolves({ trailList: [home, shadow] });
    trail.on(GetTrailStatusCommand).resolves({ IsLogging: true });
    trail.on(GetEventSelectorsCommand).resolves({ TrailARN: home.TrailARN, AdvancedEventSelectors: [] });
    const items = await trails.run(context('eu-west-1'));
    expect(items).toEqual([
      {
        item: home,
        status: { IsLogging: true },
        eventSelectors: { TrailARN: home.TrailARN, AdvancedEventSelectors: [] },
      },
    ]);
    expect(trail.commandCalls(DescribeTrailsCommand)[0]?.args[0].input).toEqual({
      includeShadowTrails: true,
    });
    expect(trail.commandCalls(GetTrailStatusCommand)[0]?.args[0].input).toEqual({ Name: home.TrailARN });
  });

  it('gives one item per region for Config, even with no recorder', async () => {
    config.on(DescribeConfigurationRecordersCommand).resolves({ ConfigurationRecorders: [] });
    config.on(DescribeConfigurationRecorderStatusCommand).resolves({ ConfigurationRecordersStatus: [] });
    expect(await configRecorders.run(context())).toEqual([
      { item: { ConfigurationRecorders: [] }, status: { ConfigurationRecordersStatus: [] } },
    ]);
  });
});

describe('KMS', () => {
  it('reads rotation for customer managed keys only', async () => {
    kms.on(ListKeysCommand).resolves({
      Keys: [
        { KeyId: 'k-cust', KeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/k-cust' },
        { KeyId: 'k-aws', KeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/k-aws' },
        { KeyId: 'k-asym', KeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/k-asym' },
      ],
    });
    kms.on(DescribeKeyCommand).callsFake((input: { KeyId: string }) => ({
      KeyMetadata: {
        KeyId: input.KeyId.split('/')[1],
        KeyManager: input.KeyId.endsWith('k-aws') ? 'AWS' : 'CUSTOMER',
        KeyState: 'Enabled',
        KeySpec: input.KeyId.endsWith('k-asym') ? 'RSA_2048' : 'SYMMETRIC_DEFAULT',
      },
    }));
    const unsupported = await sdkError(
      KMSClient,
      new GetKeyRotationStatusCommand({ KeyId: 'k-asym' }),
      'UnsupportedOperationException',
      'not supported for asymmetric keys',
    );
    kms.on(GetKeyRotationStatusCommand).callsFake((input: { KeyId: string }) => {
      if (input.KeyId.endsWith('k-asym')) throw unsupported;
      return { KeyRotationEnabled: false };
    });
    const [cust, aws, asym] = await keys.run(context());
    expect(cust?.rotation).toEqual({ KeyRotationEnabled: false });
    expect(aws && 'rotation' in aws).toBe(false);
    expect(asym?.rotation).toBeNull();
    expect(kms.commandCalls(GetKeyRotationStatusCommand)).toHaveLength(2);
  });
});

describe('Security Hub, GuardDuty, ELBv2', () => {
  it('gives a null hub where Security Hub is not enabled', async () => {
    hub
      .on(DescribeHubCommand)
      .rejects(
        await sdkError(
          SecurityHubClient,
          new DescribeHubCommand({}),
          'InvalidAccessException',
          'Account 111122223333 is not subscribed to AWS Security Hub',
          401,
        ),
      );
    expect(await securityHub.run(context())).toEqual([{ item: null }]);
    expect(hub.commandCalls(GetEnabledStandardsCommand)).toHaveLength(0);
  });

  it('reads the hub and its standards where enabled', async () => {
    hub.on(DescribeHubCommand).resolves({
      HubArn: 'arn:aws:securityhub:eu-west-1:111122223333:hub/default',
      AutoEnableControls: true,
    });
    hub.on(GetEnabledStandardsCommand).resolves({ StandardsSubscriptions: [] });
    expect(await securityHub.run(context())).toEqual([
      {
        item: { HubArn: 'arn:aws:securityhub:eu-west-1:111122223333:hub/default', AutoEnableControls: true },
        standards: [],
      },
    ]);
  });

  it('reads each GuardDuty detector of the region', async () => {
    gd.on(ListDetectorsCommand).resolves({ DetectorIds: ['d1'] });
    gd.on(GetDetectorCommand).resolves({ Status: 'ENABLED', ServiceRole: 'r', $metadata: {} });
    expect(await guardDutyDetectors.run(context())).toEqual([
      {
        item: { DetectorIds: ['d1'] },
        detectors: [{ DetectorId: 'd1', Status: 'ENABLED', ServiceRole: 'r' }],
      },
    ]);
  });

  it('reads listeners and attributes of each load balancer', async () => {
    const lb = {
      LoadBalancerArn: 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/1',
      Type: 'application' as const,
    };
    elb.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [lb] });
    elb.on(DescribeListenersCommand).resolves({ Listeners: [{ Port: 80, Protocol: 'HTTP' }] });
    elb
      .on(DescribeLoadBalancerAttributesCommand)
      .resolves({ Attributes: [{ Key: 'access_logs.s3.enabled', Value: 'false' }] });
    expect(await loadBalancers.run(context())).toEqual([
      {
        item: lb,
        listeners: [{ Port: 80, Protocol: 'HTTP' }],
        attributes: { Attributes: [{ Key: 'access_logs.s3.enabled', Value: 'false' }] },
      },
    ]);
  });
});
