import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import type { FindingRecord } from '../../src/core/record.js';
import { SEVERITIES } from '../../src/core/severity.js';
import { findingTable, renderTable } from '../../src/output/table.js';
import { renderColumns, wrapText } from '../../src/output/text-layout.js';
import type { ScanSummary } from '../../src/store/store.js';
import { escapes, nonColourEscapes, plain } from '../cli/ansi.js';
import { finding, SCAN_ID, STARTED } from './fixtures.js';

/* Item 11 of issue 9: the terminal report fits the width, wraps without cutting ids or colours. */

const LONG_CHECK = 'aws.cloudwatch.organizations_changes_monitored_with_metric_filter_and_alarm';

function scanOf(findings: FindingRecord[], errors: ScanSummary['errors'] = []): ScanSummary {
  const fail = findings.filter((f) => f.com.status === 'fail').length;
  const error = findings.filter((f) => f.com.status === 'error').length;
  return {
    id: SCAN_ID,
    audit_key: 'nightly',
    label: null,
    started_at: STARTED,
    finished_at: STARTED,
    status: 'complete',
    counts: {
      resources: 40,
      results: { pass: 20, fail, error, manual: 0, not_applicable: 3 },
      findings: { new: findings.length },
    },
    errors,
  };
}

/** 30 findings of every severity and state, long names and ids, the same name in two regions. */
function estate(): FindingRecord[] {
  const out: FindingRecord[] = [];
  SEVERITIES.forEach((severity, s) => {
    for (let i = 0; i < 5; i++) {
      out.push(
        finding({
          severity,
          check: i === 0 ? LONG_CHECK : `aws.ec2.check_${s}_${i}`,
          name:
            i === 1
              ? 'a-very-long-resource-name-that-has-no-spaces-at-all-and-goes-on-and-on'
              : `res-${s}-${i}`,
          reference: `arn:aws:ec2:eu-west-1:111122223333:thing/${s}-${i}`,
          description: `finding number ${i} of severity ${severity}, explained in a sentence that is long enough to wrap`,
          state: (['new', 'open', 'regressed', 'muted', 'new'] as const)[i],
        }),
      );
    }
  });
  for (const region of ['eu-west-1', 'us-east-1'])
    out.push(
      finding({
        name: 'EBS encryption by default',
        region,
        reference: `aws:111122223333:${region}:ebs`,
        check: 'aws.ec2.ebs_encryption_by_default',
      }),
    );
  out.push(
    finding({
      status: 'error',
      description: 'could not be evaluated: rds:DescribeDBInstances AccessDenied: not authorized',
      reference: 'aws:111122223333:eu-west-1:aws.rds.db_instance',
      name: 'aws.rds.db_instance in eu-west-1',
    }),
    finding({ state: 'resolved', reference: 'arn:aws:ec2:eu-west-1:111122223333:thing/gone', name: 'gone' }),
  );
  return out;
}

