import { describe, expect, it } from 'vitest';
import type { OrgRollup } from '../../src/core/org-posture.js';
import { renderHtmlReport } from '../../src/output/html-report.js';
import { orgRollupOf } from '../../src/output/org-report.js';
import { renderReport } from '../../src/output/render.js';
import { buildReportInput } from '../../src/output/report-input.js';
import { renderTable } from '../../src/output/table.js';
import { finding, HOSTILE_NAME, rowOf, scanSummary } from './fixtures.js';

/*
 * A report of a scan of several accounts shows posture by organisation: the tree of levels with
 * their summed live findings, and the accounts ranked by live critical then high findings,
 * named. A scan of one account has no such section.
 */

const ORG = { kind: 'organization', id: 'o-acme1', name: 'Acme' } as const;
const PROD = { kind: 'organizational_unit', id: 'ou-prod-1', name: 'Prod' } as const;
const DEV = { kind: 'organizational_unit', id: 'ou-dev-1', name: HOSTILE_NAME } as const;

function multiAccountInput() {
  const mk = (account: string, severity: 'critical' | 'high' | 'medium', i: number, state = 'new' as const) =>
    finding({
      account,
      severity,
      state,
      check: `common.bench.check_${severity}`,
      reference: `arn:aws:s3:::bucket-${account}-${i}`,
      name: `bucket-${i}`,
    });
  const findings = [
    mk('100000000001', 'high', 1),
    mk('100000000001', 'high', 2),
    mk('100000000002', 'critical', 3),
    mk('100000000003', 'medium', 4),
    // resolved and could-not-evaluate are not live findings
    finding({
      account: '100000000003',
      state: 'resolved',
      reference: 'arn:aws:s3:::gone',
      severity: 'critical',
    }),
    finding({
      account: '100000000003',
      status: 'error',
      reference: 'arn:aws:s3:::unread',
      severity: 'critical',
    }),
  ];
  return buildReportInput({
    scan: scanSummary({
      accounts: [
        { cloud: 'aws', account: '100000000001', name: 'web-prod', path: [ORG, PROD] },
        { cloud: 'aws', account: '100000000002', name: 'payments-prod', path: [ORG, PROD] },
        { cloud: 'aws', account: '100000000003', name: 'dev', path: [ORG, DEV] },
      ],
    }),
    findings,
    results: findings.map(rowOf),
    frameworks: [],
    checks: new Map(),
    tool: { name: 'Cloudward', version: '0.1.0' },
    now: new Date('2025-03-01T03:00:00.000Z'),
  });
}

describe('posture by organisation in reports', () => {
  it('ranks the accounts by live critical then high findings and sums them up the organisation', () => {
    const r = orgRollupOf(multiAccountInput())!;
    expect(r.accounts.map((a) => [a.name, a.live])).toEqual([
      ['payments-prod', 1],
      ['web-prod', 2],
      ['dev', 1],
    ]);
    expect(r.roots).toHaveLength(1);
    expect(r.roots[0]).toMatchObject({ id: 'o-acme1', name: 'Acme', live: 4, account_count: 3 });
    expect(r.roots[0]!.children.map((c) => [c.id, c.live])).toEqual([
      ['ou-prod-1', 3],
      ['ou-dev-1', 1],
    ]);
    expect(r.accounts.find((a) => a.name === 'dev')?.findings.critical).toBe(0);
  });

  it('the HTML report shows the section, names escaped; a one-account scan has none', () => {
    const html = renderHtmlReport(multiAccountInput());
    const section = /<section id="org-posture"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    expect(section).toContain('Posture by organisation');
    expect(section).toMatch(
      /<td class="num">1<\/td><td>payments-prod<br><span class="note">100000000002<\/span>/,
    );
    expect(section).toContain('Acme › Prod');
    expect(section).not.toContain(HOSTILE_NAME);
    expect(section).toContain('&lt;img src=x onerror=alert(1)&gt;');
    const one = buildReportInput({
      scan: scanSummary(),
      findings: [finding()],
      results: [rowOf(finding())],
      frameworks: [],
      checks: new Map(),
      tool: { name: 'Cloudward', version: '0.1.0' },
    });
    expect(renderHtmlReport(one)).not.toContain('id="org-posture"');
    expect(JSON.parse(renderReport('json', one).text)).not.toHaveProperty('by_organisation');
  });

  it('the JSON report carries the rollup', () => {
    const json = JSON.parse(renderReport('json', multiAccountInput()).text) as { by_organisation: OrgRollup };
    expect(json.by_organisation.totals).toMatchObject({ live: 4, accounts: 3 });
    expect(json.by_organisation.accounts[0]).toMatchObject({
      name: 'payments-prod',
      path: [ORG, PROD],
      findings: { critical: 1 },
    });
  });

  it('the terminal summary of a scan of more than 5 accounts lists the top 5, fitting its width', () => {
    const accounts = Array.from({ length: 7 }, (_, i) => ({
      cloud: 'aws',
      account: `20000000000${i}`,
      name: `team-${i}-account-with-a-long-name`,
      path: [ORG, PROD],
    }));
    const findings = accounts.flatMap((a, i) =>
      Array.from({ length: i + 1 }, (_, k) =>
        finding({
          account: a.account,
          severity: i % 2 === 0 ? 'high' : 'critical',
          reference: `arn:aws:s3:::b-${i}-${k}`,
        }),
      ),
    );
    const text = renderTable({
      scan: scanSummary({ accounts }),
      findings,
      compliance: [],
      color: false,
      width: 60,
    });
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.startsWith('TOP ACCOUNTS'));
    expect(lines[at]).toContain('TOP ACCOUNTS: 5 of 7');
    // most critical first: accounts 5, 3, 1 have 6, 4, 2 critical
    const block = lines
      .slice(at + 1, at + 16)
      .join(' ')
      .replace(/\s+/g, ' ');
    expect(lines[at + 1]).toMatch(/^1\. team-5-account-with-a-long-name/);
    expect(block).toMatch(
      /1\. team-5-account-with-a-long-name \(200000000005\): 6 critical, 0 high, 0 other · Prod 2\. team-3/,
    );
    expect(block).toMatch(
      /4\. team-6-account-with-a-long-name \(200000000006\): 0 critical, 7 high.*5\. team-4/,
    );
    expect(lines.every((l) => l.length <= 60)).toBe(true);
    const small = renderTable({
      scan: scanSummary({ accounts: accounts.slice(0, 3) }),
      findings,
      compliance: [],
      color: false,
      width: 100,
    });
    expect(small).not.toContain('TOP ACCOUNTS');
  });
});
