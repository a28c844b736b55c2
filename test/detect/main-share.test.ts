import { describe, expect, it } from 'vitest';
import { MainShare } from '../../src/detect/main-share.js';

/** Which of the next `n` files the main thread reads (their positions). */
function mainFiles(share: MainShare, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (share.nextIsMain()) out.push(i);
  return out;
}

describe('MainShare', () => {
  it('reads the first file on the main thread, then as many files as each worker until it has measures', () => {
    expect(mainFiles(new MainShare(2), 9)).toEqual([0, 3, 6]);
    expect(mainFiles(new MainShare(1), 6)).toEqual([0, 2, 4]);
  });

  it('reads every file on the main thread when there is no worker', () => {
    const share = new MainShare(0);
    share.observe('self', 1000, 5);
    expect(mainFiles(share, 4)).toEqual([0, 1, 2, 3]);
  });

  it('takes the share that keeps the main thread as busy as the workers', () => {
    // reading a byte costs the main thread 10, finishing a worker's byte 2, a worker 10: with one worker,
    // s * 10 + (1 - s) * 2 = (1 - s) * 10 at s = 8 / 18
    const share = new MainShare(1);
    share.observe('self', 1000, 10_000);
    share.observe('finish', 1000, 2_000);
    share.observe('worker', 2000, 20_000);
    expect(share.value).toBeCloseTo(8 / 18, 6);
    mainFiles(share, 1);
    expect(mainFiles(share, 18)).toHaveLength(8);
    // two workers each read at twice the pace: the main thread reads fewer
    const two = new MainShare(2);
    two.observe('self', 1000, 10_000);
    two.observe('finish', 1000, 2_000);
    two.observe('worker', 1000, 10_000);
    expect(two.value).toBeCloseTo(3 / 13, 6);
  });

  it('reads nothing itself while finishing the workers’ files keeps it busier than they are', () => {
    // a rule set that makes nearly every event a finding: finishing costs the main thread what a worker's
    // reading does
    const share = new MainShare(2);
    share.observe('self', 1000, 9_000);
    share.observe('finish', 1000, 7_000);
    share.observe('worker', 1000, 10_000);
    expect(share.value).toBe(0);
    mainFiles(share, 1);
    expect(mainFiles(share, 10)).toEqual([]);
    // the files change (fewer findings): the measures follow, and it reads again
    for (let i = 0; i < 10; i++) share.observe('finish', 1000, 1_000);
    expect(share.value).toBeGreaterThan(0.2);
  });

  it('weighs new measures in gradually and ignores what cannot be a time', () => {
    const share = new MainShare(1);
    share.observe('self', 1000, 10_000);
    share.observe('finish', 1000, 2_000);
    share.observe('worker', 1000, 10_000);
    const before = share.value;
    share.observe('worker', 1000, Number.NaN);
    share.observe('worker', 1000, -1);
    expect(share.value).toBe(before);
    // one slow file moves the share, without taking it all the way
    share.observe('worker', 1000, 100_000);
    expect(share.value).toBeGreaterThan(before);
    expect(share.value).toBeLessThan(0.9);
    // an empty file counts as one byte
    share.observe('self', 0, 1);
    expect(Number.isFinite(share.value)).toBe(true);
  });
});
