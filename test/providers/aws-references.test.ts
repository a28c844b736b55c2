import { describe, expect, it } from 'vitest';
import type { ScopeRef } from '../../src/core/provider.js';
import { awsArn, awsPartition, settingName } from '../../src/providers/aws/normalisers/aws-common.js';
import { parseSnapshot } from '../../src/providers/snapshot.js';
import { one } from './helpers.js';

/**
 * References are the cloud's real identifiers: real ARNs in the partition of the credentials,
 * and for a setting of an account or region (which AWS gives no ARN) the account, region and
 * setting, so that the same setting in two accounts or regions never shares a reference or a name.
 */

const ACCOUNT = '111122223333';
const scope = (region: string, partition?: string): ScopeRef => ({
  cloud: 'aws',
  account: ACCOUNT,
  region,
  ...(partition ? { partition } : {}),
});

describe('partitions', () => {
  it("follow the SDK's partition table", () => {
    expect(awsPartition('eu-west-1')).toBe('aws');
    expect(awsPartition('cn-northwest-1')).toBe('aws-cn');
    expect(awsPartition('us-gov-east-1')).toBe('aws-us-gov');
    expect(awsPartition('us-iso-east-1')).toBe('aws-iso');
    expect(awsPartition('global')).toBe('aws');
  });

  it('global resources take the partition of the credentials, not "aws"', () => {
    expect(awsArn('iam', 'global', ACCOUNT, 'root', 'aws-cn')).toBe(`arn:aws-cn:iam::${ACCOUNT}:root`);
    expect(awsArn('iam', 'global', ACCOUNT, 'root')).toBe(`arn:aws:iam::${ACCOUNT}:root`);
    expect(awsArn('ec2', 'us-gov-west-1', ACCOUNT, 'volume/v-1')).toBe(
      `arn:aws-us-gov:ec2:us-gov-west-1:${ACCOUNT}:volume/v-1`,
    );
    const cn = scope('global', 'aws-cn');
    expect(one('aws.iam.password_policy', { item: null }, cn).com.reference).toBe(
      `arn:aws-cn:iam::${ACCOUNT}:account-password-policy`,
    );
    expect(one('aws.iam.account_summary', { item: {} }, cn).com.reference).toBe(
      `arn:aws-cn:iam::${ACCOUNT}:root`,
    );
    expect(
      one('aws.s3.bucket', { item: { Name: 'logs' }, location: { LocationConstraint: 'cn-north-1' } }, cn).com
        .reference,
    ).toBe('arn:aws-cn:s3:::logs');
  });
});

describe('AWS managed policies', () => {
  it('are referenced by their own ARN, per account', () => {
    const raw = (partition: string) => ({
      item: {
        PolicyArn: `arn:${partition}:iam::aws:policy/AWSSupportAccess`,
        PolicyRoles: [],
        PolicyUsers: [],
        PolicyGroups: [],
      },
    });
    const r = one('aws.iam.support_access', raw('aws'), scope('global', 'aws'));
    expect(r.com.reference).toBe(`arn:aws:iam::aws:policy/AWSSupportAccess#account/${ACCOUNT}`);
    expect(r.com.reference).not.toContain('aws-policy');
    expect(r.ext.policy_arn).toBe('arn:aws:iam::aws:policy/AWSSupportAccess');
    const other = one('aws.iam.support_access', raw('aws'), {
      ...scope('global', 'aws'),
      account: '444455556666',
    });
    expect(other.com.reference).not.toBe(r.com.reference);
    const cn = one('aws.iam.support_access', raw('aws-cn'), scope('global', 'aws-cn'));
    expect(cn.com.reference).toBe(`arn:aws-cn:iam::aws:policy/AWSSupportAccess#account/${ACCOUNT}`);
  });
});

