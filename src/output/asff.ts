import type {
  AwsSecurityFinding,
  ComplianceStatus,
  Partition,
  RecordState,
  SeverityLabel,
  WorkflowStatus,
} from '@aws-sdk/client-securityhub';
import { isImported } from '../core/imported.js';
import type { FindingRecord, FindingState } from '../core/record.js';
import type { Severity } from '../core/severity.js';
import { arnPartition, findingRule, isDetection, type ReportInput } from './report-data.js';

export const ASFF_SCHEMA_VERSION = '2018-10-08';

const LABEL: Record<Severity, SeverityLabel> = {
  critical: 'CRITICAL',
  high: 'HIGH',
  medium: 'MEDIUM',
  low: 'LOW',
  info: 'INFORMATIONAL',
};
const WORKFLOW: Record<FindingState, WorkflowStatus> = {
  new: 'NEW',
  open: 'NEW',
  regressed: 'NEW',
  muted: 'SUPPRESSED',
  resolved: 'RESOLVED',
};

/** Security Hub resource types for the Cloudward types that have one; the rest are "Other". */

/**
 * The Security Hub resource type of a finding's resource: what its resource module declares
 * (src/providers/aws/resources/, handed in by the caller as `resourceType`), AwsAccount for
 * account-scope findings, else "Other".
 */
function resourceTypeOf(recordType: string, opts: AsffOptions): string {
  if (recordType === 'account') return 'AwsAccount';
  return opts.resourceType?.(recordType) ?? 'Other';
}

const PARTITIONS = new Set<string>(['aws', 'aws-cn', 'aws-us-gov', 'aws-us-iso', 'aws-us-iso-b']);

/** Security Hub's limits on field sizes (characters or items). */
export const ASFF_LIMITS = {
  title: 256,
  description: 1024,
  recommendation: 512,
  relatedRequirements: 32,
  productFieldValue: 2048,
  tagValue: 256,
  tags: 50,
} as const;

const cut = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

export interface AsffOptions {
  /** region for findings of global resources (IAM, CloudFront...), which Security Hub needs one for */
  defaultRegion?: string;
  /** the Security Hub type of a record type (asffResourceType of src/providers/aws/resources/) */
  resourceType?: (recordType: string) => string | undefined;
}

export interface AsffOutput {
  findings: AwsSecurityFinding[];
  /** findings that cannot go to Security Hub (not in an AWS account), with the reason */
  skipped: { finding_id: string; reason: string }[];
}

function regionOf(f: FindingRecord, fallback: string): string {
  return /^[a-z]{2}(-[a-z]+)+-\d$/.test(f.com.region) ? f.com.region : fallback;
}

/** MITRE ATT&CK tactics Security Hub accepts under the TTPs namespace, by Sigma tag. */
const TACTICS: Record<string, string> = {
  'attack.initial_access': 'Initial Access',
  'attack.execution': 'Execution',
  'attack.persistence': 'Persistence',
  'attack.privilege_escalation': 'Privilege Escalation',
  'attack.defense_evasion': 'Defense Evasion',
  'attack.credential_access': 'Credential Access',
  'attack.discovery': 'Discovery',
  'attack.lateral_movement': 'Lateral Movement',
  'attack.collection': 'Collection',
  'attack.command_and_control': 'Command and Control',
};

function typesOf(f: FindingRecord): string[] {
  if (isDetection(f)) {
    const tags: unknown = (f.ext as Record<string, unknown>).tags;
    const tactics = Array.isArray(tags)
      ? [...new Set(tags.map((t) => (typeof t === 'string' ? TACTICS[t.toLowerCase()] : undefined)))].filter(
          (t): t is string => t !== undefined,
        )
      : [];
    return tactics.length ? tactics.map((t) => `TTPs/${t}`) : ['Unusual Behaviors/User'];
  }
  if (f.com.compliance.length > 0)
    return ['Software and Configuration Checks/Industry and Regulatory Standards'];
  return ['Software and Configuration Checks/AWS Security Best Practices'];
}

