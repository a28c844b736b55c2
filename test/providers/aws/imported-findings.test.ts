import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { awsPolicy } from '../../../src/providers/aws/policy.js';
import {
  ACCOUNT,
  asff,
  DETECTOR,
  gdArn,
  guardDuty,
  guardDutyWire,
  instance,
  securityHub,
} from './detector-fixtures.js';
import { endpointCollection, REGION, restJson } from './endpoint-collection.js';
import type { EndpointRequest } from './fixture-endpoint.js';
import { wireError } from './helpers.js';

/**
 * The imports of AWS's own detectors' findings through the whole SDK stack (SigV4, each
 * service's REST JSON wire protocol, pagination) against the fixture endpoint, answering in the
 * services' wire shapes: GuardDuty and Inspector in camelCase, Security Hub in ASFF.
 */

const env = endpointCollection('AKIDIMPORTEDFINDINGS');

describe('aws.guardduty.finding collector', () => {
  it('reads every page of the findings not archived, in GetFindings batches, keyed to the resource', async () => {
    const findings = [1, 2, 3].map((n) => guardDutyWire(n, instance(`i-0${n}`), n === 3 ? 9.2 : 5));
    env.serve(guardDuty(findings));
    const records = await env.records('aws.guardduty.finding');
    expect(env.refused()).toEqual([]);
    expect(env.calls()).toEqual([
      'guardduty:GET /detector',
      `guardduty:POST /detector/${DETECTOR}/findings`,
      `guardduty:POST /detector/${DETECTOR}/findings/get`,
      `guardduty:POST /detector/${DETECTOR}/findings`,
      `guardduty:POST /detector/${DETECTOR}/findings/get`,
    ]);
    expect(records.map((r) => [r.com.reference, r.ext.resource_reference, r.ext.severity])).toEqual([
      [gdArn(1), `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/i-01`, 'medium'],
      [gdArn(2), `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/i-02`, 'medium'],
      [gdArn(3), `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/i-03`, 'critical'],
    ]);
    expect(records[0]?.com.record_type).toBe('imported_finding');
    expect(records[0]?.ext).toMatchObject({
      finding_type: 'Backdoor:EC2/C&CActivity.B!DNS',
      first_seen: '2026-01-02T09:58:00.000Z',
    });
  });

  it('an access key finding is about the IAM user', async () => {
    const key = {
      resourceType: 'AccessKey',
      accessKeyDetails: {
        accessKeyId: 'ASIAEXAMPLE',
        principalId: 'AIDAEXAMPLE',
        userName: 'ci-deployer',
        userType: 'IAMUser',
      },
    };
    env.serve(guardDuty([guardDutyWire(1, key)]));
    const [r] = await env.records('aws.guardduty.finding');
    expect([r?.ext.resource_reference, r?.ext.resource_type]).toEqual([
      `arn:aws:iam::${ACCOUNT}:user/ci-deployer`,
      'aws.iam.user',
    ]);
  });

  it('no detector in the region: not applicable, not an error', async () => {
    env.serve((r) => (r.service === 'guardduty' ? restJson({ detectorIds: [] }) : undefined));
    const c = await env.collect('aws.guardduty.finding');
    expect(c.error).toBeUndefined();
    expect(c.not_applicable).toMatch(/GuardDuty has no detector in eu-west-1/);
    expect(c.items).toEqual([]);
  });

  it('a refused ListFindings fails the collection with the action and code', async () => {
    env.serve((r) => {
      if (r.service !== 'guardduty') return undefined;
      if (r.path === '/detector') return restJson({ detectorIds: [DETECTOR] });
      return wireError(
        'AwsRestJsonProtocol',
        'AccessDeniedException',
        'not authorized: guardduty:ListFindings',
        403,
      );
    });
    const c = await env.collect('aws.guardduty.finding');
    expect(c.not_applicable).toBeUndefined();
    expect(c.error).toMatch(/AccessDenied/);
  });
});

