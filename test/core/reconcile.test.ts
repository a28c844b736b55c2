import { describe, expect, it } from 'vitest';
import { reconcile, scopeKey } from '../../src/core/reconcile.js';
import type { FindingRecord } from '../../src/core/record.js';
import type { FindingLife } from '../../src/store/store.js';

const finding = (id: string, region = 'us-east-1'): FindingRecord => ({
  raw: {},
  ext: { record_type: 'finding', check_id: 'common.x.y', check_title: 'T', resource_record_type: 'aws.t' },
  com: {
    cloud_type: 'aws',
    record_type: 'x_event',
    reference: `ref-${id}`,
    name: id,
    account: '1',
    region,
    service: 's',
    tags: {},
    description: 'd',
    recommendation: 'r',
    severity: 'high',
    status: 'fail',
    compliance: [],
    finding_id: id.padEnd(16, '0'),
    state: 'new',
    first_seen: 'T0',
    last_seen: 'T0',
    origin_key: 'common.x.y',
    origin_type: 'check',
  },
});
const life = (id: string, state: FindingLife['state'], region = 'us-east-1'): FindingLife => ({
  finding_id: id.padEnd(16, '0'),
  audit_key: 'a',
  check_id: 'common.x.y',
  reference: `ref-${id}`,
  state,
  first_seen: 'T0',
  last_seen: 'T0',
  resolved_at: state === 'resolved' ? 'T0' : null,
  record: finding(id, region),
});
const base = {
  auditKey: 'a',
  scanId: 's2',
  now: 'T1',
  passed: new Set<string>(),
  cleanScopes: new Set<string>(),
  mutes: new Map(),
};

describe('finding lifecycle', () => {
  it('a first sighting is new, a second is open, keeping first_seen', () => {
    const first = reconcile({ ...base, previous: new Map(), current: [finding('a')] });
    expect(first.findings[0]?.com.state).toBe('new');
    expect(first.events.map((e) => e.state)).toEqual(['new']);
    const prev = new Map([[life('a', 'new').finding_id, life('a', 'new')]]);
    const second = reconcile({ ...base, previous: prev, current: [finding('a')] });
    expect(second.findings[0]?.com.state).toBe('open');
    expect(second.findings[0]?.com.first_seen).toBe('T0');
    expect(second.findings[0]?.com.last_seen).toBe('T1');
    expect(second.events).toEqual([]);
  });

  it('a resolved finding that comes back is regressed', () => {
    const prev = new Map([[life('a', 'resolved').finding_id, life('a', 'resolved')]]);
    const r = reconcile({ ...base, previous: prev, current: [finding('a')] });
    expect(r.findings[0]?.com.state).toBe('regressed');
    expect(r.lives[0]?.resolved_at).toBeNull();
  });

  it('resolves a finding whose check passed, or whose scope was evaluated cleanly', () => {
    const prev = new Map([
      [life('a', 'open').finding_id, life('a', 'open')],
      [life('b', 'open', 'eu-west-1').finding_id, life('b', 'open', 'eu-west-1')],
    ]);
    const r = reconcile({
      ...base,
      previous: prev,
      current: [],
      passed: new Set([life('a', 'open').finding_id]),
      cleanScopes: new Set([scopeKey('common.x.y', '1', 'eu-west-1')]),
    });
    expect(r.findings.map((f) => [f.com.name, f.com.state])).toEqual([
      ['a', 'resolved'],
      ['b', 'resolved'],
    ]);
    expect(r.lives.every((l) => l.resolved_at === 'T1')).toBe(true);
  });

  it('never resolves a finding whose data could not be read (no pass, scope not clean)', () => {
    const prev = new Map([[life('a', 'open').finding_id, life('a', 'open')]]);
    const r = reconcile({ ...base, previous: prev, current: [] });
    expect(r.findings).toEqual([]);
    expect(r.lives).toEqual([]);
  });

  it('shows muted findings as muted but keeps their real state in the life', () => {
    const id = life('a', 'open').finding_id;
    const mutes = new Map([
      [id, { finding_id: id, owner: 'ana', reason: 'accepted', created_at: 'T0', expires_at: null }],
    ]);
    const r = reconcile({
      ...base,
      previous: new Map([[id, life('a', 'open')]]),
      current: [finding('a')],
      mutes,
    });
    expect(r.findings[0]?.com.state).toBe('muted');
    expect(r.findings[0]?.ext.muted?.owner).toBe('ana');
    expect(r.lives[0]?.state).toBe('open');
  });
});
