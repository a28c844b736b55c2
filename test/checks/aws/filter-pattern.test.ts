import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  apiCall,
  EVENT_CLASSES,
  type EventClassName,
  ROUTINE_EVENTS,
} from '../../../src/checks/aws/cloudwatch/event-classes.js';
import { compileFilterPattern } from '../../../src/checks/aws/cloudwatch/filter-pattern.js';

function matcher(pattern: string) {
  const p = compileFilterPattern(pattern);
  if (!p.ok) throw new Error(p.error);
  return p.match;
}

/** A pattern monitors a class when it matches every sample and no routine event. */
function monitors(pattern: string, cls: EventClassName): boolean {
  const m = matcher(pattern);
  return EVENT_CLASSES[cls].samples.every((e) => m(e)) && !ROUTINE_EVENTS.some((e) => m(e));
}

// The filter patterns as published in CIS AWS Foundations v5.0.0 / v7.0.0 audit procedures
// (and the shorter forms of earlier versions that are still deployed).
const CIS_PATTERNS: [EventClassName, string][] = [
  [
    'unauthorized_api_calls',
    '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }',
  ],
  [
    'unauthorized_api_calls',
    '{(($.errorCode ="*UnauthorizedOperation") || ($.errorCode ="AccessDenied*")) && (($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket"))}',
  ],
  [
    'console_signin_without_mfa',
    '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }',
  ],
  [
    'console_signin_without_mfa',
    '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
  ],
  [
    'root_usage',
    '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
  ],
  [
    'iam_policy_changes',
    '{($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)||($.eventName=DeleteUserPolicy)||($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)||($.eventName=PutUserPolicy)||($.eventName=CreatePolicy)||($.eventName=DeletePolicy)||($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicyVersion)||($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)||($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)||($.eventName=AttachGroupPolicy)||($.eventName=DetachGroupPolicy)}',
  ],
  [
    'cloudtrail_changes',
    '{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }',
  ],
  ['console_auth_failures', '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }'],
  [
    'cmk_disable_or_deletion',
    '{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }',
  ],
  [
    's3_bucket_policy_changes',
    '{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy) || ($.eventName = PutBucketCors) || ($.eventName = PutBucketLifecycle) || ($.eventName = PutBucketReplication) || ($.eventName = DeleteBucketPolicy) || ($.eventName = DeleteBucketCors) || ($.eventName = DeleteBucketLifecycle) || ($.eventName = DeleteBucketReplication)) }',
  ],
  [
    'config_changes',
    '{ ($.eventSource = config.amazonaws.com) && (($.eventName=StopConfigurationRecorder)||($.eventName=DeleteDeliveryChannel)||($.eventName=PutDeliveryChannel)||($.eventName=PutConfigurationRecorder)) }',
  ],
  [
    'security_group_changes',
    '{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }',
  ],
  [
    'nacl_changes',
    '{ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation) }',
  ],
  [
    'network_gateway_changes',
    '{ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || ($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) }',
  ],
  [
    'route_table_changes',
    '{($.eventSource = ec2.amazonaws.com) && (($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable)) }',
  ],
  [
    'vpc_changes',
    '{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink) }',
  ],
  [
    'organizations_changes',
    '{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy") || ($.eventName = "CreateAccount") || ($.eventName = "CreateOrganizationalUnit") || ($.eventName = "CreatePolicy") || ($.eventName = "DeclineHandshake") || ($.eventName = "DeleteOrganization") || ($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") || ($.eventName = "DetachPolicy") || ($.eventName = "DisablePolicyType") || ($.eventName = "EnablePolicyType") || ($.eventName = "InviteAccountToOrganization") || ($.eventName = "LeaveOrganization") || ($.eventName = "MoveAccount") || ($.eventName = "RemoveAccountFromOrganization") || ($.eventName = "UpdatePolicy") || ($.eventName = "UpdateOrganizationalUnit")) }',
  ],
];

describe('CIS filter patterns monitor their event classes', () => {
  for (const [cls, pattern] of CIS_PATTERNS) {
    it(`${cls}: ${pattern.slice(0, 60)}...`, () => expect(monitors(pattern, cls)).toBe(true));
  }
  it('every event class has at least one CIS pattern here', () => {
    expect(new Set(CIS_PATTERNS.map(([c]) => c))).toEqual(new Set(Object.keys(EVENT_CLASSES)));
  });
});

describe('incomplete or wrong filters do not count', () => {
  it('a filter that misses one event name', () => {
    expect(
      monitors(
        '{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) }',
        'cloudtrail_changes',
      ),
    ).toBe(false);
  });
  it('a filter for another event class', () => {
    expect(
      monitors('{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) }', 'security_group_changes'),
    ).toBe(false);
  });
  it('a filter that matches everything is too broad', () => {
    expect(monitors('{ $.eventName = "*" }', 'cloudtrail_changes')).toBe(false);
    expect(monitors('', 'cloudtrail_changes')).toBe(false);
  });
  it('root usage limited to console sign-ins misses API calls', () => {
    expect(monitors('{ $.userIdentity.type = "Root" && $.eventName = "ConsoleLogin" }', 'root_usage')).toBe(
      false,
    );
  });
  it('a KMS filter without the event source still matches (broader, not wrong)', () => {
    expect(
      monitors(
        '{ ($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion) }',
        'cmk_disable_or_deletion',
      ),
    ).toBe(true);
  });
  it('a filter requiring a different event source matches nothing of the class', () => {
    expect(
      monitors(
        '{ ($.eventSource = ec2.amazonaws.com) && ($.eventName = DisableKey) }',
        'cmk_disable_or_deletion',
      ),
    ).toBe(false);
  });
});

