import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerPolicyCommand } from '../../../src/cli/policy.js';
import { AWS_COLLECTORS } from '../../../src/providers/aws/collectors/index.js';
import { awsPolicy, knownAwsTypes } from '../../../src/providers/aws/policy.js';
import { isReadOnlyOperation } from '../../../src/providers/aws/readonly-guard.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('collector registry', () => {
  it('has unique, well-formed types and declares only read-only actions', () => {
    const types = AWS_COLLECTORS.map((c) => c.type);
    expect(new Set(types).size).toBe(types.length);
    for (const c of AWS_COLLECTORS) {
      expect(c.permissions.length).toBeGreaterThan(0);
      for (const a of c.permissions) {
        const [service, op] = a.split(':');
        expect(service, a).toMatch(/^[a-z0-9-]+$/);
        // API Gateway authorises by HTTP method: apigateway:GET is its read action
        if (a !== 'apigateway:GET') expect(isReadOnlyOperation(op ?? ''), a).toBe(true);
      }
    }
  });
});

describe('awsPolicy', () => {
  it('grants exactly the actions of every collector, plus region discovery', () => {
    const doc = awsPolicy();
    const actions = doc.Statement[0]?.Action ?? [];
    expect(doc.Version).toBe('2012-10-17');
    expect(actions).toContain('ec2:DescribeRegions');
    for (const c of AWS_COLLECTORS) for (const a of c.permissions) expect(actions).toContain(a);
    expect(actions).toEqual([...actions].sort());
    expect(new Set(actions).size).toBe(actions.length);
    expect(actions).not.toContain('organizations:ListAccounts');
    // fits in a managed policy (6,144 characters without whitespace)
    expect(JSON.stringify(doc).length).toBeLessThan(6144);
  });

  it('narrows to what the requested types need', () => {
    expect(awsPolicy(['storage']).Statement[0]?.Action).toEqual([
      'ec2:DescribeRegions',
      's3:GetBucketAcl',
      's3:GetBucketLocation',
      's3:GetBucketLogging',
      's3:GetBucketNotification',
      's3:GetBucketObjectLockConfiguration',
      's3:GetBucketOwnershipControls',
      's3:GetBucketPolicy',
      's3:GetBucketPolicyStatus',
      's3:GetBucketPublicAccessBlock',
      's3:GetBucketVersioning',
      's3:GetEncryptionConfiguration',
      's3:GetLifecycleConfiguration',
      's3:ListAllMyBuckets',
    ]);
    // IAM users in bulk: the authorization details and the credential report, no per-user listing
    expect(awsPolicy(['aws.iam.user']).Statement[0]?.Action).toEqual([
      'ec2:DescribeRegions',
      'iam:GenerateCredentialReport',
      'iam:GetAccountAuthorizationDetails',
      'iam:GetCredentialReport',
    ]);
    expect(awsPolicy().Statement[0]?.Action).not.toContain('iam:ListMFADevices');
    expect(awsPolicy().Statement[0]?.Action).not.toContain('iam:ListAccessKeys');
    expect(awsPolicy(['compute'], { organization: true }).Statement[0]?.Action).toEqual([
      'ec2:DescribeInstances',
      'ec2:DescribeRegions',
      'ec2:DescribeVolumes',
      'organizations:DescribeOrganization',
      'organizations:ListAccounts',
      'organizations:ListAccountsForParent',
      'organizations:ListOrganizationalUnitsForParent',
      'organizations:ListRoots',
    ]);
  });

  it('refuses an unknown type, naming it', () => {
    expect(() => awsPolicy(['aws.s3.buckets'])).toThrow(/unknown AWS resource type\(s\): aws\.s3\.buckets/);
    expect(knownAwsTypes()).toContain('firewall_rule');
  });
});

describe('cloudward policy aws', () => {
  async function run(args: string[]): Promise<string> {
    let out = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk);
      return true;
    });
    const program = new Command('cloudward').exitOverride();
    registerPolicyCommand(program);
    await program.parseAsync(['node', 'cloudward', ...args]);
    return out;
  }

  it('prints the policy JSON for the given types', async () => {
    const doc = JSON.parse(
      await run(['policy', 'aws', '--types', 'aws.rds.db_instance, aws.logs.log_group']),
    );
    expect(doc.Statement[0].Action).toEqual([
      'ec2:DescribeRegions',
      'logs:DescribeLogGroups',
      'rds:DescribeDBInstances',
      'rds:DescribeDBParameters',
    ]);
  });

  it('reports an unknown type as a user error', async () => {
    await expect(run(['policy', 'aws', '--types', 'nope'])).rejects.toThrow(
      /policy aws: unknown AWS resource type/,
    );
  });
});
