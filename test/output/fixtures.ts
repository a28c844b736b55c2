import { findingId } from '../../src/core/ids.js';
import { type FindingRecord, type FindingState, findingRecordSchema } from '../../src/core/record.js';
import type { Severity } from '../../src/core/severity.js';
import type { Framework } from '../../src/frameworks/framework.js';
import type { CheckInfo, ReportInput } from '../../src/output/report-data.js';
import { buildReportInput } from '../../src/output/report-input.js';
import type { ResultRow, ScanSummary } from '../../src/store/store.js';

/* Report test data written for these tests; every finding passes the core zod schema. */

export const HOSTILE_NAME = '<img src=x onerror=alert(1)>';
export const HOSTILE_TAG = '"><script>';
export const HOSTILE_TAG_VALUE = '"><script>alert(2)</script>';
export const HOSTILE_DESCRIPTION = 'bad </script><script>alert(3)</script> <!-- \u2028 \u2029 & done';

export const SCAN_ID = '20250301T020000000Z';
export const STARTED = '2025-03-01T02:00:00.000Z';

export interface FindingOpts {
  check?: string;
  title?: string;
  reference?: string;
  name?: string;
  cloud?: 'aws' | 'azure' | 'gcp' | 'demo';
  account?: string;
  region?: string;
  severity?: Severity;
  state?: FindingState;
  status?: 'fail' | 'error';
  description?: string;
  tags?: Record<string, string>;
  evidence?: unknown;
  compliance?: string[];
  resourceType?: string;
  muted?: { owner: string; reason: string; expires_at: string | null };
}

export function finding(o: FindingOpts = {}): FindingRecord {
  const check = o.check ?? 'common.network.no_sensitive_port_open_to_internet';
  const reference =
    o.reference ?? 'arn:aws:ec2:eu-west-1:111122223333:security-group/sg-1#inbound/tcp:22/0.0.0.0/0';
  const rec: FindingRecord = {
    raw: { evidence: o.evidence ?? { source_addresses: ['0.0.0.0/0'], destination_ports: ['22'] } },
    ext: {
      record_type: 'finding',
      check_id: check,
      check_title: o.title ?? 'Firewall rules do not expose administrative ports',
      resource_record_type: o.resourceType ?? 'aws.ec2.security_group_rule',
      ...(o.muted ? { muted: o.muted } : {}),
    },
    com: {
      cloud_type: o.cloud ?? 'aws',
      record_type: 'firewall_rule_event',
      reference,
      name: o.name ?? 'bastion ssh',
      account: o.account ?? '111122223333',
      region: o.region ?? 'eu-west-1',
      service: 'ec2',
      tags: o.tags ?? { team: 'platform' },
      description: o.description ?? 'open to 0.0.0.0/0 on port(s) 22',
      recommendation: 'Restrict the rule to the addresses that need access.',
      severity: o.severity ?? 'high',
      status: o.status ?? 'fail',
      compliance: o.compliance ?? ['cloudward-baseline-1.0:1.1'],
      finding_id: findingId(check, reference),
      state: o.state ?? 'new',
      first_seen: '2025-02-01T02:00:00.000Z',
      last_seen: STARTED,
      audit_key: 'nightly',
      audit_version: SCAN_ID,
      origin_key: check,
      origin_class: 'check',
      origin_type: 'check',
    },
  };
  return findingRecordSchema.parse(rec);
}

/**
 * A detection record as the detection module is to produce it: com.origin_type "detection",
 * the Sigma rule's id and title in ext, the event's time / actor / source_ip / action in com.
 */
export function detection(
  o: { state?: FindingState; actor?: string; sourceIp?: string } = {},
): FindingRecord {
  const ruleId = '5f3c1c1e-2b7a-4e59-9a55-0c1d2e3f4a5b';
  const reference = 'arn:aws:cloudtrail:eu-west-1:111122223333:trail/org-trail';
  const rec = {
    raw: {
      evidence: { eventName: 'StopLogging', eventSource: 'cloudtrail.amazonaws.com', eventID: 'e-1' },
    },
    ext: {
      record_type: 'detection',
      check_id: ruleId,
      check_title: 'CloudTrail logging stopped or deleted',
      resource_record_type: 'aws.cloudtrail.trail',
      rule_id: ruleId,
      rule_title: 'CloudTrail logging stopped or deleted',
      tags: ['attack.defense_evasion', 'attack.t1562.008'],
    },
    com: {
      cloud_type: 'aws',
      record_type: 'cloudtrail_logging_stopped_event',
      reference,
      name: 'org-trail',
      account: '111122223333',
      region: 'eu-west-1',
      service: 'cloudtrail',
      tags: {},
      description: 'StopLogging on org-trail by arn:aws:iam::111122223333:user/mallory',
      recommendation: 'Turn logging back on and find out who stopped it and why.',
      severity: 'high',
      status: 'fail',
      compliance: [],
      finding_id: findingId(ruleId, reference),
      state: o.state ?? 'new',
      first_seen: '2025-03-01T01:59:00.000Z',
      last_seen: '2025-03-01T01:59:00.000Z',
      audit_key: 'nightly',
      origin_key: ruleId,
      origin_class: 'sigma',
      origin_type: 'detection',
      time: '2025-03-01T01:58:30.000Z',
      actor: o.actor ?? 'arn:aws:iam::111122223333:user/mallory',
      source_ip: o.sourceIp ?? '203.0.113.7',
      action: 'StopLogging',
      outcome: 'success',
    },
  };
  return findingRecordSchema.parse(rec);
}

