import type { HttpRequest } from '@smithy/types';
import { describe, expect, it } from 'vitest';
import type { AccountBatch } from '../../../src/core/provider.js';
import { AwsProvider } from '../../../src/providers/aws/provider.js';
import { FakeHttp, fakeCredentials, type Reply } from './helpers.js';

/** The whole SDK stack (signing, guard, pacing, XML parsing) against canned EC2 / STS answers. */
const EC2 = 'http://ec2.amazonaws.com/doc/2016-11-15/';

function regionOf(req: HttpRequest): string {
  const auth = String(req.headers.authorization ?? req.headers.Authorization ?? '');
  return /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(auth)?.[1] ?? '?';
}

function answer(req: HttpRequest): Reply {
  const action = FakeHttp.queryAction(req);
  if (action === 'GetCallerIdentity') {
    return {
      body:
        '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>' +
        '<Arn>arn:aws:iam::111122223333:user/auditor</Arn><UserId>AIDA</UserId><Account>111122223333</Account>' +
        '</GetCallerIdentityResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetCallerIdentityResponse>',
    };
  }
  if (action === 'DescribeSecurityGroups' && regionOf(req) === 'eu-west-1') {
    return {
      status: 403,
      body:
        '<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not authorized to perform this ' +
        'operation.</Message></Error></Errors><RequestID>r</RequestID></Response>',
    };
  }
  if (action === 'DescribeSecurityGroups') {
    const token = new URLSearchParams(String(req.body)).get('NextToken');
    const group = (id: string) =>
      `<item><ownerId>111122223333</ownerId><groupId>${id}</groupId><groupName>${id}</groupName>` +
      '<groupDescription>d</groupDescription><vpcId>vpc-1</vpcId><ipPermissions><item><ipProtocol>tcp</ipProtocol>' +
      '<fromPort>22</fromPort><toPort>22</toPort><groups/><ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item></ipRanges>' +
      '<ipv6Ranges/><prefixListIds/></item></ipPermissions><ipPermissionsEgress/></item>';
    const body = token ? group('sg-2') : group('sg-1');
    return {
      body: `<DescribeSecurityGroupsResponse xmlns="${EC2}"><requestId>r</requestId><securityGroupInfo>${body}</securityGroupInfo>${token ? '' : '<nextToken>p2</nextToken>'}</DescribeSecurityGroupsResponse>`,
    };
  }
  return {
    status: 400,
    body: `<Response><Errors><Error><Code>InvalidAction</Code><Message>${action}</Message></Error></Errors></Response>`,
  };
}

describe('AwsProvider over the SDK stack', () => {
  it('collects, paginates, names the failing action and counts every call', async () => {
    const http = new FakeHttp(answer);
    const p = new AwsProvider(
      { type: 'aws', regions: ['eu-west-1', 'us-east-2'], max_attempts: 1 },
      { credentials: fakeCredentials, homeRegion: 'us-east-1', requestHandler: http },
    );
    const progress: string[] = [];
    const batches: AccountBatch[] = [];
    for await (const b of p.collect({
      types: new Set(['firewall_rule']),
      onProgress: (done, total, what) => progress.push(`${done}/${total} ${what}`),
    })) {
      batches.push(b);
    }
    const cols = Object.fromEntries(batches[0]!.collections.map((c) => [c.region, c]));
    expect(cols['eu-west-1']?.error).toBe(
      'ec2:DescribeSecurityGroups: UnauthorizedOperation: You are not authorized to perform this operation.',
    );
    const groups = cols['us-east-2']?.items?.map((i) => (i.item as { GroupId: string }).GroupId);
    expect(groups).toEqual(['sg-1', 'sg-2']);
    expect(cols['us-east-2']?.items?.[0]?.item).toMatchObject({
      IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
    });
    expect(p.stats()).toMatchObject({
      calls: { 'ec2:DescribeSecurityGroups': 3, 'sts:GetCallerIdentity': 1 },
      totalCalls: 4,
      resources: 2,
      collections: 2,
      failedCollections: 1,
    });
    expect(progress.sort()).toEqual([
      expect.stringMatching(/^\d\/2 111122223333 eu-west-1 aws.ec2.security_group$/),
      expect.stringMatching(/^\d\/2 111122223333 us-east-2 aws.ec2.security_group$/),
    ]);
    // nothing but read calls went out, and never with real credentials
    for (const r of http.requests) expect(String(r.headers.authorization)).toContain('AKIDFAKEFORTESTS');
  });
});
