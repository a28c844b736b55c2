import { describe, expect, it } from 'vitest';
import { anyGlob, globMatch } from '../../src/core/glob.js';

describe('globMatch', () => {
  it('* matches any run of characters, none included, across lines', () => {
    expect(globMatch('aws.iam.*', 'aws.iam.root_mfa')).toBe(true);
    expect(globMatch('aws.iam.*', 'aws.iam.')).toBe(true);
    expect(globMatch('arn:*bucket', 'arn:aws:s3:::my\nbucket')).toBe(true);
    expect(globMatch('aws.iam.*', 'aws.s3.public')).toBe(false);
  });

  it('? matches one character by default and is literal when the syntax says so', () => {
    expect(globMatch('prod-?', 'prod-1')).toBe(true);
    expect(globMatch('prod-?', 'prod-12')).toBe(false);
    expect(globMatch('prod-?', 'prod-1', { questionMark: false })).toBe(false);
    expect(globMatch('prod-?', 'prod-?', { questionMark: false })).toBe(true);
  });

  it('everything else is literal and case-sensitive', () => {
    expect(globMatch('a.b+(c)[d]$', 'a.b+(c)[d]$')).toBe(true);
    expect(globMatch('a.b', 'aXb')).toBe(false);
    expect(globMatch('Prod*', 'prod-1')).toBe(false);
  });

  it('anyGlob: any pattern; an absent value matches none', () => {
    expect(anyGlob(['x*', 'prod-*'], 'prod-1')).toBe(true);
    expect(anyGlob(['x*'], 'prod-1')).toBe(false);
    expect(anyGlob(['*'], undefined)).toBe(false);
  });
});
