import { describe, expect, it } from 'vitest';
import { accountLabel, distinctLabels, niceTicks, shorten, tickLabel } from '../../web/src/labels.js';

describe('dashboard labels', () => {
  it('cut long text in the middle, keeping both ends', () => {
    expect(shorten('short', 10)).toBe('short');
    const cut = shorten('arn:aws:iam::111122223333:role/OrganizationAccountAccessRole', 24);
    expect([...cut]).toHaveLength(24);
    expect(cut.startsWith('arn:aws:iam:')).toBe(true);
    expect(cut.endsWith('AccessRole')).toBe(true);
    expect(cut).toContain('…');
  });

  it('never collapse keys that share a long prefix and a long suffix into the same label', () => {
    const keys = [
      '0d3e0000-0000-4000-8000-000000000001-subscription-prod',
      '0d3e0000-0000-4000-8000-000000000002-subscription-prod',
      'arn:aws:iam::111122223333:role/service-role/cloudward-audit-reader-eu-west-1',
      'arn:aws:iam::111122223333:role/service-role/cloudward-audit-reader-us-east-1',
      'short',
    ];
    const labels = distinctLabels(keys, 20);
    expect(new Set(labels).size).toBe(keys.length);
    // what a cut at the end would have done
    expect(new Set(keys.map((k) => k.slice(0, 19))).size).toBeLessThan(keys.length);
    expect(labels[4]).toBe('short');
    for (const [i, l] of labels.entries()) expect(l === keys[i] || l.includes('…')).toBe(true);
  });

  it('keep equal keys equal, and give up cutting only when nothing else tells them apart', () => {
    expect(distinctLabels(['same', 'same'], 10)).toEqual(['same', 'same']);
    const keys = ['aaaaaaaaaaaaaaaaaaaaXbbbbbbbbbbbbbbbbbbbb', 'aaaaaaaaaaaaaaaaaaaaYbbbbbbbbbbbbbbbbbbbb'];
    const labels = distinctLabels(keys, 12);
    expect(labels[0]).not.toBe(labels[1]);
  });

  it('name an account by its name and id where it has a name', () => {
    expect(accountLabel('111122223333', 'acme-prod')).toBe('acme-prod (111122223333)');
    expect(accountLabel('111122223333')).toBe('111122223333');
    expect(accountLabel('cloudward-demo', 'cloudward-demo')).toBe('cloudward-demo');
  });

  it('put round y-axis ticks from 0 to at least the largest value', () => {
    expect(niceTicks(100)).toEqual([0, 25, 50, 75, 100]);
    expect(niceTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(1)).toEqual([0, 1]);
    expect(niceTicks(0)).toEqual([0, 1]);
    const big = niceTicks(95_000);
    expect(big[0]).toBe(0);
    expect(big.at(-1)).toBeGreaterThanOrEqual(95_000);
    expect(big.length).toBeLessThanOrEqual(6);
    expect(tickLabel(25_000)).toBe('25k');
    expect(tickLabel(2_500_000)).toBe('2.5M');
    expect(tickLabel(1200)).toBe('1200');
  });
});
