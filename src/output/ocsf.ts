import type { FindingRecord, FindingState, ResultStatus } from '../core/record.js';
import type { Severity } from '../core/severity.js';
import type { ResultRow } from '../store/store.js';
import {
  arnPartition,
  comString,
  epochMs,
  findingRule,
  findingsById,
  isDetection,
  type ReportInput,
} from './report-data.js';

/** The OCSF schema version the export follows (stated in metadata.version of every event). */
export const OCSF_VERSION = '1.3.0';

export const OCSF_CATEGORY_FINDINGS = 2;
export const OCSF_COMPLIANCE_FINDING = 2003;
export const OCSF_DETECTION_FINDING = 2004;

/** severity_id: 1 Informational, 2 Low, 3 Medium, 4 High, 5 Critical */
const SEVERITY: Record<Severity, { id: number; name: string }> = {
  info: { id: 1, name: 'Informational' },
  low: { id: 2, name: 'Low' },
  medium: { id: 3, name: 'Medium' },
  high: { id: 4, name: 'High' },
  critical: { id: 5, name: 'Critical' },
};

/** Finding activity: first seen = Create, seen again / muted = Update, resolved = Close. */
const ACTIVITY: Record<FindingState, { id: number; name: string }> = {
  new: { id: 1, name: 'Create' },
  open: { id: 2, name: 'Update' },
  regressed: { id: 2, name: 'Update' },
  muted: { id: 2, name: 'Update' },
  resolved: { id: 3, name: 'Close' },
};

/** Finding lifecycle status_id: 1 New, 3 Suppressed, 4 Resolved. Cloudward does not track reviews. */
const LIFECYCLE: Record<FindingState, { id: number; name: string }> = {
  new: { id: 1, name: 'New' },
  open: { id: 1, name: 'New' },
  regressed: { id: 1, name: 'New' },
  muted: { id: 3, name: 'Suppressed' },
  resolved: { id: 4, name: 'Resolved' },
};

/** compliance.status_id: 1 Pass, 2 Warning (no result: the data could not be read), 3 Fail, 99 Other. */
const COMPLIANCE_STATUS: Record<ResultStatus, { id: number; name: string }> = {
  pass: { id: 1, name: 'Pass' },
  fail: { id: 3, name: 'Fail' },
  error: { id: 2, name: 'Warning' },
  manual: { id: 99, name: 'Manual' },
  not_applicable: { id: 99, name: 'Not Applicable' },
};

const PROVIDER: Record<string, string> = { aws: 'AWS', azure: 'Azure', gcp: 'GCP', demo: 'Demo' };
/** account.type_id: 10 AWS Account, 11 GCP Project, 13 Azure Subscription */
const ACCOUNT_TYPE: Record<string, { id: number; name: string }> = {
  aws: { id: 10, name: 'AWS Account' },
  gcp: { id: 11, name: 'GCP Project' },
  azure: { id: 13, name: 'Azure Subscription' },
};

/** Standard used for checks no framework maps (compliance.standards is required). */
export const UNMAPPED_STANDARD = 'cloudward-checks';

export type OcsfEvent = Record<string, unknown>;

interface Subject {
  cloud: string;
  account: string;
  region: string;
  reference: string;
  name: string;
  type?: string;
  tags?: Record<string, string>;
}

function classFields(classUid: number, className: string, activity: { id: number; name: string }) {
  return {
    activity_id: activity.id,
    activity_name: activity.name,
    category_uid: OCSF_CATEGORY_FINDINGS,
    category_name: 'Findings',
    class_uid: classUid,
    class_name: className,
    type_uid: classUid * 100 + activity.id,
    type_name: `${className}: ${activity.name}`,
  };
}

function cloudOf(s: Subject) {
  const type = ACCOUNT_TYPE[s.cloud];
  return {
    provider: PROVIDER[s.cloud] ?? s.cloud,
    ...(s.region && s.region !== 'global' ? { region: s.region } : {}),
    account: { uid: s.account, ...(type ? { type_id: type.id, type: type.name } : { type_id: 0 }) },
  };
}

