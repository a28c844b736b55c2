import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../src/checks/index.js';
import type { AnyCheck } from '../../src/core/check.js';
import { type FindingContext, outcome, type Subject } from '../../src/core/evaluate.js';
import { importedFindingId, isImported, mergeImports } from '../../src/core/imported.js';
import { fail, importedFail } from '../../src/core/result.js';

/** A finding a cloud's detector and a Cloudward check both raise on one resource is shown once, with both sources. */

const check = (id: string): AnyCheck => {
  const c = ALL_CHECKS.find((x) => x.id === id);
  if (!c) throw new Error(`no check ${id}`);
  return c;
};
const BUCKET = 'arn:aws:s3:::public-assets';
const ctx: FindingContext = {
  auditKey: 'a',
  auditVersion: 'v',
  now: '2026-02-01T00:00:00.000Z',
  compliance: new Map([['aws.s3.public_access_blocked', ['aws-fsbp:S3.8', 'cis-aws-7.0:2.1.4']]]),
};
const subject = (reference: string, type: string): Subject => ({
  cloud: 'aws',
  account: '111122223333',
  region: 'eu-west-1',
  reference,
  name: reference.split(':').pop() ?? reference,
  service: type.split('.')[1] ?? type,
  tags: {},
  type,
});
const hubFinding = (id: string, sameAs: string[], on = BUCKET) =>
  outcome(
    check('aws.securityhub.imported_findings'),
    subject(id, 'aws.securityhub.finding'),
    importedFail(
      {
        source: 'aws.securityhub',
        id,
        type: 'S3.8',
        title: 'S3 general purpose buckets should block public access',
        severity: 'critical',
        resource: { reference: on, name: 'public-assets', record_type: 'AwsS3Bucket' },
        same_as: sameAs,
      },
      'Security Hub: S3 general purpose buckets should block public access',
      { control: 'S3.8' },
    ),
    ctx,
  );
const cloudward = () =>
  outcome(
    check('aws.s3.public_access_blocked'),
    subject(BUCKET, 'aws.s3.bucket'),
    fail('Block Public Access is off', { evidence: { block: false } }),
    ctx,
  );

describe('imported findings beside Cloudward findings', () => {
  it('an import is keyed to the resource it names, with the detector severity and its own id', () => {
    const o = hubFinding('sh-1', []);
    expect(o.finding?.com).toMatchObject({
      reference: BUCKET,
      severity: 'critical',
      finding_id: importedFindingId('sh-1'),
    });
    expect(o.row).toMatchObject({ reference: BUCKET, severity: 'critical', status: 'fail' });
    expect(isImported(o.finding as never)).toBe(true);
  });

  it('the same problem on the same resource is one finding, with both sources, Cloudward primary', () => {
    const own = cloudward();
    const out = mergeImports([own, hubFinding('sh-1', ['aws-fsbp:S3.8'])]);
    const findings = out.flatMap((o) => (o.finding ? [o.finding] : []));
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f?.com.finding_id).toBe(own.finding?.com.finding_id);
    expect(f?.ext.check_id).toBe('aws.s3.public_access_blocked');
    expect(f?.ext.sources).toEqual(['cloudward', 'aws.securityhub']);
    expect(f?.com.severity).toBe('critical');
    expect(f?.raw.imported).toEqual([
      expect.objectContaining({ source_id: 'sh-1', check_id: 'aws.securityhub.imported_findings' }),
    ]);
    // both results stay; the import's row points at the one finding
    expect(out.map((o) => o.row.finding_id)).toEqual([own.row.finding_id, own.row.finding_id]);
  });

  it('another problem, or another resource, stays a finding of its own', () => {
    const other = mergeImports([cloudward(), hubFinding('sh-2', ['aws-fsbp:S3.1'])]);
    expect(other.filter((o) => o.finding)).toHaveLength(2);
    const elsewhere = mergeImports([
      cloudward(),
      hubFinding('sh-3', ['aws-fsbp:S3.8'], 'arn:aws:s3:::other'),
    ]);
    expect(elsewhere.filter((o) => o.finding)).toHaveLength(2);
  });
});
