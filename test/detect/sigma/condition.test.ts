import { describe, expect, it } from 'vitest';
import { expandPattern, parseCondition } from '../../../src/detect/sigma/condition.js';
import { SigmaRuleError } from '../../../src/detect/sigma/types.js';

describe('condition parser', () => {
  it('gives not precedence over and, and and over or', () => {
    expect(parseCondition('a or b and not c')).toEqual({
      type: 'or',
      items: [
        { type: 'ref', name: 'a' },
        {
          type: 'and',
          items: [
            { type: 'ref', name: 'b' },
            { type: 'not', item: { type: 'ref', name: 'c' } },
          ],
        },
      ],
    });
  });

  it('honours parentheses', () => {
    expect(parseCondition('(a or b) and c')).toEqual({
      type: 'and',
      items: [
        {
          type: 'or',
          items: [
            { type: 'ref', name: 'a' },
            { type: 'ref', name: 'b' },
          ],
        },
        { type: 'ref', name: 'c' },
      ],
    });
    expect(parseCondition('not (a and b)')).toEqual({
      type: 'not',
      item: {
        type: 'and',
        items: [
          { type: 'ref', name: 'a' },
          { type: 'ref', name: 'b' },
        ],
      },
    });
  });

  it('parses quantifiers', () => {
    expect(parseCondition('1 of selection*')).toEqual({
      type: 'of',
      quantifier: 'one',
      pattern: 'selection*',
      them: false,
    });
    expect(parseCondition('any of sel_*')).toEqual({
      type: 'of',
      quantifier: 'one',
      pattern: 'sel_*',
      them: false,
    });
    expect(parseCondition('all of them')).toEqual({
      type: 'of',
      quantifier: 'all',
      pattern: '*',
      them: true,
    });
    expect(parseCondition('selection and not 1 of filter_*')).toEqual({
      type: 'and',
      items: [
        { type: 'ref', name: 'selection' },
        { type: 'not', item: { type: 'of', quantifier: 'one', pattern: 'filter_*', them: false } },
      ],
    });
  });

  it('accepts upper-case operators', () => {
    expect(parseCondition('a AND NOT b')).toEqual({
      type: 'and',
      items: [
        { type: 'ref', name: 'a' },
        { type: 'not', item: { type: 'ref', name: 'b' } },
      ],
    });
  });

  it.each([
    ['', /empty/],
    ['a and', /expected a selection name/],
    ['(a or b', /expected "\)"/],
    ['a b', /unexpected "b"/],
    ['a or or b', /expected a selection name/],
    ['selection | count() > 5', /deprecated Sigma 1 syntax/],
    ['2 of sel*', /unsupported quantifier/],
    ['1 of', /after "1 of"/],
    ['sel*', /only allowed after/],
    ['a )', /unexpected "\)"/],
  ])('rejects %j', (text, reason) => {
    expect(() => parseCondition(text)).toThrow(SigmaRuleError);
    expect(() => parseCondition(text)).toThrow(reason);
  });

  it('expands patterns; them skips names starting with _', () => {
    const names = ['selection_a', 'selection_b', 'filter', '_private'];
    expect(expandPattern('selection_*', false, names)).toEqual(['selection_a', 'selection_b']);
    expect(expandPattern('*', true, names)).toEqual(['selection_a', 'selection_b', 'filter']);
    expect(expandPattern('sel?ction_a', false, names)).toEqual(['selection_a']);
  });
});