function resourceOf(s: Subject) {
  const partition = arnPartition(s.reference);
  const labels = Object.entries(s.tags ?? {}).map(([k, v]) => `${k}=${v}`);
  return {
    uid: s.reference,
    name: s.name,
    ...(s.type ? { type: s.type } : {}),
    ...(s.region ? { region: s.region } : {}),
    ...(partition ? { cloud_partition: partition } : {}),
    ...(labels.length ? { labels } : {}),
  };
}

function metadataOf(input: ReportInput, uid: string) {
  return {
    version: OCSF_VERSION,
    product: {
      name: input.tool.name,
      vendor_name: input.tool.name,
      version: input.tool.version,
    },
    uid,
    profiles: ['cloud'],
    ...(input.scan ? { log_name: input.scan.audit_key } : {}),
  };
}

function subjectOfRecord(f: FindingRecord): Subject {
  return {
    cloud: f.com.cloud_type,
    account: f.com.account,
    region: f.com.region,
    reference: f.com.reference,
    name: f.com.name,
    type: f.ext.resource_record_type || f.ext.record_type,
    tags: f.com.tags,
  };
}

function timesOf(f: FindingRecord) {
  const first = epochMs(f.com.first_seen);
  const last = epochMs(f.com.last_seen);
  return {
    ...(first === undefined ? {} : { created_time: first, first_seen_time: first }),
    ...(last === undefined ? {} : { last_seen_time: last, modified_time: last }),
  };
}

/** check id -> "<framework>:<requirement>" for the frameworks in the report. */
function complianceRefs(input: ReportInput): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const { framework } of input.compliance) {
    for (const req of framework.requirements) {
      for (const c of req.checks ?? []) m.set(c, [...(m.get(c) ?? []), `${framework.id}:${req.id}`]);
    }
  }
  return m;
}

const standardsOf = (refs: string[]) => {
  const s = [...new Set(refs.map((r) => r.split(':')[0] ?? r))];
  return s.length ? s : [UNMAPPED_STANDARD];
};

/** A check result (with its finding record when it failed or errored) as a Compliance Finding. */
export function complianceFinding(
  input: ReportInput,
  row: ResultRow | null,
  rec: FindingRecord | null,
  refsByCheck: Map<string, string[]> = complianceRefs(input),
): OcsfEvent {
  const checkId = row?.check_id ?? rec?.ext.check_id ?? '';
  const info = input.checks.get(checkId);
  const state = rec?.com.state;
  const status: ResultStatus = row?.status ?? (state === 'resolved' ? 'pass' : (rec?.com.status ?? 'fail'));
  const severity: Severity = row?.severity ?? rec?.com.severity ?? info?.severity ?? 'info';
  const subject: Subject = rec
    ? subjectOfRecord(rec)
    : {
        cloud: row?.cloud ?? '',
        account: row?.account ?? '',
        region: row?.region ?? '',
        reference: row?.reference ?? '',
        name: row?.resource_name ?? '',
      };
  const message = row?.message ?? rec?.com.description ?? '';
  const refs = rec?.com.compliance.length ? rec.com.compliance : (refsByCheck.get(checkId) ?? []);
  const findingId = row?.finding_id ?? rec?.com.finding_id ?? '';
  const title = info?.title ?? rec?.ext.check_title ?? checkId;
  const time =
    epochMs(input.scan?.started_at) ?? epochMs(rec?.com.last_seen) ?? epochMs(input.generatedAt) ?? 0;
  const recommendation = rec?.com.recommendation || info?.remediation.text || '';
  const scanId = input.scan?.id ?? rec?.com.audit_version ?? '';
  return {
    ...classFields(OCSF_COMPLIANCE_FINDING, 'Compliance Finding', ACTIVITY[state ?? 'new']),
    severity_id: SEVERITY[severity].id,
    severity: SEVERITY[severity].name,
    time,
    message,
    ...(state ? { status_id: LIFECYCLE[state].id, status: LIFECYCLE[state].name } : {}),
    metadata: metadataOf(input, `${findingId}/${scanId}`),
    cloud: cloudOf(subject),
    finding_info: {
      uid: findingId,
      title,
      desc: message,
      types: [rec?.com.record_type ?? 'compliance_check'],
      ...(rec ? timesOf(rec) : {}),
    },
    compliance: {
      standards: standardsOf(refs),
      ...(refs.length ? { requirements: refs } : {}),
      control: checkId,
      status_id: COMPLIANCE_STATUS[status].id,
      status: COMPLIANCE_STATUS[status].name,
      status_code: status,
      status_detail: message,
    },
    ...(recommendation
      ? {
          remediation: {
            desc: recommendation,
            ...(info?.references.length ? { references: info.references } : {}),
          },
        }
      : {}),
    resources: [resourceOf(subject)],
    unmapped: {
      cloudward: {
        audit_key: input.scan?.audit_key ?? rec?.com.audit_key ?? '',
        scan_id: scanId,
        check_id: checkId,
        result: status,
        ...(state ? { state } : {}),
        ...(rec ? { evidence: rec.raw.evidence ?? null } : {}),
        ...(rec?.ext.muted ? { muted: rec.ext.muted } : {}),
      },
    },
  };
}

