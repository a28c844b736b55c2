import { at, isRecord, type Json, str } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { principalsOf, readPolicyDocument, statementsOf, stringList } from './aws-facts.js';

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
export function bucketPolicyFacts(
  answer: unknown,
  bucket: string,
): { secure_transport_required: boolean | null; allows_everyone: boolean | null; unreadable: string | null } {
  if (answer === null) return { secure_transport_required: false, allows_everyone: false, unreadable: null };
  const text = isRecord(answer) && !('__error' in answer) ? answer.Policy : answer;
  const doc = readPolicyDocument(text ?? { __error: 'GetBucketPolicy answered without Policy' });
  if ('unreadable' in doc)
    return { secure_transport_required: null, allows_everyone: null, unreadable: doc.unreadable };
  if (doc.doc === null) return { secure_transport_required: false, allows_everyone: false, unreadable: null };
  const statements = statementsOf(doc.doc);
  return {
    secure_transport_required: statements.some((s) => deniesInsecureTransport(s, bucket)),
    allows_everyone: statements.some(
      (s) => str(s.Effect) === 'Allow' && principalsOf(s).includes('*') && !isRecord(s.Condition),
    ),
    unreadable: null,
  };
}
