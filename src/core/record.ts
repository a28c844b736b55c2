import { z } from 'zod';
import { describeIssues } from './issues.js';
import { SEVERITIES } from './severity.js';

/**
 * Every record (resource, event, finding) has three buckets:
 * raw = what the cloud answered, ext = cloud-specific derived facts, com = cross-cloud fields.
 */
export const CLOUD_TYPES = ['aws', 'azure', 'gcp', 'demo'] as const;
export type CloudType = (typeof CLOUD_TYPES)[number];

export const ORIGIN_TYPES = ['cloud', 'check', 'detection'] as const;
export const RESULT_STATUSES = ['pass', 'fail', 'error', 'manual', 'not_applicable'] as const;
export type ResultStatus = (typeof RESULT_STATUSES)[number];
export const FINDING_STATES = ['new', 'open', 'resolved', 'regressed', 'muted'] as const;
export type FindingState = (typeof FINDING_STATES)[number];

const provenance = {
  audit_key: z.string().optional(),
  audit_version: z.string().optional(),
  origin_key: z.string(),
  origin_class: z.string().optional(),
  origin_worker: z.string().optional(),
  origin_type: z.enum(ORIGIN_TYPES),
};

export const resourceComSchema = z.looseObject({
  cloud_type: z.enum(CLOUD_TYPES),
  record_type: z.string().min(1),
  reference: z.string().min(1),
  name: z.string(),
  account: z.string(),
  region: z.string(),
  service: z.string(),
  tags: z.record(z.string(), z.string()),
  ...provenance,
});

export const extSchema = z.looseObject({ record_type: z.string().min(1) });

export const resourceRecordSchema = z.object({
  raw: z.record(z.string(), z.unknown()),
  ext: extSchema,
  com: resourceComSchema,
});

export type ResourceCom = z.infer<typeof resourceComSchema>;
export type ResourceExt = z.infer<typeof extSchema>;
export interface ResourceRecord {
  raw: Record<string, unknown>;
  ext: ResourceExt;
  com: ResourceCom;
}

export const findingComSchema = resourceComSchema.extend({
  description: z.string(),
  recommendation: z.string(),
  severity: z.enum(SEVERITIES),
  status: z.enum(['fail', 'error']),
  compliance: z.array(z.string()),
  finding_id: z.string().regex(/^[0-9a-f]{16,64}$/),
  state: z.enum(FINDING_STATES),
  first_seen: z.string(),
  last_seen: z.string(),
});

export const findingRecordSchema = z.object({
  raw: z.record(z.string(), z.unknown()),
  ext: extSchema.extend({
    check_id: z.string(),
    check_title: z.string(),
    resource_record_type: z.string(),
    muted: z.object({ owner: z.string(), reason: z.string(), expires_at: z.string().nullable() }).optional(),
  }),
  com: findingComSchema,
});

export type FindingCom = z.infer<typeof findingComSchema>;
export type FindingRecord = z.infer<typeof findingRecordSchema>;

/** Validation that names the record and the failing paths. */
export function validateResource(rec: unknown, where: string): ResourceRecord {
  const r = resourceRecordSchema.safeParse(rec);
  if (!r.success) {
    const issues = describeIssues(r.error.issues, rec, { max: Number.POSITIVE_INFINITY });
    throw new Error(`${where}: invalid resource record: ${issues}`);
  }
  return r.data as ResourceRecord;
}
