import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { loadFrameworks, validateFramework } from '../../src/frameworks/framework.js';

/**
 * Every CIS AWS Foundations version teams still report against, with its recommendations per
 * section as the benchmark numbers them (requirements per section id). A version whose file
 * loses or gains a recommendation, or moves one to another section, shows up here.
 */
const SECTION_COUNTS: Record<string, Record<string, number>> = {
  'cis-aws-1.4': { '1': 21, '2.1': 5, '2.2': 1, '2.3': 1, '3': 11, '4': 15, '5': 4 },
  'cis-aws-1.5': { '1': 21, '2.1': 5, '2.2': 1, '2.3': 3, '2.4': 1, '3': 11, '4': 16, '5': 5 },
  'cis-aws-2.0': { '1': 22, '2.1': 4, '2.2': 1, '2.3': 3, '2.4': 1, '3': 11, '4': 16, '5': 6 },
  'cis-aws-3.0': { '1': 22, '2.1': 4, '2.2': 1, '2.3': 3, '2.4': 1, '3': 9, '4': 16, '5': 6 },
  'cis-aws-4.0': { '1': 22, '2.1': 4, '2.2': 4, '2.3': 1, '3': 9, '4': 16, '5': 6, '5.1': 2 },
  'cis-aws-5.0': { '1': 21, '2.1': 4, '2.2': 4, '2.3': 1, '3': 9, '4': 16, '5': 6, '5.1': 2 },
  'cis-aws-6.0': { '2': 21, '3.1': 4, '3.2': 4, '3.3': 1, '4': 9, '5': 16, '6': 6, '6.1': 2 },
  'cis-aws-7.0': { '2': 26, '3.1': 4, '3.2': 4, '3.3': 1, '4': 10, '5': 16, '6': 7, '6.1': 2 },
};

const frameworks = loadFrameworks();
const known = new Set(ALL_CHECKS.map((c) => c.id));

describe('CIS AWS Foundations versions', () => {
  for (const [id, expected] of Object.entries(SECTION_COUNTS)) {
    it(`${id} loads, validates and has its recommendations in each section`, () => {
      const fw = frameworks.find((f) => f.id === id);
      if (!fw) throw new Error(`${id} is not bundled`);
      expect(validateFramework(fw, known)).toEqual([]);
      const counts: Record<string, number> = {};
      for (const r of fw.requirements) counts[r.section] = (counts[r.section] ?? 0) + 1;
      expect(counts).toEqual(expected);
      // every requirement carries the benchmark's profile level
      for (const r of fw.requirements) expect([1, 2], `${id} ${r.id}`).toContain(r.level);
    });
  }

  it('maps the controls later versions dropped to their own checks', () => {
    const checksOf = (id: string, req: string) =>
      frameworks.find((f) => f.id === id)?.requirements.find((r) => r.id === req)?.checks;
    // S3 encryption at rest, the publicly readable trail bucket, CloudTrail to CloudWatch Logs
    expect(checksOf('cis-aws-1.4', '2.1.1')).toEqual(['aws.s3.bucket_default_encryption_enabled']);
    expect(checksOf('cis-aws-1.5', '2.1.1')).toEqual(['aws.s3.bucket_default_encryption_enabled']);
    for (const v of ['1.4', '1.5', '2.0']) {
      expect(checksOf(`cis-aws-${v}`, '3.3')).toEqual(['aws.cloudtrail.bucket_not_public']);
      expect(checksOf(`cis-aws-${v}`, '3.4')).toEqual(['aws.cloudtrail.cloudwatch_logs_integrated']);
    }
  });
});
