import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { FindingRecord } from '../../src/core/record.js';
import { renderReport } from '../../src/output/render.js';
import { finding, sampleInput } from './fixtures.js';

/*
 * In JSON and CSV output a live failure, a result that could not be evaluated and a resolved
 * failure cannot be mistaken for one another.
 */

type Json = {
  summary: {
    results: Record<'pass' | 'fail' | 'could_not_evaluate' | 'not_applicable' | 'manual', number> | null;
    failing: { total: number; by_severity: Record<string, number>; muted: number };
    could_not_evaluate: number;
    resolved: number;
  };
} & Record<'findings' | 'could_not_evaluate' | 'resolved', FindingRecord[]>;

describe('JSON report', () => {
  // a critical result that could not be evaluated must not count as a critical finding
  const unreadable = finding({
    check: 'common.database.tls_enforced',
    reference: 'arn:aws:rds:eu-west-1:111122223333:db:payments',
    name: 'payments',
    status: 'error',
    severity: 'critical',
    description: 'could not be evaluated: ThrottlingException',
  });
  const input = sampleInput({ findings: [unreadable] });
  const out = JSON.parse(renderReport('json', input).text) as Json;

  it('lists live failures only under findings, apart from what could not be evaluated and what was resolved', () => {
    expect(out.findings.length).toBeGreaterThan(0);
    expect(out.findings.every((f) => f.com.state !== 'resolved' && f.com.status === 'fail')).toBe(true);
    expect(out.could_not_evaluate.every((f) => f.com.status === 'error')).toBe(true);
    expect(out.could_not_evaluate.map((f) => f.com.name)).toContain('payments');
    expect(out.resolved.length).toBeGreaterThan(0);
    expect(out.resolved.every((f) => f.com.state === 'resolved')).toBe(true);
    expect(out.findings.length + out.could_not_evaluate.length + out.resolved.length).toBe(
      input.findings.length,
    );
  });

  it('summarises counts apart, never counting an error among critical and high', () => {
    const unmuted = out.findings.filter((f) => f.com.state !== 'muted');
    expect(out.summary.failing.total).toBe(unmuted.length);
    expect(out.summary.failing.muted).toBe(out.findings.length - unmuted.length);
    expect(out.summary.could_not_evaluate).toBe(out.could_not_evaluate.length);
    expect(out.summary.resolved).toBe(out.resolved.length);
    for (const severity of ['critical', 'high']) {
      expect(out.summary.failing.by_severity[severity] ?? 0, severity).toBe(
        unmuted.filter((f) => f.com.severity === severity).length,
      );
    }
  });
});

describe('CSV report', () => {
  it('says in its result column what each row stands for', () => {
    const input = sampleInput();
    const rows = parseCsv(renderReport('csv', input).text, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(input.findings.length);
    for (const r of rows) {
      const expected =
        r.state === 'resolved' ? 'resolved' : r.status === 'error' ? 'could not evaluate' : 'failed';
      expect(r.result, `${r.name} ${r.state} ${r.status}`).toBe(expected);
    }
    expect(new Set(rows.map((r) => r.result))).toEqual(new Set(['failed', 'could not evaluate', 'resolved']));
  });
});
