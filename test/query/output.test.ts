import { describe, expect, it } from 'vitest';
import { fitColumns, formatResult } from '../../src/query/output.js';

describe('query table output', () => {
  it('keeps natural widths when they fit and cuts the widest to one cap when not', () => {
    expect(fitColumns([5, 10], 80)).toEqual([5, 10]);
    // 80 - 1 - 3*3 = 70 characters for the cells
    expect(fitColumns([8, 100, 100], 80)).toEqual([8, 31, 31]);
    expect(fitColumns([40, 40, 40], 80).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(70);
  });

  it('never draws a line wider than the width, cutting cells with an ellipsis', () => {
    const long = 'x'.repeat(300);
    const text = formatResult(
      {
        columns: [
          { name: 'a', type: '' },
          { name: 'b', type: '' },
        ],
        rows: [{ a: long, b: { nested: long } }],
      },
      'table',
      60,
    );
    for (const line of text.trimEnd().split('\n')) expect(line.length).toBeLessThanOrEqual(60);
    expect(text).toContain('x…');
  });
});