describe('aws.securityhub.finding collector', () => {
  it("reads every page of active findings, leaving out passed controls and Cloudward's own", async () => {
    env.serve(
      securityHub([
        asff('f-s3-8'),
        asff('f-passed', { Compliance: { Status: 'PASSED', SecurityControlId: 'S3.1' } }),
        asff('f-guardduty', {
          Compliance: undefined,
          Severity: { Normalized: 50 },
          Title: 'Unusual console login',
        }),
        asff('cloudward-copy', { ProductFields: { 'cloudward/finding_id': 'abc' } }),
      ]),
    );
    const records = await env.records('aws.securityhub.finding');
    expect(env.calls()).toEqual(['securityhub:POST /findings', 'securityhub:POST /findings']);
    expect(records.map((r) => [r.com.reference, r.ext.severity, r.ext.same_as])).toEqual([
      ['f-s3-8', 'high', ['aws-fsbp:S3.8']],
      ['f-guardduty', 'medium', []],
    ]);
    expect(records[0]?.ext).toMatchObject({
      resource_reference: 'arn:aws:s3:::public-assets',
      resource_name: 'public-assets',
    });
    expect(records[0]?.ext.recommendation).toContain(
      'https://docs.aws.amazon.com/console/securityhub/S3.8/remediation',
    );
  });

  it('Security Hub not enabled: not applicable', async () => {
    env.serve((r) =>
      r.service === 'securityhub'
        ? wireError(
            'AwsRestJsonProtocol',
            'InvalidAccessException',
            `Account ${ACCOUNT} is not subscribed to AWS Security Hub`,
            401,
          )
        : undefined,
    );
    const c = await env.collect('aws.securityhub.finding');
    expect([c.error, c.not_applicable]).toEqual([undefined, 'Security Hub is not enabled in eu-west-1']);
  });
});

describe('aws.inspector2.finding collector', () => {
  const status = (s: string) => (r: EndpointRequest) =>
    r.path === '/status/batch/get'
      ? restJson({
          accounts: [
            {
              accountId: ACCOUNT,
              state: { status: s },
              resourceState: { ec2: { status: s }, ecr: { status: s } },
            },
          ],
          failedAccounts: [],
        })
      : undefined;

  it('reads the active findings when Inspector is enabled, an instance by its ARN', async () => {
    const enabled = status('ENABLED');
    env.serve((r) => {
      if (r.service !== 'inspector2') return undefined;
      if (r.path === '/findings/list') {
        const body = JSON.parse(r.body) as { filterCriteria: unknown };
        expect(body.filterCriteria).toEqual({ findingStatus: [{ comparison: 'EQUALS', value: 'ACTIVE' }] });
        return restJson({
          findings: [
            {
              awsAccountId: ACCOUNT,
              findingArn: `arn:aws:inspector2:${REGION}:${ACCOUNT}:finding/0a1b2c3d`,
              type: 'PACKAGE_VULNERABILITY',
              title: 'CVE-2021-44228 - org.apache.logging.log4j:log4j-core',
              description:
                'Apache Log4j2 JNDI features do not protect against attacker controlled LDAP endpoints.',
              severity: 'CRITICAL',
              status: 'ACTIVE',
              firstObservedAt: 1767261600,
              lastObservedAt: 1767348000,
              updatedAt: 1767348000,
              remediation: { recommendation: { text: 'Update log4j-core to 2.17.1 or later.' } },
              resources: [{ type: 'AWS_EC2_INSTANCE', id: 'i-0abc', partition: 'aws', region: REGION }],
              packageVulnerabilityDetails: {
                vulnerabilityId: 'CVE-2021-44228',
                source: 'NVD',
                vulnerablePackages: [],
              },
            },
          ],
        });
      }
      return enabled(r);
    });
    const [r] = await env.records('aws.inspector2.finding');
    expect(r?.ext).toMatchObject({
      severity: 'critical',
      finding_type: 'CVE-2021-44228',
      resource_reference: `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/i-0abc`,
      recommendation: 'Update log4j-core to 2.17.1 or later.',
      first_seen: '2026-01-01T10:00:00.000Z',
    });
  });

  it('Inspector not enabled: not applicable, and ListFindings is not called', async () => {
    env.serve((r) => (r.service === 'inspector2' ? status('DISABLED')(r) : undefined));
    const c = await env.collect('aws.inspector2.finding');
    expect(c.not_applicable).toBe('Inspector is not enabled in eu-west-1 (DISABLED)');
    expect(env.calls()).toEqual(['inspector2:POST /status/batch/get']);
  });
});

