import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { describe, expect, it } from 'vitest';
import {
  ASFF_LIMITS,
  renderAsff,
  toAsff,
  toAsffFinding,
  validateAsffFinding,
} from '../../src/output/asff.js';
import { asffResourceType } from '../../src/providers/aws/resources/index.js';
import { detection, finding, HOSTILE_NAME, HOSTILE_TAG, sampleInput } from './fixtures.js';

describe('ASFF export', () => {
  const input = sampleInput();
  const { findings, skipped } = toAsff(input, { resourceType: asffResourceType });

  it('every finding has the required fields Security Hub checks, in the right formats', () => {
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) expect(validateAsffFinding(f)).toEqual([]);
    // the text form is the same JSON array BatchImportFindings takes
    const parsed = JSON.parse(renderAsff(input).text) as unknown[];
    expect(parsed).toHaveLength(findings.length);
    for (const f of parsed) expect(validateAsffFinding(f)).toEqual([]);
  });

  it('leaves out findings outside AWS accounts and says why', () => {
    expect(skipped).toEqual([
      { finding_id: expect.any(String), reason: expect.stringContaining('azure finding') },
    ]);
    expect(findings.every((f) => /^\d{12}$/.test(f.AwsAccountId ?? ''))).toBe(true);
  });

  it('maps severity, compliance, workflow and record state from the finding life', () => {
    const byState = (s: string) => findings.find((f) => f.ProductFields?.['cloudward/state'] === s);
    const hostile = findings.find((f) => f.Resources?.[0]?.Tags?.[HOSTILE_TAG]);
    expect(hostile).toMatchObject({
      SchemaVersion: '2018-10-08',
      ProductArn: 'arn:aws:securityhub:eu-west-1:111122223333:product/111122223333/default',
      GeneratorId: 'common.network.no_sensitive_port_open_to_internet',
      Severity: { Label: 'HIGH', Original: 'high' },
      Compliance: { Status: 'FAILED', RelatedRequirements: ['cloudward-baseline-1.0:1.1'] },
      Workflow: { Status: 'NEW' },
      RecordState: 'ACTIVE',
      Types: ['Software and Configuration Checks/Industry and Regulatory Standards'],
    });
    expect(hostile?.Resources?.[0]).toMatchObject({
      Type: 'AwsEc2SecurityGroup',
      Partition: 'aws',
      Region: 'eu-west-1',
    });
    expect(byState('resolved')).toMatchObject({
      Compliance: { Status: 'PASSED' },
      Workflow: { Status: 'RESOLVED' },
      RecordState: 'ARCHIVED',
    });
    expect(byState('muted')).toMatchObject({
      Workflow: { Status: 'SUPPRESSED' },
      Note: { UpdatedBy: 'alice' },
    });
    const unevaluated = findings.find((f) => f.ProductFields?.['cloudward/status'] === 'error');
    expect(unevaluated?.Compliance?.Status).toBe('WARNING');
    // could not evaluate is no problem found: never among the high and critical findings
    expect(unevaluated?.Severity).toEqual({ Label: 'INFORMATIONAL', Original: 'medium' });
    expect(HOSTILE_NAME).toBeTruthy();
  });

  it("names the finding's account where the scan knows its name", () => {
    const named = {
      ...input,
      scan: input.scan && {
        ...input.scan,
        accounts: [{ cloud: 'aws', account: '111122223333', name: 'acme-prod' }],
      },
    };
    const { findings } = toAsff(named);
    const prod = findings.filter((f) => f.AwsAccountId === '111122223333');
    expect(prod.length).toBeGreaterThan(0);
    expect(prod.every((f) => f.AwsAccountName === 'acme-prod')).toBe(true);
    expect(findings.filter((f) => f.AwsAccountId !== '111122223333').every((f) => !f.AwsAccountName)).toBe(
      true,
    );
    for (const f of findings) expect(validateAsffFinding(f)).toEqual([]);
  });

  it('a detection gets TTP types from its ATT&CK tags and no compliance block', () => {
    const d = toAsffFinding(input, detection());
    expect(typeof d).not.toBe('string');
    const f = d as AwsSecurityFinding;
    expect(f.Types).toEqual(['TTPs/Defense Evasion']);
    expect(f.Compliance).toBeUndefined();
    expect(f.GeneratorId).toBe('5f3c1c1e-2b7a-4e59-9a55-0c1d2e3f4a5b');
    expect(validateAsffFinding(f)).toEqual([]);
  });

  it('global resources get the default region and long text is cut to Security Hub limits', () => {
    const long = finding({
      reference: 'arn:aws:iam::111122223333:user/bob',
      region: 'global',
      description: 'x'.repeat(5000),
      resourceType: 'aws.iam.user',
    });
    const f = toAsffFinding(input, long, {
      defaultRegion: 'eu-central-1',
      resourceType: asffResourceType,
    }) as AwsSecurityFinding;
    expect(f.Region).toBe('eu-central-1');
    expect(f.ProductArn).toContain(':eu-central-1:');
    expect(f.Description?.length).toBe(ASFF_LIMITS.description);
    expect(f.Resources?.[0]?.Type).toBe('AwsIamUser');
    expect(validateAsffFinding(f)).toEqual([]);
    const cn = toAsffFinding(
      input,
      finding({ reference: 'arn:aws-cn:s3:::b', resourceType: 'aws.s3.bucket' }),
    ) as AwsSecurityFinding;
    expect(cn.ProductArn).toMatch(/^arn:aws-cn:securityhub:/);
    expect(cn.Resources?.[0]?.Partition).toBe('aws-cn');
  });

  it('the runtime check names what is missing or malformed', () => {
    const good = findings[0] as AwsSecurityFinding;
    expect(validateAsffFinding(null)).toEqual(['finding: not an object']);
    const { Title: _t, ...noTitle } = good;
    expect(validateAsffFinding(noTitle)).toContain('Title: required non-empty string');
    expect(validateAsffFinding({ ...good, AwsAccountId: '123' })).toContain('AwsAccountId: 12 digits');
    expect(validateAsffFinding({ ...good, SchemaVersion: '2020-01-01' })).toContain(
      'SchemaVersion: must be 2018-10-08',
    );
    expect(validateAsffFinding({ ...good, CreatedAt: 'yesterday' })).toContain(
      'CreatedAt: ISO 8601 date-time',
    );
    expect(validateAsffFinding({ ...good, Severity: { Label: 'SEVERE' } })[0]).toMatch(/^Severity.Label/);
    expect(validateAsffFinding({ ...good, Types: [] })).toContain('Types: required non-empty array');
    expect(validateAsffFinding({ ...good, Types: ['a/b/c/d'] })).toContain(
      'Types[0]: namespace/category/classifier',
    );
    expect(validateAsffFinding({ ...good, Resources: [] })).toContain('Resources: 1 to 32 resources');
    expect(validateAsffFinding({ ...good, Resources: [{ Id: 'x' }] })).toContain(
      'Resources[0].Type: required',
    );
  });
});
