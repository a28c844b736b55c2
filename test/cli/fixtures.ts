import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Snapshots (cloudward.snapshot/v1) of the raw answers the AWS collectors receive, for CLI tests. */

export const ACCOUNT = '111122223333';

export function tempDir(prefix = 'cw-cli-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A security group as DescribeSecurityGroups returns it, open to the world on `port`. */
export function securityGroup(
  id: string,
  name: string,
  region: string,
  opts: { port?: number; cidr?: string; tags?: Record<string, string> } = {},
): Record<string, unknown> {
  const port = opts.port ?? 22;
  return {
    item: {
      GroupId: id,
      GroupName: name,
      Description: 'test group',
      OwnerId: ACCOUNT,
      VpcId: 'vpc-0de00000000000001',
      SecurityGroupArn: `arn:aws:ec2:${region}:${ACCOUNT}:security-group/${id}`,
      IpPermissions: [
        {
          IpProtocol: 'tcp',
          FromPort: port,
          ToPort: port,
          IpRanges: [{ CidrIp: opts.cidr ?? '0.0.0.0/0' }],
          Ipv6Ranges: [],
          PrefixListIds: [],
          UserIdGroupPairs: [],
        },
      ],
      IpPermissionsEgress: [],
      Tags: Object.entries(opts.tags ?? {}).map(([Key, Value]) => ({ Key, Value })),
    },
  };
}

/** The message the AWS provider records when an API call is denied (action, then describeError in src/providers/aws/errors.ts). */
export function accessDenied(action: string, region: string): string {
  const [service] = action.split(':');
  return (
    `${action} AccessDenied: User: arn:aws:sts::${ACCOUNT}:assumed-role/CloudwardAudit/cloudward is not ` +
    `authorized to perform: ${action} on resource: arn:aws:${service}:${region}:${ACCOUNT}:db:* ` +
    'with an explicit deny in a service control policy'
  );
}

export interface TestCollection {
  region: string;
  type: string;
  items?: Record<string, unknown>[];
  error?: string;
}

export function snapshot(collections: TestCollection[], label = 'test estate', accountName = 'test-account') {
  return {
    format: 'cloudward.snapshot/v1',
    label,
    taken_at: '2025-03-03T06:00:00.000Z',
    accounts: [
      {
        cloud: 'aws',
        account: ACCOUNT,
        account_name: accountName,
        collections: collections.map((c) => ({ cloud: 'aws', account: ACCOUNT, ...c })),
      },
    ],
  };
}

export function writeSnapshot(dir: string, name: string, snap: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(snap));
  return file;
}
