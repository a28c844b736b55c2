import { isRecord, type Json, str } from '../../normalise-kit.js';
import { principalsOf, readPolicyDocument, statementsOf, stringList } from './aws-facts.js';

/**
 * Who a resource-based policy (Lambda function, KMS key, SQS queue, SNS topic) lets in: a
 * statement is public when it allows everyone (`"*"`, `{"AWS": "*"}`) and no condition pins
 * the caller or the source to known accounts, organisations, ARNs or networks with fixed
 * values. A condition with a wildcard or a policy variable in its value, a negated operator
 * (StringNotEquals) or an IfExists operator pins nothing: the caller can satisfy it.
 */

const RESTRICTING_KEYS = new Set(
  [
    'aws:SourceAccount',
    'aws:SourceOwner',
    'aws:SourceArn',
    'aws:SourceOrgID',
    'aws:SourceOrgPaths',
    'aws:PrincipalAccount',
    'aws:PrincipalArn',
    'aws:PrincipalOrgID',
    'aws:PrincipalOrgPaths',
    'aws:SourceVpc',
    'aws:SourceVpce',
    'aws:userid',
    'aws:username',
    'kms:CallerAccount',
  ].map((k) => k.toLowerCase()),
);

const fixedValue = (v: unknown): boolean => typeof v === 'string' && v !== '' && !/[*?]|\$\{/.test(v);

/** Does the statement's Condition pin the caller or source to fixed values? */
export function conditionRestricts(
  condition: unknown,
  keys: ReadonlySet<string> = RESTRICTING_KEYS,
): boolean {
  if (!isRecord(condition)) return false;
  for (const [operator, block] of Object.entries(condition)) {
    if (/Not|IfExists|Null/i.test(operator) || !isRecord(block)) continue;
    for (const [key, value] of Object.entries(block)) {
      if (!keys.has(key.toLowerCase())) continue;
      const values = Array.isArray(value) ? value : [value];
      if (values.length > 0 && values.every(fixedValue)) return true;
    }
  }
  return false;
}

const SOURCE_KEYS = new Set(['aws:sourceaccount', 'aws:sourceowner', 'aws:sourcearn']);

/** The facts of one resource policy: null policy = none set (nothing public). */
export interface ResourcePolicyFacts {
  /** some Allow statement lets anyone in; null when the policy could not be read */
  public: boolean | null;
  /** the Sid (or position) of each public statement */
  public_statements: string[];
  unreadable: string | null;
}

export interface PublicOptions {
  /**
   * Service principals that act for any account (s3.amazonaws.com invokes for every bucket
   * owner): a statement allowing them is public unless it pins the source account or ARN.
   */
  sourceBoundServices?: readonly string[];
}

function allowsServiceWithoutSource(s: Json, services: readonly string[]): boolean {
  const p = s.Principal;
  if (!isRecord(p)) return false;
  const named = stringList(p.Service);
  return named.some((n) => services.includes(n)) && !conditionRestricts(s.Condition, SOURCE_KEYS);
}

/** Reads a policy (JSON text or object) and finds the statements that let anyone in. */
export function resourcePolicyFacts(policy: unknown, opts: PublicOptions = {}): ResourcePolicyFacts {
  const doc = readPolicyDocument(policy);
  if ('unreadable' in doc) return { public: null, public_statements: [], unreadable: doc.unreadable };
  if (doc.doc === null) return { public: false, public_statements: [], unreadable: null };
  const found: string[] = [];
  statementsOf(doc.doc).forEach((s, i) => {
    if (str(s.Effect) !== 'Allow') return;
    const everyone = principalsOf(s).includes('*') && !conditionRestricts(s.Condition);
    const service = allowsServiceWithoutSource(s, opts.sourceBoundServices ?? []);
    if (everyone || service) found.push(str(s.Sid) ?? `statement ${i + 1}`);
  });
  return { public: found.length > 0, public_statements: found, unreadable: null };
}
