import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { loadFrameworks } from '../../src/frameworks/framework.js';
import {
  ACCESS_ANALYZER_SAME_AS,
  CIS_AWS_1_2_SAME_AS,
  cisRuleSameAs,
  GUARDDUTY_SAME_AS,
  relatedRequirementSameAs,
} from '../../src/providers/aws/detector-same-as.js';
import {
  DEFENDER_ASSESSMENT_SAME_AS,
  defenderAssessmentSameAs,
} from '../../src/providers/azure/detector-same-as.js';
import { SCC_CATEGORY_SAME_AS, sccSameAs } from '../../src/providers/gcp/detector-same-as.js';

/**
 * The tables of what the clouds' detectors report that a Cloudward check also reports: every
 * entry names checks that exist, of the detector's cloud (or cross-cloud), and the requirement
 * ids the detectors' compliance fields give resolve to requirements Cloudward's frameworks hold.
 */

const checks = new Map(ALL_CHECKS.map((c) => [c.id, c]));
const requirements = new Set(loadFrameworks().flatMap((f) => f.requirements.map((r) => `${f.id}:${r.id}`)));

function expectChecksOf(cloud: string, table: Readonly<Record<string, readonly string[]>>) {
  expect(Object.keys(table).length).toBeGreaterThan(0);
  for (const [kind, ids] of Object.entries(table)) {
    expect(ids.length, kind).toBeGreaterThan(0);
    for (const id of ids) {
      expect(checks.has(id), `${kind}: no check ${id}`).toBe(true);
      expect(
        id.startsWith(`${cloud}.`) || id.startsWith('common.'),
        `${kind}: ${id} is of another cloud`,
      ).toBe(true);
      expect(checks.get(id)?.opt_in, `${kind}: ${id} is an import`).not.toBe(true);
    }
  }
}

describe('AWS detectors', () => {
  it('GuardDuty finding types name existing checks', () => expectChecksOf('aws', GUARDDUTY_SAME_AS));
  it('Access Analyzer resource types name the public-access checks of that resource', () => {
    expectChecksOf('aws', ACCESS_ANALYZER_SAME_AS);
    for (const [type, ids] of Object.entries(ACCESS_ANALYZER_SAME_AS)) {
      for (const id of ids) expect(id, type).toMatch(/(not_public|no_public_(read|write)_access)$/);
    }
  });
  it('CIS v1.2.0 rules name existing checks', () => expectChecksOf('aws', CIS_AWS_1_2_SAME_AS));

  it("Security Hub's related CIS requirements become Cloudward's, of the versions it has", () => {
    expect(relatedRequirementSameAs('CIS AWS Foundations Benchmark v1.4.0/3.2')).toEqual(['cis-aws-1.4:3.2']);
    expect(relatedRequirementSameAs('CIS AWS Foundations Benchmark v3.0.0/1.17')).toEqual([
      'cis-aws-3.0:1.17',
    ]);
    expect(relatedRequirementSameAs('CIS AWS Foundations Benchmark v1.2.0/2.2')).toEqual([
      'aws.cloudtrail.log_file_validation_enabled',
    ]);
    expect(relatedRequirementSameAs('NIST.800-53.r5 AC-2(1)')).toEqual([]);
    expect(relatedRequirementSameAs('PCI DSS v3.2.1/10.5.2')).toEqual([]);
    for (const r of ['CIS AWS Foundations Benchmark v1.4.0/3.2', 'CIS AWS Foundations Benchmark v3.0.0/3.2'])
      for (const id of relatedRequirementSameAs(r)) expect(requirements.has(id), id).toBe(true);
    expect(
      cisRuleSameAs('arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0', '1.14'),
    ).toEqual(['aws.iam.root_account_hardware_mfa']);
    expect(cisRuleSameAs(null, '1.14')).toEqual([]);
  });
});

describe('Defender for Cloud', () => {
  it('recommendations name existing checks', () => expectChecksOf('azure', DEFENDER_ASSESSMENT_SAME_AS));
  it('by display name in any case, and nothing for one it does not know', () => {
    expect(defenderAssessmentSameAs('Secure transfer to storage accounts should be enabled ')).toEqual([
      'azure.storage.account_secure_transfer_required',
    ]);
    expect(defenderAssessmentSameAs('Machines should have a vulnerability assessment solution')).toEqual([]);
    expect(defenderAssessmentSameAs(null)).toEqual([]);
  });
});

describe('Security Command Center', () => {
  it('Security Health Analytics categories name existing checks', () =>
    expectChecksOf('gcp', SCC_CATEGORY_SAME_AS));
  it("a finding's CIS compliances of a version Cloudward has become its requirements", () => {
    const same = sccSameAs('PUBLIC_BUCKET_ACL', [
      { standard: 'cis', version: '5.0', ids: ['5.1'] },
      { standard: 'cis', version: '1.0', ids: ['5.1'] },
      { standard: 'pci', version: '3.2.1', ids: ['7.1'] },
    ]);
    expect(same).toEqual(['gcp.storage.bucket_not_public', 'cis-gcp-5.0:5.1']);
    expect(requirements.has('cis-gcp-5.0:5.1')).toBe(true);
    expect(sccSameAs('MFA_NOT_ENFORCED', 'not a list')).toEqual([]);
  });
});

it('how many detector kinds each table maps', () => {
  const counts = {
    guardduty: Object.keys(GUARDDUTY_SAME_AS).length,
    accessanalyzer: Object.keys(ACCESS_ANALYZER_SAME_AS).length,
    securityhub_cis_1_2: Object.keys(CIS_AWS_1_2_SAME_AS).length,
    defender_assessments: Object.keys(DEFENDER_ASSESSMENT_SAME_AS).length,
    scc_categories: Object.keys(SCC_CATEGORY_SAME_AS).length,
  };
  console.log(`detector mappings: ${JSON.stringify(counts)}`);
  expect(Object.values(counts).every((n) => n > 0)).toBe(true);
});
