import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeIssues, issueLines } from '../../src/core/issues.js';

const schema = z
  .object({
    regions: z.array(z.string()),
    mode: z.enum(['read', 'audit']),
    tags: z.record(z.string(), z.string()),
  })
  .strict();

function issuesOf(input: unknown) {
  const r = schema.safeParse(input);
  if (r.success) throw new Error('expected a schema error');
  return r.error.issues;
}

describe('the schema error formatter', () => {
  const input = { regions: ['eu-west-1', 7], mode: 'write', tags: [], colour: 'red' };

  it('names each bad field by its path under where the value came from, with what it got', () => {
    expect(issueLines(issuesOf(input), input, { at: 'providers.aws' })).toEqual([
      'providers.aws.regions[1]: expected a string, got number',
      'providers.aws.mode: Invalid option: expected one of "read"|"audit"',
      'providers.aws.tags: expected an object, got array',
      'providers.aws: Unrecognized key: "colour"',
    ]);
  });

  it('without a place, a problem of the whole value is at (root)', () => {
    expect(issueLines(issuesOf('text'), 'text')).toEqual(['(root): expected an object, got string']);
  });

  it('on one line, the first few and how many more', () => {
    expect(describeIssues(issuesOf(input), input, { max: 2 })).toBe(
      'regions[1]: expected a string, got number; mode: Invalid option: expected one of "read"|"audit" (and 2 more)',
    );
  });
});
