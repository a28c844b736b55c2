import { z } from 'zod';
import { describeIssues } from '../../../core/issues.js';
import { isErrorFact, isRecord, type Json, records, str } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';

/**
 * Readers for facts that AWS answers in more than one spelling: dates (a Date from the SDK, an
 * ISO string once a snapshot went through JSON, epoch milliseconds from CloudWatch Logs) and IAM
 * policy documents (an object, a JSON string, or the URL-encoded JSON IAM returns).
 */

const DAY_MS = 86_400_000;

export function dateOf(v: unknown): Date | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  if (typeof v === 'number' && Number.isFinite(v)) return new Date(v);
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v)) {
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return null;
}

export const isoOf = (v: unknown): string | null => dateOf(v)?.toISOString() ?? null;

/** Whole days from `d` to now (negative for a date in the future); null when `d` is unknown. */
export function daysSince(d: Date | null, now: number = Date.now()): number | null {
  return d === null ? null : Math.floor((now - d.getTime()) / DAY_MS);
}

const STATEMENT = z.looseObject({
  Effect: S.str,
  Action: S.strOrStrs,
  NotAction: S.strOrStrs,
  Resource: S.strOrStrs,
  NotResource: S.strOrStrs,
  Principal: z
    .union([z.string(), z.record(z.string(), z.union([z.string(), z.array(z.string())]))])
    .nullish(),
  Condition: z.record(z.string(), z.unknown()).nullish(),
});

/** The parts of an IAM policy document that are read (a single statement may stand alone). */
const POLICY_DOCUMENT = z.looseObject({ Statement: z.union([STATEMENT, z.array(STATEMENT)]).nullish() });

/**
 * A policy document as an object. Returns null for "no document" (null / undefined) and
 * throws-free `{ unreadable: reason }` for anything that cannot be parsed, so a caller can
 * tell "no policy" from "a policy we could not read".
 */
export function readPolicyDocument(v: unknown): { doc: Json | null } | { unreadable: string } {
  if (v === null || v === undefined) return { doc: null };
  if (isErrorFact(v)) return { unreadable: v.__error };
  if (isRecord(v)) return checkedDocument(v);
  if (typeof v !== 'string') return { unreadable: `policy document is a ${typeof v}` };
  const text = v.trim().startsWith('{') ? v : safeDecode(v);
  if (text === null) return { unreadable: 'policy document is not valid URL encoding' };
  try {
    const parsed: unknown = JSON.parse(text);
    return isRecord(parsed)
      ? checkedDocument(parsed)
      : { unreadable: 'policy document is not a JSON object' };
  } catch (e) {
    return { unreadable: `policy document is not JSON: ${(e as Error).message}` };
  }
}

/** A document whose statements have the types IAM gives them; otherwise unreadable, naming the field. */
function checkedDocument(doc: Json): { doc: Json } | { unreadable: string } {
  const r = POLICY_DOCUMENT.safeParse(doc);
  return r.success ? { doc } : { unreadable: `policy document: ${describeIssues(r.error.issues, doc)}` };
}

function safeDecode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

const list = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/** The statements of a policy document (a single statement object is allowed by IAM). */
export function statementsOf(doc: Json): Json[] {
  const s = doc.Statement;
  return isRecord(s) ? [s] : records(s);
}

/** Does a statement allow every action on every resource ("*:*" administrator access)? */
export function isFullAdminStatement(s: Json): boolean {
  return (
    str(s.Effect) === 'Allow' &&
    list(s.Action).some((a) => a === '*' || a === '*:*') &&
    list(s.Resource).includes('*')
  );
}

export const grantsFullAdmin = (doc: Json): boolean => statementsOf(doc).some(isFullAdminStatement);

/** Principals of a statement as a flat list ("*" for everyone). */
export function principalsOf(s: Json): string[] {
  const p = s.Principal;
  if (p === '*') return ['*'];
  if (!isRecord(p)) return [];
  return Object.values(p).flatMap(list);
}

export { list as stringList };

/** The name part of an ARN after its last '/' (role/x/y -> y), or the ARN itself. */
export function arnName(arn: string): string {
  const i = arn.lastIndexOf('/');
  return i >= 0 ? arn.slice(i + 1) : arn;
}

/** The region and account of an ARN (arn:partition:service:region:account:resource). */
export function arnParts(
  arn: string,
): { service: string; region: string; account: string; resource: string } | null {
  const m = /^arn:[^:]+:([^:]*):([^:]*):([^:]*):(.+)$/.exec(arn);
  if (!m) return null;
  return { service: m[1] ?? '', region: m[2] ?? '', account: m[3] ?? '', resource: m[4] ?? '' };
}

/** Does an IAM action pattern (`kms:*`, `kms:ReEncrypt*`, `*`) cover the action? Case-insensitive, as IAM is. */
export function actionMatches(pattern: string, action: string): boolean {
  const re = pattern
    .split('*')
    .map((part) =>
      part
        .split('?')
        .map((p) => p.replace(/[.+^${}()|[\]\\]/g, '\\$&'))
        .join('.'),
    )
    .join('.*');
  return new RegExp(`^${re}$`, 'i').test(action);
}

/** Does an Allow statement grant the action (through Action, or NotAction that leaves it out)? */
function allowsAction(s: Json, action: string): boolean {
  if (str(s.Effect) !== 'Allow') return false;
  if (s.NotAction !== undefined && s.NotAction !== null)
    return !list(s.NotAction).some((p) => actionMatches(p, action));
  return list(s.Action).some((p) => actionMatches(p, action));
}

/** A Resource that names every KMS key: `*`, or a KMS ARN whose resource part is `*` or `key/*`. */
const ALL_KEYS = /^arn:[^:]+:kms:[^:]*:[^:]*:(\*|key\/\*)$/;
const coversAllKeys = (s: Json): boolean =>
  s.NotResource === undefined || s.NotResource === null
    ? list(s.Resource).some((r) => r === '*' || ALL_KEYS.test(r))
    : true;

const KMS_DECRYPT_ACTIONS = ['kms:Decrypt', 'kms:ReEncryptFrom'];

/** Does the document allow kms:Decrypt or kms:ReEncryptFrom on every KMS key (conditions aside)? */
export const allowsDecryptOnAllKeys = (doc: Json): boolean =>
  statementsOf(doc).some((s) => coversAllKeys(s) && KMS_DECRYPT_ACTIONS.some((a) => allowsAction(s, a)));

/** The `<service>:*` actions an Allow statement grants (every action of a service). */
export function wildcardServiceActions(doc: Json): string[] {
  const found = statementsOf(doc)
    .filter((s) => str(s.Effect) === 'Allow')
    .flatMap((s) => list(s.Action).filter((a) => /^[a-z0-9-]+:\*$/i.test(a)));
  return [...new Set(found)].sort();
}
