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

/**
 * compliance.status_id: 1 Pass, 2 Warning ("did not yield a result due to missing information":
 * the data could not be read, Cloudward's "could not evaluate"), 3 Fail, 99 Other.
 */
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

// Events are built by assignment rather than object spreads: with many conditional spreads per
// event, V8 falls back to slow property copies, which made 100,000 events take half a minute.

function baseEvent(classUid: number, className: string, activity: { id: number; name: string }): OcsfEvent {
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

function cloudOf(s: Subject): OcsfEvent {
  const type = ACCOUNT_TYPE[s.cloud];
  const account: OcsfEvent = { uid: s.account, type_id: type ? type.id : 0 };
  if (type) account.type = type.name;
  const cloud: OcsfEvent = { provider: PROVIDER[s.cloud] ?? s.cloud };
  if (s.region && s.region !== 'global') cloud.region = s.region;
  cloud.account = account;
  return cloud;
}

function resourceOf(s: Subject): OcsfEvent {
  const r: OcsfEvent = { uid: s.reference, name: s.name };
  if (s.type) r.type = s.type;
  if (s.region) r.region = s.region;
  const partition = arnPartition(s.reference);
  if (partition) r.cloud_partition = partition;
  const tags = s.tags ? Object.keys(s.tags) : [];
  if (tags.length) r.labels = tags.map((k) => `${k}=${s.tags?.[k]}`);
  return r;
}

function metadataOf(input: ReportInput, uid: string): OcsfEvent {
  const m: OcsfEvent = {
    version: OCSF_VERSION,
    product: { name: input.tool.name, vendor_name: input.tool.name, version: input.tool.version },
    uid,
    profiles: ['cloud'],
  };
  if (input.scan) m.log_name = input.scan.audit_key;
  return m;
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

function addTimes(info: OcsfEvent, f: FindingRecord): void {
  const first = epochMs(f.com.first_seen);
  const last = epochMs(f.com.last_seen);
  if (first !== undefined) {
    info.created_time = first;
    info.first_seen_time = first;
  }
  if (last !== undefined) {
    info.last_seen_time = last;
    info.modified_time = last;
  }
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
  const scanId = input.scan?.id ?? rec?.com.audit_version ?? '';
  const recommendation = rec?.com.recommendation || info?.remediation.text || '';

  const e = baseEvent(OCSF_COMPLIANCE_FINDING, 'Compliance Finding', ACTIVITY[state ?? 'new']);
  // a result that could not be evaluated is no problem found: Informational, so a SIEM never
  // counts it with high and critical findings (the check's own severity is in unmapped)
  const sev = status === 'error' ? SEVERITY.info : SEVERITY[severity];
  e.severity_id = sev.id;
  e.severity = sev.name;
  e.time = epochMs(input.scan?.started_at) ?? epochMs(rec?.com.last_seen) ?? epochMs(input.generatedAt) ?? 0;
  e.message = message;
  if (state) {
    e.status_id = LIFECYCLE[state].id;
    e.status = LIFECYCLE[state].name;
  }
  e.metadata = metadataOf(input, `${findingId}/${scanId}`);
  e.cloud = cloudOf(subject);
  const findingInfo: OcsfEvent = {
    uid: findingId,
    title: info?.title ?? rec?.ext.check_title ?? checkId,
    desc: message,
    types: [rec?.com.record_type ?? 'compliance_check'],
  };
  if (rec) addTimes(findingInfo, rec);
  e.finding_info = findingInfo;
  const compliance: OcsfEvent = { standards: standardsOf(refs) };
  if (refs.length) compliance.requirements = refs;
  compliance.control = checkId;
  compliance.status_id = COMPLIANCE_STATUS[status].id;
  compliance.status = COMPLIANCE_STATUS[status].name;
  compliance.status_code = status;
  compliance.status_detail = message;
  e.compliance = compliance;
  if (recommendation) {
    const remediation: OcsfEvent = { desc: recommendation };
    if (info?.references.length) remediation.references = info.references;
    e.remediation = remediation;
  }
  e.resources = [resourceOf(subject)];
  const own: OcsfEvent = {
    audit_key: input.scan?.audit_key ?? rec?.com.audit_key ?? '',
    scan_id: scanId,
    check_id: checkId,
    result: status,
    check_severity: severity,
  };
  if (state) own.state = state;
  if (rec) own.evidence = rec.raw.evidence ?? null;
  if (rec?.ext.muted) own.muted = rec.ext.muted;
  e.unmapped = { cloudward: own };
  return e;
}

/** A detection (a Sigma rule hit on a log event) as a Detection Finding. */
export function detectionFinding(input: ReportInput, rec: FindingRecord): OcsfEvent {
  const rule = findingRule(rec);
  const c = rec.com;
  const actor = comString(rec, 'actor');
  const sourceIp = comString(rec, 'source_ip');
  const action = comString(rec, 'action');
  const subject = subjectOfRecord(rec);

  const e = baseEvent(OCSF_DETECTION_FINDING, 'Detection Finding', ACTIVITY[c.state]);
  e.severity_id = SEVERITY[c.severity].id;
  e.severity = SEVERITY[c.severity].name;
  e.time = epochMs(comString(rec, 'time')) ?? epochMs(c.first_seen) ?? epochMs(input.generatedAt) ?? 0;
  e.message = c.description;
  e.status_id = LIFECYCLE[c.state].id;
  e.status = LIFECYCLE[c.state].name;
  e.metadata = metadataOf(input, c.finding_id);
  e.cloud = cloudOf(subject);
  const findingInfo: OcsfEvent = {
    uid: c.finding_id,
    title: rule.title,
    desc: c.description,
    types: [c.record_type],
    analytic: { uid: rule.id, name: rule.title, type_id: 1, type: 'Rule' },
  };
  addTimes(findingInfo, rec);
  e.finding_info = findingInfo;
  const evidence: OcsfEvent = {};
  if (actor) evidence.actor = { user: { name: actor, uid: actor } };
  if (action) evidence.api = { operation: action, service: { name: c.service } };
  if (sourceIp) evidence.src_endpoint = { ip: sourceIp };
  evidence.data = { evidence: ('evidence' in rec.raw ? rec.raw.evidence : rec.raw) ?? null };
  e.evidences = [evidence];
  e.resources = [resourceOf(subject)];
  if (c.recommendation) e.remediation = { desc: c.recommendation };
  const own: OcsfEvent = { audit_key: c.audit_key ?? '', rule_id: rule.id, state: c.state };
  if (rec.ext.muted) own.muted = rec.ext.muted;
  e.unmapped = { cloudward: own };
  return e;
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
