import { findingId } from '../../src/core/ids.js';
import type { FindingRecord, FindingState, ResourceRecord, ResultStatus } from '../../src/core/record.js';
import type { Severity } from '../../src/core/severity.js';
import type { FindingEvent, FindingLife, ResultRow, ScanSummary } from '../../src/store/store.js';

/* Builders of store test data; every record they make passes the core zod schemas. */

export interface ResourceOpts {
  reference: string;
  name?: string;
  type?: string;
  comType?: string;
  cloud?: 'aws' | 'azure' | 'gcp' | 'demo';
  account?: string;
  region?: string;
  scanId?: string;
  raw?: Record<string, unknown>;
}

export function resource(o: ResourceOpts): ResourceRecord {
  return {
    raw: o.raw ?? { item: { Name: o.name ?? o.reference, CreationDate: '2024-01-02T03:04:05.000Z' } },
    ext: { record_type: o.type ?? 'aws.s3.bucket', publicAccessBlocked: true },
    com: {
      cloud_type: o.cloud ?? 'aws',
      record_type: o.comType ?? 'storage',
      reference: o.reference,
      name: o.name ?? o.reference.split(':').at(-1) ?? o.reference,
      account: o.account ?? '111122223333',
      region: o.region ?? 'eu-west-1',
      service: 's3',
      tags: { env: 'prod' },
      audit_key: 'nightly',
      ...(o.scanId ? { audit_version: o.scanId } : {}),
      origin_key: o.type ?? 'aws.s3.bucket',
      origin_type: 'cloud',
    },
  };
}

export function buckets(count: number, prefix = 'bucket', scanId?: string): ResourceRecord[] {
  return Array.from({ length: count }, (_, i) =>
    resource({
      reference: `arn:aws:s3:::${prefix}-${i}`,
      name: `${prefix}-${i}`,
      ...(scanId ? { scanId } : {}),
    }),
  );
}

export function summary(
  id: string,
  auditKey: string,
  startedAt: string,
  o: { resources?: number; label?: string | null; finishedAt?: string | null } = {},
): ScanSummary {
  return {
    id,
    audit_key: auditKey,
    label: o.label ?? null,
    started_at: startedAt,
    finished_at:
      o.finishedAt === undefined ? new Date(Date.parse(startedAt) + 60_000).toISOString() : o.finishedAt,
    status: 'running',
    counts: {
      resources: o.resources ?? 0,
      results: { pass: 1, fail: 2, error: 0, manual: 0, not_applicable: 0 },
      findings: { new: 2 },
    },
    errors: [
      {
        cloud: 'aws',
        account: '111122223333',
        region: 'eu-west-1',
        source: 'aws.s3.bucket',
        message: 'AccessDenied',
      },
    ],
  };
}

export interface FindingOpts {
  checkId: string;
  reference: string;
  name?: string;
  severity?: Severity;
  message?: string;
  cloud?: 'aws' | 'azure' | 'gcp' | 'demo';
  account?: string;
  auditKey?: string;
  state?: FindingState;
  firstSeen?: string;
  lastSeen?: string;
  status?: 'fail' | 'error';
}

export function findingRecord(o: FindingOpts): FindingRecord {
  const name = o.name ?? o.reference.split(/[:/]/).at(-1) ?? o.reference;
  return {
    raw: { evidence: { PublicAccessBlockConfiguration: null } },
    ext: {
      record_type: 'aws.s3.bucket_event',
      check_id: o.checkId,
      check_title: `Title of ${o.checkId}`,
      resource_record_type: 'aws.s3.bucket',
      message: o.message ?? `Bucket ${name} does not block public access`,
    },
    com: {
      cloud_type: o.cloud ?? 'aws',
      record_type: 'storage_event',
      reference: o.reference,
      name,
      account: o.account ?? '111122223333',
      region: 'eu-west-1',
      service: 's3',
      tags: {},
      audit_key: o.auditKey ?? 'nightly',
      origin_key: o.checkId,
      origin_type: 'check',
      description: 'The bucket can be made public.',
      recommendation: 'Turn on S3 Block Public Access.',
      severity: o.severity ?? 'high',
      status: o.status ?? 'fail',
      compliance: ['cis-aws-7.0:2.1.4'],
      finding_id: findingId(o.checkId, o.reference),
      state: o.state ?? 'new',
      first_seen: o.firstSeen ?? '2024-03-01T00:00:00.000Z',
      last_seen: o.lastSeen ?? o.firstSeen ?? '2024-03-01T00:00:00.000Z',
    },
  };
}

export function life(
  o: FindingOpts & { state?: Exclude<FindingState, 'muted'>; resolvedAt?: string | null },
): FindingLife {
  const record = findingRecord(o);
  return {
    finding_id: record.com.finding_id,
    audit_key: o.auditKey ?? 'nightly',
    check_id: o.checkId,
    reference: o.reference,
    state: o.state ?? 'new',
    first_seen: record.com.first_seen,
    last_seen: record.com.last_seen,
    resolved_at: o.resolvedAt ?? null,
    record,
  };
}

export function eventOf(l: FindingLife, scanId: string, state: FindingState = l.state): FindingEvent {
  return { finding_id: l.finding_id, scan_id: scanId, state, at: l.last_seen };
}

export function resultOf(
  rec: ResourceRecord,
  checkId: string,
  status: ResultStatus,
  severity: Severity,
): ResultRow {
  return {
    finding_id: findingId(checkId, rec.com.reference),
    check_id: checkId,
    reference: rec.com.reference,
    resource_name: rec.com.name,
    cloud: rec.com.cloud_type,
    account: rec.com.account,
    region: rec.com.region,
    status,
    severity,
    message: status === 'pass' ? 'compliant' : `${rec.com.name} is not compliant`,
  };
}