describe('wrapText', () => {
  it('breaks between words and keeps every line within the width', () => {
    const lines = wrapText('the root user was used recently: password used 1 day ago', 20);
    expect(lines).toEqual(['the root user was', 'used recently:', 'password used 1 day', 'ago']);
  });

  it('breaks an id only after . _ / : , = @ -, never inside a part', () => {
    const lines = wrapText(LONG_CHECK, 24);
    expect(lines.join('')).toBe(LONG_CHECK);
    for (const l of lines) {
      expect(stringWidth(l)).toBeLessThanOrEqual(24);
      expect(l).toMatch(/[._]$|alarm$/);
    }
  });

  it('cuts only a piece that has no break point and is wider than a line', () => {
    expect(wrapText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('keeps runs of spaces inside a line and the paragraph indentation', () => {
    expect(wrapText('  label     value', 40)).toEqual(['  label     value']);
  });

  it('measures wide characters by the columns they take', () => {
    for (const l of wrapText('東京 大阪 名古屋 札幌 福岡 神戸', 9))
      expect(stringWidth(l)).toBeLessThanOrEqual(9);
  });
});

describe('renderColumns', () => {
  it('colours each wrapped line on its own: no colour crosses a line break', () => {
    const red = (s: string) => `\u001b[31m${s}\u001b[39m`;
    const lines = renderColumns({
      columns: [
        { header: 'A', cell: (r: string) => r, paint: red },
        { header: 'B', cell: () => 'x' },
      ],
      rows: ['one two three four five six'],
      width: 12,
    });
    for (const l of lines.slice(1)) {
      expect(escapes(l).length % 2).toBe(0);
      expect(stringWidth(l)).toBeLessThanOrEqual(12);
    }
  });
});

describe('renderTable (the scan summary)', () => {
  const findings = estate();
  const scan = scanOf(findings, [
    {
      cloud: 'aws',
      account: '111122223333',
      region: 'eu-west-1',
      source: 'aws.rds.db_instance',
      message: 'denied',
    },
  ]);

  for (const width of [60, 80, 100, 160])
    for (const details of [false, true])
      it(`fits ${width} columns${details ? ' with --details' : ''}, colour sequences whole and closed on each line`, () => {
        const text = renderTable({ scan, findings, compliance: [], color: true, width, details });
        expect(nonColourEscapes(text)).toEqual([]);
        for (const line of text.split('\n')) {
          expect(stringWidth(line), plain(line)).toBeLessThanOrEqual(width);
          const codes = escapes(line).map((e) => e.slice(2, -1));
          const opens = codes.filter((c) => /^(1|2|3[1-7])$/.test(c)).length;
          const closes = codes.filter((c) => c === '22' || c === '39').length;
          expect(closes, plain(line)).toBeGreaterThanOrEqual(opens);
        }
      });

  it('puts a short summary first: counts, the top 10, what could not be evaluated', () => {
    const text = renderTable({ scan, findings, compliance: [], color: false, width: 80 });
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^Scan 20250301T020000000Z \(audit nightly\): 40 resources$/);
    expect(text).toMatch(/^Failing +\d+ findings: 4 critical/m);
    expect(text).toMatch(/^TOP FINDINGS: 10 of \d+ failing, most severe first$/m);
    expect(text).toMatch(/^COULD NOT EVALUATE \(1\)/m);
    expect(text).not.toMatch(/^RESOLVED/m);
    expect(text).toContain('add --details');
    // the top findings start with the most severe
    const top = lines.slice(lines.findIndex((l) => l.startsWith('ID ')) + 1);
    expect(top[0]).toMatch(/^[0-9a-f]{8} +FAIL +critical/);
  });

  it('states every finding as FAIL, COULD NOT EVALUATE or RESOLVED with --details', () => {
    const text = renderTable({ scan, findings, compliance: [], color: false, width: 120, details: true });
    expect(text).toMatch(/^FAILING FINDINGS \(\d+\)$/m);
    expect(text).toMatch(/FAIL new/);
    expect(text).toMatch(/COULD NOT EVALUATE new +high/);
    expect(text).toMatch(/^RESOLVED BY THIS SCAN \(1\)$/m);
    expect(text).toMatch(/RESOLVED +high/);
  });

  it('shows the region of rows that differ only by region', () => {
    const rows = findings.filter((f) => f.com.name === 'EBS encryption by default');
    const text = findingTable(rows, { width: 80, color: false }).join('\n');
    expect(text).toContain('(eu-west-1)');
    expect(text).toContain('(us-east-1)');
  });

  it('never counts a result that could not be evaluated, or a muted one, among the failures by severity', () => {
    const text = renderTable({ scan, findings, compliance: [], color: false, width: 200 });
    // 5 per severity, one of each is muted; the 2 EBS rows are high; the error is not counted
    expect(text).toMatch(/Failing +22 findings: 4 critical, 6 high, 4 medium, 4 low, 4 info/);
    expect(text).toMatch(/5 more muted/);
  });

  it('shows each framework family at its newest version in the summary, every version with --details', () => {
    const totals = { pass: 1, fail: 2, error: 0, manual: 0, not_applicable: 0, not_evaluated: 0 };
    const compliance = ['cis-aws-1.4', 'cis-aws-7.0', 'cis-aws-10.0', 'nist-800-53-r5', 'pci-dss-4.0'].map(
      (id) => ({ id, name: id, requirements: [], totals, coverage: 100 }),
    );
    const text = renderTable({ scan, findings, compliance, color: false, width: 100 });
    const section = text.slice(text.indexOf('COMPLIANCE'));
    expect(section).toMatch(/^cis-aws-10\.0 /m);
    expect(section).toMatch(/^nist-800-53-r5 /m);
    expect(section).toMatch(/^pci-dss-4\.0 /m);
    expect(section).not.toMatch(/^cis-aws-(1\.4|7\.0) /m);
    expect(section).toContain('2 earlier versions (cis-aws-1.4, cis-aws-7.0): add --details');
    const all = renderTable({ scan, findings, compliance, color: false, width: 100, details: true });
    for (const fw of compliance) expect(all).toMatch(new RegExp(`^${fw.id.replaceAll('.', '\\.')} `, 'm'));
  });
});
