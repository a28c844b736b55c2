import { describe, expect, it } from 'vitest';
import { applyRechecks } from '../../src/store/current-state.js';
import type { ResultRow } from '../../src/store/store.js';

const row = (check: string, finding: string, status: ResultRow['status']): ResultRow => ({
  finding_id: finding,
  check_id: check,
  reference: `arn:aws:ec2:us-east-1:111122223333:security-group/${finding}`,
  resource_name: finding,
  cloud: 'aws',
  account: '111122223333',
  region: 'us-east-1',
  status,
  severity: 'high',
  message: status,
});

describe('applyRechecks', () => {
  it('replaces each check on each resource, also when several checks share one finding (one exposure)', () => {
    const base = [
      row('common.port', 'f1', 'fail'),
      row('aws.cis_22', 'f1', 'fail'),
      row('common.port', 'f2', 'pass'),
    ];
    const merged = applyRechecks(base, ['r1'], [[row('aws.cis_22', 'f1', 'pass')]], new Map());
    expect(merged.map((r) => [r.check_id, r.finding_id, r.status])).toEqual([
      ['common.port', 'f1', 'fail'],
      ['common.port', 'f2', 'pass'],
      ['aws.cis_22', 'f1', 'pass'],
    ]);
  });

  it('drops every row of a finding a re-check resolved without a row of its own (the resource is gone)', () => {
    const base = [
      row('common.port', 'f1', 'fail'),
      row('aws.cis_22', 'f1', 'fail'),
      row('common.port', 'f2', 'fail'),
    ];
    const merged = applyRechecks(
      base,
      ['r1', 'r2'],
      [[], [row('common.port', 'f1', 'fail')]],
      new Map([['r1', new Set(['f1'])]]),
    );
    // r1 found f1's resource gone; r2 saw it again
    expect(merged.map((r) => [r.check_id, r.finding_id])).toEqual([
      ['common.port', 'f2'],
      ['common.port', 'f1'],
    ]);
  });
});
