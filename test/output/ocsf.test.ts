import AjvModule from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import {
  OCSF_COMPLIANCE_FINDING,
  OCSF_DETECTION_FINDING,
  OCSF_VERSION,
  renderOcsf,
  toOcsfEvents,
  UNMAPPED_STANDARD,
} from '../../src/output/ocsf.js';
import { detection, HOSTILE_NAME, sampleInput } from './fixtures.js';
import { complianceFindingSchema, detectionFindingSchema } from './ocsf-schema.js';

const ajv = new AjvModule.default({ allErrors: true, strict: true, strictRequired: false });
addFormatsModule.default(ajv);
const validateCompliance = ajv.compile(complianceFindingSchema);
const validateDetection = ajv.compile(detectionFindingSchema);

function validate(e: Record<string, unknown>): string[] {
  const v = dig(e, 'class_uid') === OCSF_DETECTION_FINDING ? validateDetection : validateCompliance;
  if (v(e)) return [];
  return (v.errors ?? []).map((x) => `${x.instancePath} ${x.message}`);
}

type Ev = Record<string, unknown>;

/** The value at a dotted path ("resources.0.name") of a parsed event. */
function dig(o: unknown, path: string): unknown {
  let cur: unknown = o;
  for (const k of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

describe('OCSF export', () => {
  const input = sampleInput();
  const events = JSON.parse(renderOcsf(input)) as Ev[];

  it('is a JSON array of events that validate against the OCSF 1.3.0 class schemas', () => {
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) expect(validate(e), JSON.stringify(e).slice(0, 200)).toEqual([]);
    for (const e of events) {
      expect(dig(e, 'type_uid')).toBe(Number(dig(e, 'class_uid')) * 100 + Number(dig(e, 'activity_id')));
      expect(dig(e, 'metadata.version')).toBe(OCSF_VERSION);
    }
  });

  it('maps every check result to a Compliance Finding and the detection to a Detection Finding', () => {
    const compliance = events.filter((e) => dig(e, 'class_uid') === OCSF_COMPLIANCE_FINDING);
    const detections = events.filter((e) => dig(e, 'class_uid') === OCSF_DETECTION_FINDING);
    expect(compliance).toHaveLength(input.results.length);
    expect(detections).toHaveLength(1);
    const byStatus = (s: string) => compliance.filter((e) => dig(e, 'compliance.status_code') === s);
    expect(byStatus('fail').every((e) => dig(e, 'compliance.status_id') === 3)).toBe(true);
    expect(dig(byStatus('error')[0], 'compliance.status_id')).toBe(2);
    // could not evaluate is no problem found: never counted among high and critical findings
    expect(dig(byStatus('error')[0], 'severity_id')).toBe(1);
    expect(dig(byStatus('error')[0], 'unmapped.cloudward.check_severity')).toBe('medium');
    expect(byStatus('pass').every((e) => dig(e, 'compliance.status_id') === 1)).toBe(true);
    expect(dig(byStatus('not_applicable')[0], 'compliance.status_id')).toBe(99);
  });

  it('carries the resource, cloud account, compliance requirements, remediation and lifecycle', () => {
    const hostile = events.find((e) => dig(e, 'resources.0.name') === HOSTILE_NAME);
    expect(hostile).toBeDefined();
    expect(dig(hostile, 'cloud')).toEqual({
      provider: 'AWS',
      region: 'eu-west-1',
      account: { uid: '111122223333', type_id: 10, type: 'AWS Account' },
    });
    expect(dig(hostile, 'compliance.standards')).toEqual(['cloudward-baseline-1.0']);
    expect(dig(hostile, 'compliance.requirements')).toEqual(['cloudward-baseline-1.0:1.1']);
    expect(dig(hostile, 'resources.0.labels')).toContain('"><script>="><script>alert(2)</script>');
    expect(dig(hostile, 'resources.0.cloud_partition')).toBe('aws');
    expect(dig(hostile, 'remediation.references.0')).toMatch(/^https:/);
    expect(dig(hostile, 'activity_id')).toBe(1);
    expect(dig(hostile, 'status_id')).toBe(1);
    const muted = events.find((e) => dig(e, 'unmapped.cloudward.state') === 'muted');
    expect(dig(muted, 'status_id')).toBe(3);
    expect(dig(muted, 'activity_id')).toBe(2);
    const resolved = events.find((e) => dig(e, 'unmapped.cloudward.state') === 'resolved');
    expect(dig(resolved, 'activity_id')).toBe(3);
    expect(dig(resolved, 'status_id')).toBe(4);
    expect(dig(resolved, 'compliance.status_id')).toBe(1);
    const azure = events.find((e) => dig(e, 'cloud.provider') === 'Azure');
    expect(dig(azure, 'cloud.account.type_id')).toBe(13);
    // a pass result has no finding lifecycle but its standard comes from the frameworks
    const pass = events.find(
      (e) =>
        dig(e, 'compliance.status_code') === 'pass' &&
        dig(e, 'compliance.control') === 'common.database.tls_enforced',
    );
    expect(dig(pass, 'status_id')).toBeUndefined();
    expect(dig(pass, 'compliance.requirements')).toEqual(['test-bench-1.0:2.1']);
  });

  it('maps a detection record to a Detection Finding with its rule, actor, API call and source IP', () => {
    const d = events.find((e) => dig(e, 'class_uid') === OCSF_DETECTION_FINDING);
    expect(dig(d, 'finding_info.analytic')).toEqual({
      uid: '5f3c1c1e-2b7a-4e59-9a55-0c1d2e3f4a5b',
      name: 'CloudTrail logging stopped or deleted',
      type_id: 1,
      type: 'Rule',
    });
    expect(dig(d, 'time')).toBe(Date.parse('2025-03-01T01:58:30.000Z'));
    expect(dig(d, 'evidences.0.actor.user.name')).toBe('arn:aws:iam::111122223333:user/mallory');
    expect(dig(d, 'evidences.0.api.operation')).toBe('StopLogging');
    expect(dig(d, 'evidences.0.src_endpoint.ip')).toBe('203.0.113.7');
    expect(dig(d, 'type_uid')).toBe(200401);
    expect(dig(d, 'resources.0.uid')).toBe('arn:aws:cloudtrail:eu-west-1:111122223333:trail/org-trail');
  });

  it('a detection without actor or IP still validates (evidence data only)', () => {
    const only = { ...sampleInput(), findings: [detection({ actor: '', sourceIp: '' })], results: [] };
    const [d] = toOcsfEvents(only);
    expect(dig(d, 'evidences')).toEqual([
      { api: { operation: 'StopLogging', service: { name: 'cloudtrail' } }, data: expect.anything() },
    ]);
    expect(validate(d as Ev)).toEqual([]);
  });

  it('a check no framework maps gets the cloudward-checks standard', () => {
    const base = sampleInput();
    const row = {
      ...base.results[0]!,
      check_id: 'common.logging.retention_at_least_365_days',
      finding_id: 'ab'.repeat(8),
    };
    const [e] = toOcsfEvents({ ...base, findings: [], results: [row] });
    expect(dig(e, 'compliance.standards')).toEqual([UNMAPPED_STANDARD]);
    expect(validate(e as Ev)).toEqual([]);
  });

  it('the schemas reject events missing required attributes or with wrong types', () => {
    const good = events[0] as Ev;
    const drop = (k: string) => Object.fromEntries(Object.entries(good).filter(([key]) => key !== k));
    expect(validate(drop('finding_info'))).not.toEqual([]);
    expect(validate(drop('compliance'))).not.toEqual([]);
    expect(validate(drop('metadata'))).not.toEqual([]);
    expect(validate({ ...good, time: '2025-01-01' })).not.toEqual([]);
    expect(validate({ ...good, severity_id: 7 })).not.toEqual([]);
    expect(
      validate({ ...good, compliance: { ...(dig(good, 'compliance') as object), standards: [] } }),
    ).not.toEqual([]);
    expect(validate({ ...good, made_up: 1 })).not.toEqual([]);
    const det = events.find((e) => dig(e, 'class_uid') === OCSF_DETECTION_FINDING) as Ev;
    expect(validate({ ...det, evidences: [{}] })).not.toEqual([]);
    expect(
      validate({
        ...det,
        finding_info: { ...(dig(det, 'finding_info') as object), analytic: { name: 'x' } },
      }),
    ).not.toEqual([]);
    expect(validate({ ...det, evidences: [{ src_endpoint: { ip: 'not an ip' } }] })).not.toEqual([]);
  });

  it('an empty scan is an empty array', () => {
    expect(renderOcsf({ ...sampleInput(), findings: [], results: [] })).toBe('[]\n');
  });
});