export function rowOf(f: FindingRecord): ResultRow {
  return {
    finding_id: f.com.finding_id,
    check_id: f.ext.check_id,
    reference: f.com.reference,
    resource_name: f.com.name,
    cloud: f.com.cloud_type,
    account: f.com.account,
    region: f.com.region,
    status: f.com.state === 'resolved' ? 'pass' : f.com.status,
    severity: f.com.severity,
    message: f.com.description,
  };
}

export function passRow(check: string, reference: string, status: ResultRow['status'] = 'pass'): ResultRow {
  return {
    finding_id: findingId(check, reference),
    check_id: check,
    reference,
    resource_name: reference.split('/').at(-1) ?? reference,
    cloud: 'aws',
    account: '111122223333',
    region: 'eu-west-1',
    status,
    severity: 'high',
    message: status === 'pass' ? 'compliant' : `${status}: no such resource`,
  };
}

export function scanSummary(o: Partial<ScanSummary> = {}): ScanSummary {
  return {
    id: SCAN_ID,
    audit_key: 'nightly',
    label: null,
    started_at: STARTED,
    finished_at: '2025-03-01T02:00:09.500Z',
    status: 'complete',
    counts: {
      resources: 10,
      results: { pass: 3, fail: 2, error: 1, manual: 0, not_applicable: 1 },
      findings: { new: 3 },
    },
    errors: [
      {
        cloud: 'aws',
        account: '444455556666',
        region: 'eu-west-1',
        source: 'aws.rds.db_instance',
        message: 'AccessDenied <b>not bold</b>',
      },
    ],
    ...o,
  };
}

export const FRAMEWORK: Framework = {
  file: 'test-framework.yaml',
  id: 'test-bench-1.0',
  name: 'Test benchmark',
  version: '1.0',
  sections: [
    { id: '1', title: 'Network' },
    { id: '2', title: 'Data <protection>' },
  ],
  requirements: [
    {
      id: '1.1',
      section: '1',
      title: 'No admin port open',
      checks: ['common.network.no_sensitive_port_open_to_internet'],
    },
    { id: '1.2', section: '1', title: 'Reviewed quarterly', manual: true },
    { id: '2.1', section: '2', title: 'Databases use TLS', checks: ['common.database.tls_enforced'] },
    { id: '2.2', section: '2', title: 'Disks encrypted', checks: ['common.compute.os_disk_encrypted'] },
    { id: '2.3', section: '2', title: 'Not run', checks: ['common.web.min_tls_version'] },
  ],
};

export const CHECKS: CheckInfo[] = [
  {
    id: 'common.network.no_sensitive_port_open_to_internet',
    title: 'Firewall rules do not expose administrative ports',
    severity: 'high',
    description: 'An inbound rule open to the internet on an admin port.',
    risk: 'Brute force.',
    remediation: { text: 'Restrict the rule.', cli: 'aws ec2 revoke-security-group-ingress --group-id {id}' },
    references: [
      'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
      'javascript:alert(4)',
    ],
  },
];

/**
 * A small scan: a hostile firewall finding, an errored database finding, a muted one, a resolved
 * one, an Azure one, a detection, and pass / not applicable results.
 */
