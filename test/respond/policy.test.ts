import { describe, expect, it } from 'vitest';
import { actionPermissions } from '../../src/providers/aws/action.js';
import { AWS_ACTIONS } from '../../src/providers/aws/actions/index.js';
import { awsPolicy, awsRemediationPolicy } from '../../src/providers/aws/policy.js';
import { isReadOnlyOperation } from '../../src/providers/aws/readonly-guard.js';

describe('policy aws --remediation', () => {
  it("is the union of the actions' declared permissions, apart from the scan policy", () => {
    const doc = awsRemediationPolicy();
    const granted = doc.Statement.flatMap((s) => s.Action);
    expect(doc.Statement.map((s) => s.Sid)).toEqual(['CloudwardRemediation']);
    for (const a of AWS_ACTIONS) for (const p of actionPermissions(a)) expect(granted).toContain(p);
    expect(granted).toEqual(
      expect.arrayContaining([
        'ec2:RevokeSecurityGroupIngress',
        's3:PutBucketPublicAccessBlock',
        's3:PutAccountPublicAccessBlock',
        's3:PutEncryptionConfiguration',
        'iam:UpdateAccessKey',
        'cloudtrail:StartLogging',
        'ec2:EnableEbsEncryptionByDefault',
        'guardduty:CreateDetector',
        'ec2:CreateSnapshot',
      ]),
    );
    // the read-only scan policy grants none of the writes
    const scan = new Set(awsPolicy().Statement.flatMap((s) => s.Action));
    const writes = AWS_ACTIONS.flatMap((a) => a.writes);
    for (const w of writes) {
      expect(isReadOnlyOperation(w.split(':')[1] as string), w).toBe(false);
      expect(scan.has(w)).toBe(false);
    }
  });

  it('narrows to named actions and names unknown ones', () => {
    const only = awsRemediationPolicy(['aws.ec2.revoke_world_ingress']).Statement[0]?.Action;
    expect(only).toEqual([
      'ec2:AuthorizeSecurityGroupIngress',
      'ec2:DescribeSecurityGroups',
      'ec2:RevokeSecurityGroupIngress',
      'sts:GetCallerIdentity',
    ]);
    expect(() => awsRemediationPolicy(['aws.nope'])).toThrow(/unknown AWS action\(s\): aws.nope/);
  });
});
