/** Detection values and the small helpers every matcher uses: value lists, leaves of a resolved field, null. */
import { MISSING } from './fields.js';
import { SigmaRuleError } from './types.js';

export type Scalar = string | number | boolean | null;

export type LeafTest = (v: unknown) => boolean;

export function scalarValues(raw: unknown): Scalar[] {
  const list = Array.isArray(raw) ? raw : [raw];
  if (list.length === 0) throw new SigmaRuleError('empty value list');
  return list.map((v) => {
    if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
    if (v instanceof Date) return v.toISOString();
    throw new SigmaRuleError(`value ${JSON.stringify(v)} is not a string, number, boolean or null`);
  });
}

/**
 * True when `test` passes for a value of a resolved field (MISSING: none). A value that is an object
 * stands for every scalar nested in it, as when a SIEM searches the object's text: SigmaHQ rules such as
 * `requestParameters|contains: Suspended` rely on it.
 */
export function someLeaf(r: unknown, test: LeafTest): boolean {
  if (r === MISSING) return false;
  if (Array.isArray(r)) {
    for (const v of r)
      if (v !== null && typeof v === 'object' ? someNested(v, test, 0) : test(v)) return true;
    return false;
  }
  return r !== null && typeof r === 'object' ? someNested(r, test, 0) : test(r);
}

function someNested(node: object, test: LeafTest, depth: number): boolean {
  if (depth > 32) return false;
  if (Array.isArray(node)) {
    for (const v of node)
      if (v !== null && typeof v === 'object' ? someNested(v, test, depth + 1) : test(v)) return true;
    return false;
  }
  const obj = node as Record<string, unknown>;
  for (const k in obj) {
    if (!Object.hasOwn(obj, k)) continue;
    const v = obj[k];
    if (v !== null && typeof v === 'object' ? someNested(v, test, depth + 1) : test(v)) return true;
  }
  return false;
}

export const isNullish = (r: unknown): boolean =>
  r === MISSING || r === null || (Array.isArray(r) && r.some((v) => v === null));

export function combineAny(tests: readonly LeafTest[]): LeafTest {
  if (tests.length === 1) return tests[0]!;
  return (v) => {
    for (const t of tests) if (t(v)) return true;
    return false;
  };
}

export function singleBoolean(values: Scalar[], mod: string): boolean {
  if (values.length !== 1 || typeof values[0] !== 'boolean') {
    throw new SigmaRuleError(`modifier "${mod}" needs a single true or false value`);
  }
  return values[0];
}

export function nonNull(values: Scalar[], mod: string): Exclude<Scalar, null>[] {
  if (values.some((v) => v === null)) throw new SigmaRuleError(`modifier "${mod}" cannot take a null value`);
  return values as Exclude<Scalar, null>[];
}

export function numberOf(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isNaN(n) ? undefined : n;
  }
  return undefined;
}
