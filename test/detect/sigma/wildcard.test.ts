import { describe, expect, it } from 'vitest';
import {
  ANY,
  compileSigmaString,
  ONE,
  parseSigmaString,
  windashVariants,
} from '../../../src/detect/sigma/wildcard.js';

describe('Sigma wildcard strings', () => {
  it('parses * and ? as wildcards and merges literals', () => {
    expect(parseSigmaString('ab*c?d')).toEqual(['ab', ANY, 'c', ONE, 'd']);
    expect(parseSigmaString('**x')).toEqual([ANY, 'x']);
    expect(parseSigmaString('')).toEqual([]);
  });

  it('treats \\*, \\? and \\\\ as escapes and other backslashes as literal', () => {
    expect(parseSigmaString('a\\*b')).toEqual(['a*b']);
    expect(parseSigmaString('a\\?b')).toEqual(['a?b']);
    expect(parseSigmaString('C:\\Windows\\*')).toEqual(['C:\\Windows*']);
    expect(parseSigmaString('C:\\\\*')).toEqual(['C:\\', ANY]);
    expect(parseSigmaString('end\\')).toEqual(['end\\']);
  });

  it('matches with the fast paths and the regex path alike', () => {
    const m = (p: string, v: string): boolean => compileSigmaString(parseSigmaString(p))(v);
    expect(m('abc', 'abc')).toBe(true);
    expect(m('abc', 'abcd')).toBe(false);
    expect(m('ab*', 'abcd')).toBe(true);
    expect(m('*cd', 'abcd')).toBe(true);
    expect(m('*bc*', 'abcd')).toBe(true);
    expect(m('a?c', 'abc')).toBe(true);
    expect(m('a?c', 'ac')).toBe(false);
    expect(m('a*d*f', 'abcdef')).toBe(true);
    expect(m('a*d*f', 'abcdeg')).toBe(false);
    expect(m('*', '')).toBe(true);
    expect(m('a.c', 'abc')).toBe(false);
    expect(m('a\\*c', 'a*c')).toBe(true);
    expect(m('a\\*c', 'abc')).toBe(false);
    expect(m('x*y', 'x\ny')).toBe(true);
    expect(m('(a)[b]*', '(a)[b]{c}')).toBe(true);
  });

  it('expands windash flags into every dash form', () => {
    const variants = windashVariants(parseSigmaString(' -foo'));
    expect(variants.map((v) => v[0])).toEqual([' -foo', ' /foo', ' \u2013foo', ' \u2014foo', ' \u2015foo']);
    // A dash inside a word is not a flag.
    expect(windashVariants(parseSigmaString('a-b'))).toHaveLength(1);
  });
});