describe('settings of an account or a region', () => {
  const cases: [
    type: string,
    raw: Record<string, unknown>,
    region: string,
    reference: string,
    name: string,
  ][] = [
    [
      'aws.ec2.ebs_encryption_default',
      { item: { EbsEncryptionByDefault: false } },
      'eu-west-1',
      `arn:aws:ec2:eu-west-1:${ACCOUNT}:ebs-encryption-by-default`,
      `EBS encryption by default (${ACCOUNT}, eu-west-1)`,
    ],
    [
      'aws.guardduty.detectors',
      { item: { DetectorIds: [] } },
      'eu-west-1',
      `arn:aws:guardduty:eu-west-1:${ACCOUNT}:detectors`,
      `GuardDuty (${ACCOUNT}, eu-west-1)`,
    ],
    [
      'aws.securityhub.hub',
      { item: null },
      'eu-west-1',
      `arn:aws:securityhub:eu-west-1:${ACCOUNT}:hub/default`,
      `Security Hub (${ACCOUNT}, eu-west-1)`,
    ],
    [
      'aws.accessanalyzer.analyzers',
      { item: { analyzers: [] } },
      'eu-west-1',
      `arn:aws:access-analyzer:eu-west-1:${ACCOUNT}:analyzers`,
      `IAM Access Analyzer (${ACCOUNT}, eu-west-1)`,
    ],
    [
      'aws.config.recorders',
      { item: { ConfigurationRecorders: [] }, status: { ConfigurationRecordersStatus: [] } },
      'eu-west-1',
      `arn:aws:config:eu-west-1:${ACCOUNT}:configuration-recorders`,
      `AWS Config recorders (${ACCOUNT}, eu-west-1)`,
    ],
    [
      'aws.inspector2.account_status',
      { item: { accounts: [] } },
      'eu-west-1',
      `arn:aws:inspector2:eu-west-1:${ACCOUNT}:account-status`,
      `Amazon Inspector (${ACCOUNT}, eu-west-1)`,
    ],
    [
      'aws.iam.password_policy',
      { item: null },
      'global',
      `arn:aws:iam::${ACCOUNT}:account-password-policy`,
      `IAM password policy (${ACCOUNT})`,
    ],
    [
      'aws.s3.account_public_access_block',
      { item: null },
      'global',
      `arn:aws:s3::${ACCOUNT}:account-public-access-block`,
      `S3 account public access block (${ACCOUNT})`,
    ],
  ];

  it.each(cases)('%s names the account, the region and the setting', (type, raw, region, reference, name) => {
    const r = one(type, raw, scope(region, 'aws'));
    expect(r.com.reference).toBe(reference);
    expect(r.com.name).toBe(name);
    expect(r.com.account).toBe(ACCOUNT);
    expect(r.com.region).toBe(region);
  });

  it('in China the same settings are aws-cn ARNs', () => {
    const ebs = one(
      'aws.ec2.ebs_encryption_default',
      { item: { EbsEncryptionByDefault: true } },
      scope('cn-north-1'),
    );
    expect(ebs.com.reference).toBe(`arn:aws-cn:ec2:cn-north-1:${ACCOUNT}:ebs-encryption-by-default`);
    expect(settingName('GuardDuty', scope('cn-north-1'))).toBe(`GuardDuty (${ACCOUNT}, cn-north-1)`);
  });
});

describe('snapshots', () => {
  it('keep the partition of each collection', () => {
    const snap = parseSnapshot(
      {
        format: 'cloudward.snapshot/v1',
        label: 'cn',
        taken_at: '2026-01-01T00:00:00Z',
        accounts: [
          {
            cloud: 'aws',
            account: ACCOUNT,
            collections: [
              {
                cloud: 'aws',
                account: ACCOUNT,
                region: 'global',
                partition: 'aws-cn',
                type: 'aws.iam.password_policy',
                items: [{ item: null }],
              },
            ],
          },
        ],
      },
      'cn.json',
    );
    expect(snap.accounts[0]?.collections[0]?.partition).toBe('aws-cn');
  });
});