describe('aws.accessanalyzer.finding collector', () => {
  const analyzer = `arn:aws:access-analyzer:${REGION}:${ACCOUNT}:analyzer/account-zone`;
  it('reads the active findings of every active analyzer', async () => {
    env.serve((r) => {
      if (r.service !== 'access-analyzer') return undefined;
      if (r.path === '/analyzer')
        return restJson({
          analyzers: [
            {
              arn: analyzer,
              name: 'account-zone',
              type: 'ACCOUNT',
              status: 'ACTIVE',
              createdAt: '2025-01-01T00:00:00Z',
            },
            {
              arn: `${analyzer}-old`,
              name: 'old',
              type: 'ACCOUNT',
              status: 'DISABLED',
              createdAt: '2024-01-01T00:00:00Z',
            },
          ],
        });
      if (r.path === '/findingv2') {
        const body = JSON.parse(r.body) as { analyzerArn: string; filter: unknown };
        expect(body).toMatchObject({ analyzerArn: analyzer, filter: { status: { eq: ['ACTIVE'] } } });
        return restJson({
          findings: [
            {
              id: 'a1b2',
              resource: 'arn:aws:s3:::public-assets',
              resourceType: 'AWS::S3::Bucket',
              resourceOwnerAccount: ACCOUNT,
              status: 'ACTIVE',
              findingType: 'ExternalAccess',
              createdAt: '2026-01-01T00:00:00Z',
              updatedAt: '2026-01-02T00:00:00Z',
              analyzedAt: '2026-01-02T00:00:00Z',
            },
          ],
        });
      }
      return undefined;
    });
    const [r] = await env.records('aws.accessanalyzer.finding');
    expect(env.calls()).toEqual(['access-analyzer:GET /analyzer', 'access-analyzer:POST /findingv2']);
    expect(r?.com.reference).toBe(`${analyzer}/finding/a1b2`);
    expect(r?.ext).toMatchObject({
      severity: 'high',
      resource_reference: 'arn:aws:s3:::public-assets',
      finding_type: 'ExternalAccess',
    });
  });

  it('no active analyzer: not applicable', async () => {
    env.serve((r) => (r.service === 'access-analyzer' ? restJson({ analyzers: [] }) : undefined));
    const c = await env.collect('aws.accessanalyzer.finding');
    expect(c.not_applicable).toBe('no active Access Analyzer analyzer in eu-west-1');
  });
});

/**
 * Recorded shapes: Security Hub GetFindings answers Cloud Custodian recorded from real accounts
 * (findings of Inspector, GuardDuty and custom products, some without Severity.Label), and
 * GuardDuty findings as EventBridge delivered them (the GetFindings wire shape), served as they
 * are. Skipped when ../shared/data is absent.
 */
const SHARED = new URL('../../../../shared/data/', import.meta.url);
const PLACEBO = new URL('config/cloud-custodian/aws_placebo_responses.jsonl', SHARED);
const DUTY_EVENTS = ['ec2-duty-event.json', 'iam-duty-event.json'].map(
  (f) => new URL(`logs/eventbridge-custodian/${f}`, SHARED),
);
const shared = existsSync(PLACEBO) && DUTY_EVENTS.every((u) => existsSync(u));
if (!shared) console.log(`skipping recorded detector findings: ${SHARED.pathname} is absent`);

describe.skipIf(!shared)('recorded detector findings', () => {
  it('every Security Hub finding recorded from real accounts is imported, with a severity', async () => {
    const byId = new Map<string, Record<string, unknown>>();
    for (const line of readFileSync(PLACEBO, 'utf8').split('\n')) {
      if (!line.includes('"securityhub.GetFindings_')) continue;
      const rec = JSON.parse(line) as { content: { data: { Findings?: Record<string, unknown>[] } } };
      for (const f of rec.content.data.Findings ?? []) byId.set(String(f.Id), f);
    }
    expect(byId.size).toBeGreaterThan(10);
    env.serve(securityHub([...byId.values()], 7));
    const records = await env.records('aws.securityhub.finding');
    expect(records.map((r) => r.com.reference).sort()).toEqual([...byId.keys()].sort());
    for (const r of records) {
      expect(['critical', 'high', 'medium', 'low', 'info']).toContain(r.ext.severity);
      expect(typeof r.ext.resource_reference).toBe('string');
    }
    // a GuardDuty finding aggregated by Security Hub keeps the GuardDuty ARN: one life with GuardDuty's import
    const gd = records.find((r) => String(r.com.reference).startsWith('arn:aws:guardduty:'));
    expect(gd?.ext.severity).toBe('medium');
  });

  it('GuardDuty findings in the shape GuardDuty sends them are imported on their resource', async () => {
    const wire = DUTY_EVENTS.map(
      (u) => (JSON.parse(readFileSync(u, 'utf8')) as { detail: { id: string } }).detail,
    );
    env.serve(guardDuty(wire as never, 1));
    const records = await env.records('aws.guardduty.finding');
    expect(records.map((r) => [r.ext.resource_type, r.ext.severity])).toEqual([
      ['aws.ec2.instance', 'medium'],
      ['aws.iam.user', 'medium'],
    ]);
  });
});

describe('the IAM policy of the imports', () => {
  it('grants every read the imports make, derived from their declarations', () => {
    const policy = JSON.stringify(awsPolicy());
    for (const a of [
      'guardduty:ListDetectors',
      'guardduty:ListFindings',
      'guardduty:GetFindings',
      'securityhub:GetFindings',
      'inspector2:BatchGetAccountStatus',
      'inspector2:ListFindings',
      'access-analyzer:ListAnalyzers',
      'access-analyzer:ListFindingsV2',
    ])
      expect(policy).toContain(`"${a}"`);
    const only = JSON.stringify(awsPolicy(['aws.guardduty.finding']));
    expect(only).toContain('"guardduty:GetFindings"');
    expect(only).not.toContain('securityhub');
  });
});
