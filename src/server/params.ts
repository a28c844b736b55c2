import { badRequest } from './http.js';

/** Query-string readers: a bad value is a 400 naming the parameter and what it accepts. */

export function str(q: URLSearchParams, name: string, max = 500): string | undefined {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  if (v.length > max) throw badRequest(`${name}: at most ${max} characters`);
  return v;
}

export function int(q: URLSearchParams, name: string, def: number, min: number, max: number): number {
  const v = q.get(name);
  if (v === null || v === '') return def;
  const n = Number(v);
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw badRequest(`${name}: expected a whole number from ${min} to ${max}, got "${v}"`);
  }
  return n;
}

export function oneOf<T extends string>(
  q: URLSearchParams,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const v = str(q, name);
  if (v === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(v)) {
    throw badRequest(`${name}: unknown value "${v}" (expected ${allowed.join(', ')})`);
  }
  return v as T;
}

/** A comma-separated list whose items must be in `allowed`. */
export function listOf<T extends string>(
  q: URLSearchParams,
  name: string,
  allowed: readonly T[],
): T[] | undefined {
  const v = str(q, name, 2000);
  if (v === undefined) return undefined;
  const items = v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = items.filter((s) => !(allowed as readonly string[]).includes(s));
  if (bad.length > 0) {
    throw badRequest(
      `${name}: unknown value(s) ${bad.map((b) => `"${b}"`).join(', ')} (expected ${allowed.join(', ')})`,
    );
  }
  return items as T[];
}

/** An ISO 8601 timestamp, returned normalised to UTC. */
export function time(q: URLSearchParams, name: string): string | undefined {
  const v = str(q, name, 64);
  if (v === undefined) return undefined;
  const ms = Date.parse(v);
  if (!/^\d{4}-\d{2}-\d{2}/.test(v) || Number.isNaN(ms)) {
    throw badRequest(`${name}: expected an ISO 8601 date or timestamp, got "${v}"`);
  }
  return new Date(ms).toISOString();
}
