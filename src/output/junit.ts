import type { FindingRecord } from '../core/record.js';
import type { ResultRow } from '../store/store.js';
import { findingRule, findingsById, isDetection, type ReportInput } from './report-data.js';

/** Characters XML 1.0 cannot carry at all (control characters, lone surrogates, U+FFFE/FFFF). */
const NOT_XML = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Text safe in an XML attribute or element: markup escaped, impossible characters replaced by U+FFFD. */
export function xmlEscape(s: string): string {
  return s.replace(NOT_XML, '\uFFFD').replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);
}

const attrs = (a: Record<string, string | number>) =>
  Object.entries(a)
    .map(([k, v]) => ` ${k}="${xmlEscape(String(v))}"`)
    .join('');

interface Case {
  name: string;
  outcome: 'pass' | 'failure' | 'error' | 'skipped';
  message: string;
  type: string;
  body: string;
}

interface Suite {
  name: string;
  title: string;
  severity: string;
  cases: Case[];
}

function detail(f: FindingRecord | undefined, row: ResultRow | null): string {
  const lines: string[] = [];
  if (row) lines.push(`resource: ${row.cloud} ${row.account} ${row.region} ${row.reference}`);
  if (f) {
    if (!row) lines.push(`resource: ${f.com.cloud_type} ${f.com.account} ${f.com.region} ${f.com.reference}`);
    lines.push(`finding: ${f.com.finding_id} (${f.com.state})`);
    if (f.com.recommendation) lines.push(`remediation: ${f.com.recommendation}`);
    if (f.com.compliance.length) lines.push(`compliance: ${f.com.compliance.join(', ')}`);
    lines.push(`evidence: ${JSON.stringify('evidence' in f.raw ? f.raw.evidence : f.raw) ?? 'null'}`);
  }
  return lines.join('\n');
}

function caseName(row: { cloud: string; account: string; region: string; name: string; reference: string }) {
  return `${row.cloud}:${row.account}:${row.region}: ${row.name} (${row.reference})`;
}

/**
 * JUnit XML: a test suite per check (and per detection rule), a test case per resource. fail is a
 * <failure>; error ("could not evaluate": the data could not be read) an <error>, which JUnit
 * readers count apart from failures; not applicable and manual a <skipped>; pass an empty case.
 */
export function renderJunit(input: ReportInput): string {
  const byId = findingsById(input.findings);
  const suites = new Map<string, Suite>();
  const suite = (id: string, title: string, severity: string): Suite => {
    let s = suites.get(id);
    if (!s) {
      s = { name: id, title, severity, cases: [] };
      suites.set(id, s);
    }
    return s;
  };
  for (const row of input.results) {
    const info = input.checks.get(row.check_id);
    const f = byId.get(row.finding_id);
    const s = suite(row.check_id, info?.title ?? f?.ext.check_title ?? row.check_id, row.severity);
    const outcome: Case['outcome'] =
      row.status === 'fail'
        ? 'failure'
        : row.status === 'error'
          ? 'error'
          : row.status === 'pass'
            ? 'pass'
            : 'skipped';
    s.cases.push({
      name: caseName({ ...row, name: row.resource_name }),
      outcome,
      // an error is "could not evaluate" (the data could not be read): a JUnit <error>, never a
      // <failure>, and said so, since CI summaries show the message and count errors apart
      message:
        row.status === 'manual' || row.status === 'not_applicable'
          ? `${row.status}: ${row.message}`
          : row.status === 'error'
            ? `could not evaluate: ${row.message}`
            : row.message,
      type: row.severity,
      body: outcome === 'failure' || outcome === 'error' ? detail(f, row) : '',
    });
  }
  for (const f of input.findings) {
    if (!isDetection(f)) continue;
    const rule = findingRule(f);
    suite(rule.id, rule.title, f.com.severity).cases.push({
      name: caseName({ cloud: f.com.cloud_type, ...f.com }),
      outcome: f.com.state === 'resolved' ? 'pass' : 'failure',
      message: f.com.description,
      type: f.com.severity,
      body: detail(f, null),
    });
  }

  const count = (cases: Case[], o: Case['outcome']) => cases.filter((c) => c.outcome === o).length;
  const all = [...suites.values()].flatMap((s) => s.cases);
  const scan = input.scan;
  const seconds =
    scan?.finished_at && scan.started_at
      ? Math.max(0, (Date.parse(scan.finished_at) - Date.parse(scan.started_at)) / 1000)
      : 0;
  const timestamp = scan?.started_at ?? input.generatedAt;
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(
    `<testsuites${attrs({
      name: `${input.tool.name} ${scan ? `scan ${scan.id} (${scan.audit_key})` : 'report'}`,
      tests: all.length,
      failures: count(all, 'failure'),
      errors: count(all, 'error'),
      skipped: count(all, 'skipped'),
      time: seconds.toFixed(3),
      timestamp,
    })}>`,
  );
  for (const s of suites.values()) {
    out.push(
      `  <testsuite${attrs({
        name: s.name,
        tests: s.cases.length,
        failures: count(s.cases, 'failure'),
        errors: count(s.cases, 'error'),
        skipped: count(s.cases, 'skipped'),
        time: '0',
        timestamp,
      })}>`,
    );
    out.push(
      `    <properties><property${attrs({ name: 'title', value: s.title })}/><property${attrs({ name: 'severity', value: s.severity })}/></properties>`,
    );
    for (const c of s.cases) {
      const open = `    <testcase${attrs({ classname: s.name, name: c.name, time: '0' })}`;
      if (c.outcome === 'pass') {
        out.push(`${open}/>`);
        continue;
      }
      const tag = c.outcome;
      const inner =
        tag === 'skipped'
          ? `<skipped${attrs({ message: c.message })}/>`
          : `<${tag}${attrs({ message: c.message, type: c.type })}>${xmlEscape(c.body)}</${tag}>`;
      out.push(`${open}>${inner}</testcase>`);
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}
