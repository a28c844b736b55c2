import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  COMPLIANCE_CSV_COLUMNS,
  coverageOf,
  MAX_RESOURCES_PER_REQUIREMENT,
  renderComplianceCsv,
  renderComplianceHtml,
  sectionsOf,
} from '../../src/output/compliance-report.js';
import { buildReportInput } from '../../src/output/report-input.js';
import { FRAMEWORK, passRow, sampleInput, scanSummary } from './fixtures.js';

type Row = Record<(typeof COMPLIANCE_CSV_COLUMNS)[number], string>;

describe('compliance report', () => {
  const input = sampleInput();
  const [report] = input.compliance;

  it('evaluates each requirement: fail, error, manual, not evaluated, and coverage of the automatable ones', () => {
    expect(input.compliance.map((c) => c.framework.id)).toEqual(['test-bench-1.0']);
    const status = Object.fromEntries(report!.summary.requirements.map((r) => [r.id, r.status]));
    // 2.2's check only has a pass row left (its finding was resolved)
    // 2.1 has a pass and an unreadable database: error, never a pass
    expect(status).toEqual({
      '1.1': 'fail',
      '1.2': 'manual',
      '2.1': 'error',
      '2.2': 'pass',
      '2.3': 'not_evaluated',
    });
    expect(report!.summary.coverage).toBe(50);
    const sections = sectionsOf(report!);
    expect(sections.map((s) => [s.id, s.totals.fail, s.totals.error, s.coverage])).toEqual([
      ['1', 1, 0, 100],
      ['2', 0, 1, 33],
    ]);
  });

  it('CSV: parsed by a CSV parser, a row per requirement, per section and per framework', () => {
    const rows = parse(renderComplianceCsv(input), { columns: true }) as Row[];
    expect(Object.keys(rows[0] ?? {})).toEqual([...COMPLIANCE_CSV_COLUMNS]);
    expect(rows.map((r) => `${r.level}:${r.section}:${r.requirement}`)).toEqual([
      'requirement:1:1.1',
      'requirement:1:1.2',
      'section:1:',
      'requirement:2:2.1',
      'requirement:2:2.2',
      'requirement:2:2.3',
      'section:2:',
      'framework::',
    ]);
    const r11 = rows[0]!;
    expect(r11).toMatchObject({
      framework: 'test-bench-1.0',
      framework_version: '1.0',
      status: 'fail',
      requirements_fail: '1',
      coverage_percent: '100',
    });
    expect(Number(r11.results_fail)).toBeGreaterThan(0);
    const manual = rows[1]!;
    expect(manual).toMatchObject({ status: 'manual', requirements_manual: '1', coverage_percent: '' });
    const sec2 = rows[6]!;
    expect(sec2).toMatchObject({
      section_title: 'Data <protection>',
      requirements_error: '1',
      requirements_pass: '1',
      requirements_not_evaluated: '1',
      coverage_percent: '33',
    });
    const fw = rows[7]!;
    expect(fw).toMatchObject({ title: 'Test benchmark', requirements_manual: '1', coverage_percent: '50' });
  });

  it('CSV cells that a spreadsheet would run as formulas are defused', () => {
    const fw = {
      ...FRAMEWORK,
      requirements: [{ id: '1.1', section: '1', title: '=HYPERLINK("http://x")', checks: ['a.b.c'] }],
    };
    const out = buildReportInput({
      scan: scanSummary(),
      findings: [],
      results: [passRow('a.b.c', 'r')],
      frameworks: [fw],
    });
    const rows = parse(renderComplianceCsv(out), { columns: true }) as Row[];
    expect(rows[0]?.title).toBe(`'=HYPERLINK("http://x")`);
  });

  it('HTML: static, escaped, no script, per section with failing resources', () => {
    const html = renderComplianceHtml(input);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain("script-src 'none'".replace(/'/g, '&#39;'));
    expect(html).toContain('Data &lt;protection&gt;');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('Coverage: <strong>50%</strong>');
    expect(html).toContain('Test benchmark 1.0');
    expect(html).toMatch(/<details><summary>\d+ failing resource\(s\)<\/summary>/);
  });

  it('HTML: what could not be evaluated is listed apart from failures and never called a failure', () => {
    const html = renderComplianceHtml(input);
    // requirement 2.1 has a pass and an unreadable database
    expect(html).toMatch(
      /<details><summary>1 result\(s\) that could not be evaluated \(data unreadable\)<\/summary><ul class="res"><li><span class="s s-error">could not evaluate<\/span>/,
    );
    expect(html).not.toMatch(/s-error">error</);
    expect(html).toContain('<th>Could not evaluate</th>');
    const n = (status: string) => input.results.filter((r) => r.status === status).length;
    expect(html).toContain(
      `Results: ${n('pass') + n('fail')} checked (${n('pass')} passed, ${n('fail')} failed); ${n('error')} could not be evaluated`,
    );
  });

  it('HTML: the failing resource list is capped and says so', () => {
    const many = Array.from({ length: MAX_RESOURCES_PER_REQUIREMENT + 5 }, (_, i) =>
      passRow(
        'common.network.no_sensitive_port_open_to_internet',
        `arn:aws:ec2:eu-west-1:111122223333:sg/${i}`,
        'fail',
      ),
    );
    const out = buildReportInput({
      scan: scanSummary(),
      findings: [],
      results: many,
      frameworks: [FRAMEWORK],
    });
    expect(renderComplianceHtml(out)).toContain('... and 5 more');
  });

  it('with no framework it says so instead of printing an empty table', () => {
    const out = { ...input, compliance: [] };
    expect(renderComplianceHtml(out)).toContain('No framework was evaluated');
    expect(renderComplianceCsv(out).trim()).toBe(COMPLIANCE_CSV_COLUMNS.join(','));
  });

  it('coverage of nothing automatable is 0', () => {
    expect(coverageOf({ pass: 0, fail: 0, error: 0, manual: 3, not_applicable: 0, not_evaluated: 0 })).toBe(
      0,
    );
  });
});
