import type { EventRecord } from '../../src/detect/event.js';
import { cloudTrailEvent } from '../../src/detect/sources/cloudtrail.js';
import { ProblemLog } from '../../src/detect/sources/source.js';

export const ACCOUNT = '111122223333';
export const REGION = 'eu-west-1';
export const GROUP = 'sg-0a1b2c3d4e5f60718';

let seq = 0;

/** A CloudTrail record as the trail writes it. */
export function trailRecord(
  eventName: string,
  requestParameters: Record<string, unknown> | null,
  opts: {
    responseElements?: Record<string, unknown>;
    errorCode?: string;
    time?: string;
    source?: string;
  } = {},
): Record<string, unknown> {
  seq += 1;
  return {
    eventVersion: '1.08',
    userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::${ACCOUNT}:user/alice`, accountId: ACCOUNT },
    eventTime: opts.time ?? new Date(Date.UTC(2026, 0, 1, 12, 0, seq % 60)).toISOString().replace('.000', ''),
    eventSource: opts.source ?? 'ec2.amazonaws.com',
    eventName,
    awsRegion: REGION,
    sourceIPAddress: '198.51.100.7',
    userAgent: 'aws-cli/2',
    requestParameters,
    responseElements: opts.responseElements ?? null,
    ...(opts.errorCode ? { errorCode: opts.errorCode, errorMessage: 'denied' } : {}),
    eventID: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    eventType: 'AwsApiCall',
    recipientAccountId: ACCOUNT,
  };
}

/** The event record a CloudTrail source yields for a trail record. */
export function trailEvent(...args: Parameters<typeof trailRecord>): EventRecord {
  const ev = cloudTrailEvent(
    trailRecord(...args),
    { file: 'test.json', origin: 'trail', log: new ProblemLog() },
    { index: 0 },
  );
  if (!ev) throw new Error('not an event');
  return ev;
}

/** A DescribeSecurityGroups item: one inbound permission per [port, cidr]. */
export function securityGroup(inbound: [number, string][], id = GROUP): Record<string, unknown> {
  return {
    GroupId: id,
    GroupName: `web-${id.slice(-4)}`,
    OwnerId: ACCOUNT,
    VpcId: 'vpc-0123',
    Description: 'web tier',
    IpPermissions: inbound.map(([port, cidr]) => ({
      IpProtocol: 'tcp',
      FromPort: port,
      ToPort: port,
      IpRanges: [{ CidrIp: cidr }],
      Ipv6Ranges: [],
      PrefixListIds: [],
      UserIdGroupPairs: [],
    })),
    IpPermissionsEgress: [],
    Tags: [],
  };
}

/** A snapshot of one AWS account holding security groups. */
export function sgSnapshot(groups: Record<string, unknown>[], label = 'test') {
  return {
    format: 'cloudward.snapshot/v1' as const,
    label,
    taken_at: '2026-01-01T00:00:00.000Z',
    accounts: [
      {
        cloud: 'aws' as const,
        account: ACCOUNT,
        collections: [
          {
            cloud: 'aws' as const,
            account: ACCOUNT,
            region: REGION,
            type: 'aws.ec2.security_group',
            items: groups.map((g) => ({ item: g })),
          },
        ],
      },
    ],
  };
}