describe('filter pattern syntax', () => {
  const e = apiCall('ec2.amazonaws.com', 'RunInstances', {
    errorCode: 'Client.UnauthorizedOperation',
    responseElements: {
      instances: [
        { id: 'i-1', count: 3 },
        { id: 'i-2', count: 9 },
      ],
    },
    requestParameters: { maxCount: 5, dryRun: false, tag: null },
  });
  it('wildcards at the start, end and middle; case-sensitive', () => {
    expect(matcher('{ $.errorCode = "*Unauthorized*" }')(e)).toBe(true);
    expect(matcher('{ $.eventName = Run* }')(e)).toBe(true);
    expect(matcher('{ $.eventName = "runinstances" }')(e)).toBe(false);
  });
  it('numbers, booleans, null and NOT EXISTS', () => {
    expect(matcher('{ $.requestParameters.maxCount >= 5 }')(e)).toBe(true);
    expect(matcher('{ $.requestParameters.maxCount < 5 }')(e)).toBe(false);
    expect(matcher('{ $.requestParameters.dryRun IS FALSE }')(e)).toBe(true);
    expect(matcher('{ $.requestParameters.tag IS NULL }')(e)).toBe(true);
    expect(matcher('{ $.requestParameters.missing NOT EXISTS }')(e)).toBe(true);
    expect(matcher('{ $.requestParameters.maxCount NOT EXISTS }')(e)).toBe(false);
  });
  it('array indexes and arrays without an index', () => {
    expect(matcher('{ $.responseElements.instances[1].id = "i-2" }')(e)).toBe(true);
    expect(matcher('{ $.responseElements.instances[0].id = "i-2" }')(e)).toBe(false);
    expect(matcher('{ $.responseElements.instances.id = "i-2" }')(e)).toBe(true);
    expect(matcher('{ $.responseElements.instances[*].count > 8 }')(e)).toBe(true);
  });
  it('!= on a missing property is false; && binds tighter than ||', () => {
    expect(matcher('{ $.nothing != "x" }')(e)).toBe(false);
    expect(matcher('{ $.eventName = X || $.eventName = RunInstances && $.awsRegion = "us-east-1" }')(e)).toBe(
      true,
    );
    expect(
      matcher('{ ($.eventName = X || $.eventName = RunInstances) && $.awsRegion = "eu-west-1" }')(e),
    ).toBe(false);
  });
  it('regular expression values', () => {
    expect(matcher('{ $.eventName = %^Run.*s$% }')(e)).toBe(true);
    expect(matcher('{ $.eventName != %Describe% }')(e)).toBe(true);
  });
  it('term patterns over the event text', () => {
    expect(matcher('"Client.UnauthorizedOperation"')(e)).toBe(true);
    expect(matcher('?AccessDenied ?UnauthorizedOperation')(e)).toBe(true);
    expect(matcher('RunInstances -UnauthorizedOperation')(e)).toBe(false);
  });
  it('reports malformed patterns with a position', () => {
    for (const bad of [
      '{ $.eventName = }',
      '{ $.eventName = "x" ',
      '{ ($.eventName = x }',
      '{ eventName = x }',
      '{ $.a IS MAYBE }',
      '{ $.a = %[% }',
      '{ $.a = "unterminated }',
      '{ $.a = x } trailing',
    ]) {
      const p = compileFilterPattern(bad);
      expect(p.ok, bad).toBe(false);
      if (!p.ok) expect(p.error).toMatch(/at character \d+|regular expression/);
    }
    const spaced = compileFilterPattern('[ip, user, ...]');
    expect(spaced.ok).toBe(false);
  });
});

// CrowdSec's CIS scenarios list, per event class, the CloudTrail event names the benchmark
// monitors; each must be a sample of our class (so a filter proven on our samples covers them).
const SCENARIOS = '/work/shared/data/logs/crowdsec/scenarios/crowdsecurity';
const SCENARIO_CLASS: Record<string, EventClassName> = {
  'aws-cis-benchmark-cloudtrail-config-change.yaml': 'cloudtrail_changes',
  'aws-cis-benchmark-config-config-change.yaml': 'config_changes',
  'aws-cis-benchmark-iam-policy-change.yaml': 'iam_policy_changes',
  'aws-cis-benchmark-kms-deletion.yaml': 'cmk_disable_or_deletion',
  'aws-cis-benchmark-nacl-change.yaml': 'nacl_changes',
  'aws-cis-benchmark-ngw-change.yaml': 'network_gateway_changes',
  'aws-cis-benchmark-route-table-change.yaml': 'route_table_changes',
  'aws-cis-benchmark-s3-policy-change.yaml': 's3_bucket_policy_changes',
  'aws-cis-benchmark-security-group-change.yaml': 'security_group_changes',
  'aws-cis-benchmark-vpc-change.yaml': 'vpc_changes',
};

describe.skipIf(!existsSync(SCENARIOS))('event classes agree with the CIS scenarios of CrowdSec', () => {
  if (!existsSync(SCENARIOS)) console.log(`skipping: ${SCENARIOS} is not present`);
  const files = existsSync(SCENARIOS)
    ? readdirSync(SCENARIOS).filter((f) => f.startsWith('aws-cis-benchmark-'))
    : [];
  for (const file of files) {
    const cls = SCENARIO_CLASS[file];
    if (!cls) continue;
    it(`${file} -> ${cls}`, () => {
      const doc = parse(readFileSync(join(SCENARIOS, file), 'utf8')) as { filter: string };
      const names = [...doc.filter.matchAll(/event_name == "([A-Za-z]+)"/g)].map((m) => m[1]);
      expect(names.length).toBeGreaterThan(0);
      const ours = EVENT_CLASSES[cls].samples.map((s) => s.eventName);
      expect(new Set(ours)).toEqual(new Set(names));
    });
  }
});
