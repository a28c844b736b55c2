import type { FindingRecord } from '../core/record.js';
import { SEVERITIES } from '../core/severity.js';
import { StringPool } from '../core/string-pool.js';
import {
  type CheckInfo,
  type Coverage,
  comString,
  coverageOf,
  findingRule,
  isDetection,
  type ReportInput,
  requirementTitles,
} from './report-data.js';

/**
 * The data block of the HTML report. Findings are positional arrays and repeated strings
 * (account, region, dates, remediation text...) are indices into one string pool, so 100,000
 * findings stay a file a browser parses in a second. The field order is the F_* constants,
 * which the page's script mirrors.
 */
export const FINDING_FIELDS = [
  'id',
  'check',
  'severity',
  'state',
  'status',
  'cloud',
  'account',
  'region',
  'service',
  'name',
  'reference',
  'description',
  'recommendation',
  'compliance',
  'tags',
  'evidence',
  'first_seen',
  'last_seen',
  'record_type',
  'muted',
  'event',
] as const;

/** One finding row, in FINDING_FIELDS order; numbers marked pooled index HtmlData.strings. */
export type HtmlFindingRow = [
  id: string,
  /** index into HtmlData.checks */
  check: number,
  severity: number,
  state: number,
  status: number,
  cloud: number,
  account: number,
  region: number,
  service: number,
  name: string,
  reference: string,
  description: string,
  recommendation: number,
  /** pooled requirement references (framework:requirement) */
  compliance: number[],
  tags: Record<string, string>,
  evidence: unknown,
  first_seen: number,
  last_seen: number,
  record_type: number,
  muted: { owner: string; reason: string; expires_at: string | null } | null,
  event: Record<string, string> | null,
];

export interface HtmlCheck {
  id: string;
  title: string;
  severity: string;
  description: string;
  risk: string;
  remediation: { text: string; cli: string; iac: string };
  references: string[];
  detection: boolean;
}

export interface HtmlData {
  version: 1;
  generated: string;
  tool: { name: string; version: string };
  scan: ReportInput['scan'];
  /** what the report judged: checked (passed, failed), could not evaluate, manual, not applicable */
  coverage: Coverage;
  severities: readonly string[];
  fields: readonly string[];
  strings: string[];
  checks: HtmlCheck[];
  findings: HtmlFindingRow[];
  frameworks: {
    id: string;
    name: string;
    version: string;
    coverage: number;
    totals: Record<string, number>;
    sections: { id: string; title: string }[];
    requirements: {
      id: string;
      section: string;
      title: string;
      status: string;
      checks: string[];
      counts: Record<string, number>;
    }[];
  }[];
  requirementTitles: Record<string, string>;
}

/** Evidence larger than this is cut in the HTML report (the JSON export keeps all of it). */
export const MAX_EVIDENCE_CHARS = 20_000;

function evidenceOf(f: FindingRecord): unknown {
  const ev = 'evidence' in f.raw ? f.raw.evidence : f.raw;
  const text = JSON.stringify(ev ?? null) ?? 'null';
  if (text.length <= MAX_EVIDENCE_CHARS) return ev ?? null;
  return `${text.slice(0, MAX_EVIDENCE_CHARS)}... (evidence cut at ${MAX_EVIDENCE_CHARS} of ${text.length} characters: the JSON export has all of it)`;
}

function eventOf(f: FindingRecord): Record<string, string> | null {
  if (!isDetection(f)) return null;
  const out: Record<string, string> = {};
  for (const k of ['time', 'actor', 'source_ip', 'action', 'outcome']) {
    const v = comString(f, k);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

function checkFromRecord(f: FindingRecord): HtmlCheck {
  const rule = findingRule(f);
  return {
    id: rule.id,
    title: rule.title,
    severity: f.com.severity,
    description: '',
    risk: '',
    remediation: { text: f.com.recommendation, cli: '', iac: '' },
    references: [],
    detection: isDetection(f),
  };
}

function checkFromInfo(c: CheckInfo): HtmlCheck {
  return {
    id: c.id,
    title: c.title,
    severity: c.severity,
    description: c.description,
    risk: c.risk ?? '',
    remediation: { text: c.remediation.text, cli: c.remediation.cli ?? '', iac: c.remediation.iac ?? '' },
    references: c.references,
    detection: false,
  };
}

export function buildHtmlData(input: ReportInput): HtmlData {
  const pool = new StringPool();
  const checks: HtmlCheck[] = [];
  const checkIndex = new Map<string, number>();
  const checkId = (f: FindingRecord): number => {
    const rule = findingRule(f);
    let i = checkIndex.get(rule.id);
    if (i === undefined) {
      const info = isDetection(f) ? undefined : input.checks.get(rule.id);
      i = checks.length;
      checks.push(info ? checkFromInfo(info) : checkFromRecord(f));
      checkIndex.set(rule.id, i);
    }
    return i;
  };
  const findings = input.findings.map((f): HtmlFindingRow => {
    const c = f.com;
    return [
      c.finding_id,
      checkId(f),
      pool.id(c.severity),
      pool.id(c.state),
      pool.id(c.status),
      pool.id(c.cloud_type),
      pool.id(c.account),
      pool.id(c.region),
      pool.id(c.service),
      c.name,
      c.reference,
      c.description,
      pool.id(c.recommendation),
      c.compliance.map((r) => pool.id(r)),
      c.tags,
      evidenceOf(f),
      pool.id(c.first_seen),
      pool.id(c.last_seen),
      pool.id(c.record_type),
      f.ext.muted ?? null,
      eventOf(f),
    ];
  });
  return {
    version: 1,
    generated: input.generatedAt,
    tool: { name: input.tool.name, version: input.tool.version },
    scan: input.scan,
    coverage: coverageOf(input),
    severities: SEVERITIES,
    fields: FINDING_FIELDS,
    strings: pool.strings,
    checks,
    findings,
    frameworks: input.compliance.map(({ framework, summary }) => ({
      id: framework.id,
      name: framework.name,
      version: framework.version,
      coverage: summary.coverage,
      totals: summary.totals,
      sections: framework.sections,
      requirements: summary.requirements.map((r) => ({
        id: r.id,
        section: r.section,
        title: r.title,
        status: r.status,
        checks: r.checks,
        counts: r.counts,
      })),
    })),
    requirementTitles: Object.fromEntries(requirementTitles(input.compliance)),
  };
}