/** A detection (a Sigma rule hit on a log event) as a Detection Finding. */
export function detectionFinding(input: ReportInput, rec: FindingRecord): OcsfEvent {
  const rule = findingRule(rec);
  const c = rec.com;
  const eventTime = epochMs(comString(rec, 'time'));
  const actor = comString(rec, 'actor');
  const sourceIp = comString(rec, 'source_ip');
  const action = comString(rec, 'action');
  const evidence = 'evidence' in rec.raw ? rec.raw.evidence : rec.raw;
  const subject = subjectOfRecord(rec);
  return {
    ...classFields(OCSF_DETECTION_FINDING, 'Detection Finding', ACTIVITY[c.state]),
    severity_id: SEVERITY[c.severity].id,
    severity: SEVERITY[c.severity].name,
    time: eventTime ?? epochMs(c.first_seen) ?? epochMs(input.generatedAt) ?? 0,
    message: c.description,
    status_id: LIFECYCLE[c.state].id,
    status: LIFECYCLE[c.state].name,
    metadata: metadataOf(input, c.finding_id),
    cloud: cloudOf(subject),
    finding_info: {
      uid: c.finding_id,
      title: rule.title,
      desc: c.description,
      types: [c.record_type],
      analytic: { uid: rule.id, name: rule.title, type_id: 1, type: 'Rule' },
      ...timesOf(rec),
    },
    evidences: [
      {
        ...(actor ? { actor: { user: { name: actor, uid: actor } } } : {}),
        ...(action ? { api: { operation: action, service: { name: c.service } } } : {}),
        ...(sourceIp ? { src_endpoint: { ip: sourceIp } } : {}),
        data: { evidence: evidence ?? null },
      },
    ],
    resources: [resourceOf(subject)],
    ...(c.recommendation ? { remediation: { desc: c.recommendation } } : {}),
    unmapped: {
      cloudward: {
        audit_key: c.audit_key ?? '',
        rule_id: rule.id,
        state: c.state,
        ...(rec.ext.muted ? { muted: rec.ext.muted } : {}),
      },
    },
  };
}

/**
 * Every check result as a Compliance Finding (passes included, so a consumer sees what was
 * checked), findings without a result row (resolved ones) as Compliance Findings too, and
 * detections as Detection Findings.
 */
export function toOcsfEvents(input: ReportInput): OcsfEvent[] {
  const refs = complianceRefs(input);
  const byId = findingsById(input.findings.filter((f) => !isDetection(f)));
  const covered = new Set<string>();
  const out: OcsfEvent[] = [];
  for (const row of input.results) {
    const rec = byId.get(row.finding_id) ?? null;
    covered.add(row.finding_id);
    out.push(complianceFinding(input, row, rec, refs));
  }
  for (const f of input.findings) {
    if (isDetection(f)) out.push(detectionFinding(input, f));
    else if (!covered.has(f.com.finding_id)) {
      covered.add(f.com.finding_id);
      out.push(complianceFinding(input, null, f, refs));
    }
  }
  return out;
}

/** A JSON array of OCSF events, one event per line. */
export function renderOcsf(input: ReportInput): string {
  const events = toOcsfEvents(input);
  if (events.length === 0) return '[]\n';
  return `[\n${events.map((e) => JSON.stringify(e)).join(',\n')}\n]\n`;
}