/** One Cloudward finding as an AWS Security Finding, or a reason it cannot be one. */
export function toAsffFinding(
  input: ReportInput,
  f: FindingRecord,
  opts: AsffOptions = {},
): AwsSecurityFinding | string {
  const c = f.com;
  // Security Hub already holds what AWS's detectors found; sending it back would loop (an import
  // of Security Hub would read it again). A Cloudward finding that absorbed one is still sent.
  if (isImported(f)) return `imported from ${String(f.ext.source)}: not sent back to Security Hub`;
  if (c.cloud_type !== 'aws')
    return `${c.cloud_type} finding: Security Hub takes findings of AWS accounts only`;
  if (!/^\d{12}$/.test(c.account)) return `account "${c.account}" is not a 12-digit AWS account id`;
  const region = regionOf(f, opts.defaultRegion ?? 'us-east-1');
  const partitionName = arnPartition(c.reference) ?? 'aws';
  const partition = (PARTITIONS.has(partitionName) ? partitionName : 'aws') as Partition;
  const rule = findingRule(f);
  const info = isDetection(f) ? undefined : input.checks.get(rule.id);
  const resolved = c.state === 'resolved';
  const unevaluated = !resolved && c.status === 'error';
  // WARNING is Security Hub's "some information is missing": Cloudward's "could not evaluate",
  // which is no problem found, so INFORMATIONAL (the check's severity stays in Original)
  const compliance: ComplianceStatus = resolved ? 'PASSED' : unevaluated ? 'WARNING' : 'FAILED';
  const accountName = input.scan?.accounts?.find(
    (a) => a.cloud === c.cloud_type && a.account === c.account && a.name !== c.account,
  )?.name;
  const record: RecordState = resolved ? 'ARCHIVED' : 'ACTIVE';
  const updatedAt = input.scan?.started_at ?? c.last_seen;
  const tags = Object.fromEntries(
    Object.entries(c.tags)
      .slice(0, ASFF_LIMITS.tags)
      .map(([k, v]) => [cut(k, 128), cut(v, ASFF_LIMITS.tagValue)]),
  );
  const references = info?.references.filter((u) => /^https?:\/\//.test(u)) ?? [];
  const finding: AwsSecurityFinding = {
    SchemaVersion: ASFF_SCHEMA_VERSION,
    Id: `cloudward/${c.audit_key ?? 'audit'}/${c.finding_id}`,
    ProductArn: `arn:${partition}:securityhub:${region}:${c.account}:product/${c.account}/default`,
    ProductName: input.tool.name,
    CompanyName: input.tool.name,
    GeneratorId: rule.id,
    AwsAccountId: c.account,
    ...(accountName ? { AwsAccountName: cut(accountName, 50) } : {}),
    Region: region,
    Types: typesOf(f),
    CreatedAt: c.first_seen,
    UpdatedAt: updatedAt,
    FirstObservedAt: c.first_seen,
    LastObservedAt: c.last_seen,
    Severity: { Label: unevaluated ? 'INFORMATIONAL' : LABEL[c.severity], Original: c.severity },
    Title: cut(rule.title, ASFF_LIMITS.title),
    Description: cut(c.description || rule.title, ASFF_LIMITS.description),
    ...(c.recommendation
      ? {
          Remediation: {
            Recommendation: {
              Text: cut(c.recommendation, ASFF_LIMITS.recommendation),
              ...(references[0] ? { Url: references[0] } : {}),
            },
          },
        }
      : {}),
    ProductFields: {
      'cloudward/check_id': rule.id,
      'cloudward/finding_id': c.finding_id,
      'cloudward/state': c.state,
      'cloudward/status': c.status,
      'cloudward/record_type': c.record_type,
      'cloudward/evidence': cut(
        JSON.stringify('evidence' in f.raw ? f.raw.evidence : f.raw) ?? 'null',
        ASFF_LIMITS.productFieldValue,
      ),
    },
    Resources: [
      {
        Type: resourceTypeOf(f.ext.resource_record_type, opts),
        Id: c.reference,
        Partition: partition,
        Region: region,
        ...(Object.keys(tags).length ? { Tags: tags } : {}),
      },
    ],
    ...(isDetection(f)
      ? {}
      : {
          Compliance: {
            Status: compliance,
            ...(c.compliance.length
              ? { RelatedRequirements: c.compliance.slice(0, ASFF_LIMITS.relatedRequirements) }
              : {}),
          },
        }),
    Workflow: { Status: WORKFLOW[c.state] },
    RecordState: record,
    ...(f.ext.muted
      ? { Note: { Text: cut(f.ext.muted.reason, 512), UpdatedBy: f.ext.muted.owner, UpdatedAt: updatedAt } }
      : {}),
  };
  return finding;
}

export function toAsff(input: ReportInput, opts: AsffOptions = {}): AsffOutput {
  const out: AsffOutput = { findings: [], skipped: [] };
  for (const f of input.findings) {
    const r = toAsffFinding(input, f, opts);
    if (typeof r === 'string') out.skipped.push({ finding_id: f.com.finding_id, reason: r });
    else out.findings.push(r);
  }
  return out;
}

/** The JSON array BatchImportFindings takes (in calls of at most 100). */
export function renderAsff(
  input: ReportInput,
  opts: AsffOptions = {},
): { text: string; skipped: AsffOutput['skipped'] } {
  const { findings, skipped } = toAsff(input, opts);
  return { text: `${JSON.stringify(findings, null, 2)}\n`, skipped };
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const REQUIRED_STRINGS = [
  'SchemaVersion',
  'Id',
  'ProductArn',
  'GeneratorId',
  'AwsAccountId',
  'CreatedAt',
  'UpdatedAt',
  'Title',
  'Description',
] as const;

/** Problems that would make Security Hub reject a finding: missing required fields, bad formats, sizes. */
export function validateAsffFinding(f: unknown): string[] {
  const problems: string[] = [];
  if (typeof f !== 'object' || f === null) return ['finding: not an object'];
  const o = f as Record<string, unknown>;
  for (const k of REQUIRED_STRINGS) {
    if (typeof o[k] !== 'string' || o[k] === '') problems.push(`${k}: required non-empty string`);
  }
  if (o.SchemaVersion !== ASFF_SCHEMA_VERSION) problems.push(`SchemaVersion: must be ${ASFF_SCHEMA_VERSION}`);
  if (typeof o.AwsAccountId === 'string' && !/^\d{12}$/.test(o.AwsAccountId))
    problems.push('AwsAccountId: 12 digits');
  if (
    typeof o.ProductArn === 'string' &&
    !/^arn:aws[a-z-]*:securityhub:[a-z0-9-]+:\d{12}:product\//.test(o.ProductArn)
  )
    problems.push('ProductArn: not a Security Hub product ARN');
  for (const k of ['CreatedAt', 'UpdatedAt', 'FirstObservedAt', 'LastObservedAt']) {
    if (o[k] !== undefined && (typeof o[k] !== 'string' || !ISO.test(o[k] as string)))
      problems.push(`${k}: ISO 8601 date-time`);
  }
  if (typeof o.Title === 'string' && o.Title.length > ASFF_LIMITS.title) problems.push('Title: too long');
  if (typeof o.Description === 'string' && o.Description.length > ASFF_LIMITS.description)
    problems.push('Description: too long');
  const types = o.Types;
  if (!Array.isArray(types) || types.length === 0) problems.push('Types: required non-empty array');
  else
    types.forEach((t, i) => {
      if (typeof t !== 'string' || !/^[^/]+(\/[^/]+){0,2}$/.test(t))
        problems.push(`Types[${i}]: namespace/category/classifier`);
    });
  const sev = o.Severity as Record<string, unknown> | undefined;
  const labels: string[] = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
  if (!sev || typeof sev.Label !== 'string' || !labels.includes(sev.Label))
    problems.push(`Severity.Label: one of ${labels.join(', ')}`);
  const res = o.Resources;
  if (!Array.isArray(res) || res.length === 0 || res.length > 32)
    problems.push('Resources: 1 to 32 resources');
  else
    res.forEach((r: unknown, i) => {
      const rr = (r ?? {}) as Record<string, unknown>;
      if (typeof rr.Type !== 'string' || rr.Type === '') problems.push(`Resources[${i}].Type: required`);
      if (typeof rr.Id !== 'string' || rr.Id === '') problems.push(`Resources[${i}].Id: required`);
    });
  return problems;
}
