import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { remediationFor } from '../../src/core/check.js';
import { outcome } from '../../src/core/evaluate.js';
import type { CloudType } from '../../src/core/record.js';
import { fail } from '../../src/core/result.js';
import { NORMALISERS } from '../../src/providers/normalisers.js';

/** Words that give another cloud away in a fix meant for one cloud. */
const OTHER_CLOUDS: Record<Exclude<CloudType, 'demo'>, RegExp> = {
  aws: /\b(Azure|az|Google|GCP|gcloud|Cloud SQL|Compute Engine)\b/,
  azure: /\b(AWS|aws|RDS|EBS|EC2|CloudWatch|CloudFront|Google|GCP|gcloud|Cloud SQL|Compute Engine)\b/,
  gcp: /\b(AWS|aws|RDS|EBS|EC2|CloudWatch|CloudFront|Azure|az)\b/,
};
const ANY_CLOUD = /\b(AWS|aws|RDS|EBS|EC2|Azure|az|Google|GCP|gcloud|Cloud SQL)\b/;

const crossCloud = ALL_CHECKS.filter((c) => c.kind === 'resource' && c.id.startsWith('common.'));

describe('a cross-cloud check gives each cloud its own fix', () => {
  for (const check of crossCloud) {
    const resource = check.kind === 'resource' ? check.resource : '';
    const clouds = [
      ...new Set(
        NORMALISERS.filter((n) => n.produces.includes(resource) && n.cloud !== 'demo').map(
          (n) => n.cloud as Exclude<CloudType, 'demo'>,
        ),
      ),
    ];
    it(`${check.id}: one fix per cloud with a ${resource}, and a general text that names none`, () => {
      expect(clouds.length).toBeGreaterThan(1);
      expect(Object.keys(check.remediation.clouds ?? {}).sort()).toEqual([...clouds].sort());
      expect(check.remediation.text).not.toMatch(ANY_CLOUD);
      expect(check.remediation.cli).toBeUndefined();
      for (const cloud of clouds) {
        const fix = remediationFor(check, cloud);
        expect(fix.text.length).toBeGreaterThan(20);
        expect(`${fix.text}\n${fix.cli ?? ''}\n${fix.iac ?? ''}`).not.toMatch(OTHER_CLOUDS[cloud]);
      }
    });
  }
});

describe('a finding carries the fix for its own cloud', () => {
  const check = crossCloud.find((c) => c.id === 'common.database.tls_enforced');
  it.each(['aws', 'azure', 'gcp'] as const)('%s', (cloud) => {
    if (!check) throw new Error('common.database.tls_enforced is missing');
    const subject = {
      cloud,
      account: 'a',
      region: 'r',
      reference: `${cloud}:db`,
      name: 'db',
      service: 'db',
      tags: {},
      type: 'rdbms',
    };
    const ctx = { auditKey: 'k', auditVersion: 'v', now: '2026-01-01T00:00:00Z', compliance: new Map() };
    const rec = outcome(check, subject, fail('plain connections'), ctx).finding;
    expect(rec?.com.recommendation).toBe(check.remediation.clouds?.[cloud]?.text);
    expect(rec?.com.recommendation).not.toMatch(OTHER_CLOUDS[cloud]);
  });
  it('a cloud-specific check keeps its single fix', () => {
    const aws = ALL_CHECKS.find((c) => c.id === 'aws.iam.root_account_mfa_enabled');
    expect(aws && remediationFor(aws, 'aws')).toEqual(aws?.remediation);
  });
});
