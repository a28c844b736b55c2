import { at, isRecord, type Json, str } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { arnParts, principalsOf, readPolicyDocument, statementsOf, stringList } from './aws-facts.js';

/**
 * Does a bucket policy refuse requests that are not sent over TLS? That is a Deny statement,
 * for every principal, on every S3 action (s3:* or *), on the bucket and its objects (or *),
 * under the condition aws:SecureTransport = false.
 */
function deniesInsecureTransport(s: Json, bucket: string): boolean {
  if (str(s.Effect) !== 'Deny') return false;
  if (!principalsOf(s).includes('*')) return false;
  if (!stringList(s.Action).some((a) => a === 's3:*' || a === '*')) return false;
  const resources = stringList(s.Resource);
  const objects = resources.some(
    (r) => r === '*' || new RegExp(`^arn:[a-z-]+:s3:::${escapeRegExp(bucket)}/\\*$`).test(r),
  );
  if (!objects) return false;
  const cond = s.Condition;
  if (!isRecord(cond)) return false;
  for (const op of ['Bool', 'BoolIfExists']) {
    const v = at(cond, op);
    if (!isRecord(v)) continue;
    const secure = v['aws:SecureTransport'] ?? v['aws:securetransport'];
    const values = Array.isArray(secure) ? secure : [secure];
    if (values.some((x) => x === false || (typeof x === 'string' && x.toLowerCase() === 'false')))
      return true;
  }
  return false;
}

/** GetBucketPolicy: {Policy: "<json>"}; null = none set. */
export const BUCKET_POLICY_ANSWER = S.answer({ Policy: S.policyDocument });

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The facts of a GetBucketPolicy answer ({Policy: "<json>"}): null policy = none set.
 * Returns null facts when the policy could not be read.
 */
export interface BucketPolicyFacts {
  secure_transport_required: boolean | null;
  allows_everyone: boolean | null;
  /** an unconditional Allow for everyone of an object read or listing */
  public_read: boolean | null;
  /** an unconditional Allow for everyone of an object write or delete */
  public_write: boolean | null;
  /** the sensitive bucket actions the policy allows to principals of other accounts (or to everyone) */
  cross_account_actions: string[] | null;
  unreadable: string | null;
}

const NO_POLICY: BucketPolicyFacts = {
  secure_transport_required: false,
  allows_everyone: false,
  public_read: false,
  public_write: false,
  cross_account_actions: [],
  unreadable: null,
};

/** Object reads and listings; object writes and deletes (what "public read/write" means for a bucket). */
const READ_ACTIONS = ['s3:GetObject', 's3:ListBucket'];
const WRITE_ACTIONS = ['s3:PutObject', 's3:DeleteObject'];

/**
 * Actions that let another account change who may reach the bucket or how it is encrypted:
 * the default of Security Hub's S3.6 (blacklistedActionPatterns).
 */
export const CROSS_ACCOUNT_SENSITIVE_ACTIONS = [
  's3:DeleteBucketPolicy',
  's3:PutBucketAcl',
  's3:PutBucketPolicy',
  's3:PutEncryptionConfiguration',
  's3:PutObjectAcl',
];

/** IAM action patterns are case-insensitive wildcards: `*` any characters, `?` one. */
export function actionMatches(pattern: string, action: string): boolean {
  const re = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${re}$`, 'i').test(action);
}

/** The AWS principals of a statement ("*" for everyone); service and federated principals are not accounts. */
function awsPrincipals(s: Json): string[] {
  const p = s.Principal;
  if (p === '*') return ['*'];
  if (!isRecord(p)) return [];
  return stringList(p.AWS);
}

function accountOf(principal: string): string | null {
  if (principal === '*') return '*';
  if (/^\d{12}$/.test(principal)) return principal;
  return arnParts(principal)?.account ?? null;
}

const allowsAny = (s: Json, actions: string[]): boolean =>
  stringList(s.Action).some((p) => actions.some((a) => actionMatches(p, a)));

/**
 * The facts of a GetBucketPolicy answer ({Policy: "<json>"}): null policy = none set.
 * Returns null facts when the policy could not be read. `owner` is the bucket's account.
 */
export function bucketPolicyFacts(answer: unknown, bucket: string, owner = ''): BucketPolicyFacts {
  if (answer === null) return NO_POLICY;
  const text = isRecord(answer) && !('__error' in answer) ? answer.Policy : answer;
  const doc = readPolicyDocument(text ?? { __error: 'GetBucketPolicy answered without Policy' });
  if ('unreadable' in doc)
    return {
      secure_transport_required: null,
      allows_everyone: null,
      public_read: null,
      public_write: null,
      cross_account_actions: null,
      unreadable: doc.unreadable,
    };
  if (doc.doc === null) return NO_POLICY;
  const statements = statementsOf(doc.doc);
  const allows = statements.filter((s) => str(s.Effect) === 'Allow');
  const everyone = allows.filter((s) => awsPrincipals(s).includes('*') && !isRecord(s.Condition));
  const foreign = allows.filter((s) =>
    awsPrincipals(s).some((p) => {
      const account = accountOf(p);
      return account !== null && account !== owner;
    }),
  );
  return {
    secure_transport_required: statements.some((s) => deniesInsecureTransport(s, bucket)),
    allows_everyone: allows.some((s) => principalsOf(s).includes('*') && !isRecord(s.Condition)),
    public_read: everyone.some((s) => allowsAny(s, READ_ACTIONS)),
    public_write: everyone.some((s) => allowsAny(s, WRITE_ACTIONS)),
    cross_account_actions: CROSS_ACCOUNT_SENSITIVE_ACTIONS.filter((a) =>
      foreign.some((s) => allowsAny(s, [a])),
    ),
    unreadable: null,
  };
}
