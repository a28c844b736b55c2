import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/core/duration.js';

describe('parseDuration', () => {
  it.each([
    ['90s', 90_000],
    ['15m', 900_000],
    ['1h', 3_600_000],
    ['7d', 604_800_000],
    ['2w', 1_209_600_000],
    [' 5 m ', 300_000],
    ['0s', 0],
  ])('%s is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', 'm', '1', '1.5h', '-1h', '1y', '1H', '1 hour', '1h30m'])('refuses %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it('accepts only the units the caller allows', () => {
    expect(parseDuration('2w', ['s', 'm', 'h', 'd'])).toBeUndefined();
    expect(parseDuration('30s', ['m', 'h', 'd', 'w'])).toBeUndefined();
    expect(parseDuration('30m', ['m', 'h', 'd', 'w'])).toBe(1_800_000);
  });
});
