import { describe, expect, it } from 'vitest';
import { type AnyCheck, resolveParams, type ScopeContext } from '../../src/core/check.js';
import { runResourceCheck, runScopeCheck } from '../../src/core/evaluate.js';
import type { ResourceRecord, ResultStatus } from '../../src/core/record.js';
import type { CheckResult } from '../../src/core/result.js';

interface Case<T> {
  name: string;
  input: T;
  params?: Record<string, unknown>;
  /** substring the result message must contain */
  message?: string;
}

type Input<C extends AnyCheck> = C extends { kind: 'resource' } ? ResourceRecord : ScopeContext;

/** The statuses each check id has cases for, from every `checkTester` call made in this worker. */
export const TESTED_STATUSES = new Map<string, Set<ResultStatus>>();

/**
 * In the spirit of ESLint's RuleTester: every check is tested with resources that must pass
 * and resources that must fail (and, where relevant, error / not applicable cases).
 * At least one pass and one fail case are required. Scope checks run as the engine runs them
 * (`runScopeCheck`): reading data that could not be read gives `error`.
 */
export function checkTester<C extends AnyCheck>(
  check: C,
  cases: {
    pass: Case<Input<C>>[];
    fail: Case<Input<C>>[];
    error?: Case<Input<C>>[];
    not_applicable?: Case<Input<C>>[];
  },
): void {
  const tested = TESTED_STATUSES.get(check.id) ?? new Set<ResultStatus>();
  for (const [status, list] of Object.entries(cases) as [ResultStatus, unknown[] | undefined][]) {
    if (list && list.length > 0) tested.add(status);
  }
  TESTED_STATUSES.set(check.id, tested);
  describe(check.id, () => {
    it('has at least one pass and one fail case', () => {
      expect(cases.pass.length).toBeGreaterThan(0);
      expect(cases.fail.length).toBeGreaterThan(0);
    });
    const groups: [ResultStatus, Case<Input<C>>[]][] = [
      ['pass', cases.pass],
      ['fail', cases.fail],
      ['error', cases.error ?? []],
      ['not_applicable', cases.not_applicable ?? []],
    ];
    for (const [status, list] of groups) {
      for (const c of list) {
        it(`${status}: ${c.name}`, () => {
          const params = resolveParams(check, c.params);
          const out: CheckResult | CheckResult[] =
            check.kind === 'resource'
              ? check.evaluate(c.input as ResourceRecord, params)
              : runScopeCheck(check, c.input as ScopeContext, params);
          const results = Array.isArray(out) ? out : [out];
          expect(results.length).toBeGreaterThan(0);
          for (const r of results) {
            expect(r.status, r.message).toBe(status);
            expect(r.message.length).toBeGreaterThan(0);
            if (c.message) expect(r.message).toContain(c.message);
          }
          if (status === 'fail') {
            // as the engine runs it: every failure carries evidence, the check's own or the facts it read
            const engine =
              check.kind === 'resource'
                ? [runResourceCheck(check, c.input as ResourceRecord, params)]
                : runScopeCheck(check, c.input as ScopeContext, params);
            for (const r of engine) expect(r.evidence ?? null, r.message).not.toBeNull();
          }
        });
      }
    }
  });
}
