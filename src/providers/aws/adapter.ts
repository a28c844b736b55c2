import type { CloudAdapter } from '../kit/adapter.js';
import { type AwsErrorMatch, describeError, isAwsError } from './errors.js';
import { bucketId, DEFAULT_PACING, FALLBACK_PACING } from './limiter.js';
import { isReadOnlyOperation } from './readonly-guard.js';

/** An SDK answer without its $metadata (request ids, attempts): not part of the resource. */
export function withoutMetadata<T>(answer: T): T {
  if (typeof answer !== 'object' || answer === null || !('$metadata' in answer)) return answer;
  const { $metadata: _, ...rest } = answer as Record<string, unknown>;
  return rest as T;
}

export interface IamPolicyDocument {
  Version: '2012-10-17';
  Statement: { Sid: string; Effect: 'Allow'; Action: string[]; Resource: '*' }[];
}

/** The read-only IAM policy allowing exactly these actions. */
export function iamPolicy(actions: Iterable<string>): IamPolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'CloudwardReadOnly', Effect: 'Allow', Action: [...new Set(actions)].sort(), Resource: '*' },
    ],
  };
}

/**
 * AWS for the collection kit: SDK v3 clients (AccountClients in clients.ts carry the read-only
 * guard and the limiter as middleware), errors matched on SDK exception classes and wire codes,
 * rate scopes that are IAM service prefixes, and IAM policies.
 */
export const awsAdapter: CloudAdapter<AwsErrorMatch> = {
  cloud: 'aws',
  typePattern: /^aws\.[a-z0-9]+(_[a-z0-9]+)*\.[a-z0-9]+(_[a-z0-9]+)*$/,
  matches: isAwsError,
  describeError,
  answer: withoutMetadata,
  isReadOnly: isReadOnlyOperation,
  limiterKey: (where, rateScope, operation) =>
    bucketId(
      { account: where.account, region: where.region, service: rateScope, operation },
      DEFAULT_PACING[rateScope] ?? FALLBACK_PACING,
    ),
  policy: iamPolicy,
};