export function sampleInput(extra: { findings?: FindingRecord[] } = {}): ReportInput {
  const hostile = finding({
    name: HOSTILE_NAME,
    tags: { [HOSTILE_TAG]: HOSTILE_TAG_VALUE, team: 'platform' },
    description: HOSTILE_DESCRIPTION,
    evidence: { note: '</script><!--', name: HOSTILE_NAME },
  });
  const errored = finding({
    check: 'common.database.tls_enforced',
    title: 'Database servers refuse connections without TLS',
    reference: 'aws:444455556666:eu-west-1:aws.rds.db_instance',
    name: 'rdbms in eu-west-1',
    account: '444455556666',
    status: 'error',
    severity: 'medium',
    description: 'could not be evaluated: AccessDenied',
    compliance: ['test-bench-1.0:2.1'],
    resourceType: 'aws.rds.db_instance',
  });
  const muted = finding({
    reference: 'arn:aws:ec2:eu-west-1:111122223333:security-group/sg-2#inbound/tcp:3389/0.0.0.0/0',
    name: 'rdp',
    state: 'muted',
    muted: { owner: 'alice', reason: 'bastion being replaced', expires_at: '2025-04-01T00:00:00.000Z' },
  });
  const resolved = finding({
    check: 'common.compute.os_disk_encrypted',
    title: 'OS disks are encrypted',
    reference: 'arn:aws:ec2:eu-west-1:111122223333:instance/i-1',
    name: 'legacy-batch',
    state: 'resolved',
    severity: 'medium',
    compliance: ['test-bench-1.0:2.2'],
    resourceType: 'aws.ec2.instance',
  });
  const azure = finding({
    cloud: 'azure',
    account: '0d3e0000-0000-4000-8000-000000000001',
    region: 'eastus',
    reference: '/subscriptions/0d3e0000-0000-4000-8000-000000000001/nsg/web/rules/ssh',
    name: 'web-nsg/allow-ssh',
    state: 'open',
  });
  const findings = [hostile, errored, muted, resolved, azure, detection(), ...(extra.findings ?? [])];
  const results: ResultRow[] = [
    ...findings.filter((f) => f.com.origin_type !== 'detection').map(rowOf),
    passRow(
      'common.network.no_sensitive_port_open_to_internet',
      'arn:aws:ec2:eu-west-1:111122223333:security-group/sg-3',
    ),
    passRow('common.database.tls_enforced', 'arn:aws:rds:eu-west-1:111122223333:db:orders'),
    passRow(
      'common.network.no_sensitive_port_open_to_internet',
      'arn:aws:ec2:eu-west-1:111122223333:security-group/sg-4',
      'not_applicable',
    ),
  ];
  return buildReportInput({
    scan: scanSummary(),
    findings,
    results,
    frameworks: [FRAMEWORK],
    checks: new Map(CHECKS.map((c) => [c.id, c])),
    tool: { name: 'Cloudward', version: '0.1.0' },
    now: new Date('2025-03-01T03:00:00.000Z'),
  });
}

/** n synthetic findings across clouds, severities and states (for the large-report tests and bench). */
export function manyFindings(n: number): FindingRecord[] {
  const sev: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
  const states: FindingState[] = ['new', 'open', 'regressed', 'muted', 'resolved'];
  const clouds = ['aws', 'azure', 'gcp'] as const;
  const checks = [
    'common.network.no_sensitive_port_open_to_internet',
    'common.database.tls_enforced',
    'common.compute.os_disk_encrypted',
  ];
  const out: FindingRecord[] = [];
  for (let i = 0; i < n; i++) {
    const check = checks[i % checks.length] ?? '';
    const reference = `arn:aws:ec2:eu-west-1:${100000000000 + (i % 50)}:resource/r-${i}`;
    out.push({
      raw: { evidence: { port: 22 + (i % 7), cidr: '0.0.0.0/0' } },
      ext: {
        record_type: 'finding',
        check_id: check,
        check_title: `Check ${check}`,
        resource_record_type: 'aws.ec2.instance',
      },
      com: {
        cloud_type: clouds[i % 3] ?? 'aws',
        record_type: 'compute_event',
        reference,
        name: `resource-${i}`,
        account: String(100000000000 + (i % 50)),
        region: ['eu-west-1', 'us-east-1', 'ap-south-1'][i % 3] ?? 'eu-west-1',
        service: 'ec2',
        tags: { team: `team-${i % 10}` },
        description: `resource-${i} fails ${check}`,
        recommendation: 'Fix it.',
        severity: sev[i % 5] ?? 'low',
        status: i % 17 === 0 ? 'error' : 'fail',
        compliance: ['test-bench-1.0:1.1'],
        finding_id: findingId(check, reference),
        state: states[i % 5] ?? 'new',
        first_seen: '2025-02-01T02:00:00.000Z',
        last_seen: STARTED,
        audit_key: 'nightly',
        origin_key: check,
        origin_type: 'check',
      },
    });
  }
  return out;
}
