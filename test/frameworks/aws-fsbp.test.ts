import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { loadFrameworks, validateFramework } from '../../src/frameworks/framework.js';

const fsbp = loadFrameworks().find((f) => f.id === 'aws-fsbp');
const checks = new Map(ALL_CHECKS.map((c) => [c.id, c]));

describe('aws-fsbp (AWS Foundational Security Best Practices)', () => {
  it('is bundled, loads and validates: every mapped check exists', () => {
    expect(fsbp).toBeDefined();
    if (!fsbp) return;
    expect(validateFramework(fsbp, new Set(checks.keys()))).toEqual([]);
  });

  it('uses Security Hub control ids (<Service>.<n>), each under its service, in control order', () => {
    const reqs = fsbp?.requirements ?? [];
    const order = (fsbp?.sections ?? []).map((s) => s.id);
    for (const r of reqs) {
      const m = /^([A-Za-z0-9]+)\.(\d+)$/.exec(r.id);
      expect(m, r.id).not.toBeNull();
      expect(r.section, r.id).toBe(m?.[1]);
    }
    const key = (id: string) => {
      const [s = '', n = '0'] = id.split('.');
      return [order.indexOf(s), Number(n)] as const;
    };
    const sorted = [...reqs].sort((a, b) => {
      const [as, an] = key(a.id);
      const [bs, bn] = key(b.id);
      return as - bs || an - bn;
    });
    expect(reqs.map((r) => r.id)).toEqual(sorted.map((r) => r.id));
  });

  it('maps AWS checks, or cross-cloud checks that evaluate AWS resources, only', () => {
    for (const r of fsbp?.requirements ?? [])
      for (const id of r.checks ?? [])
        expect(id.startsWith('aws.') || id.startsWith('common.'), `${r.id}: ${id}`).toBe(true);
  });
});
