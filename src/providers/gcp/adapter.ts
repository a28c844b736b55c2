import type { CloudAdapter } from '../kit/adapter.js';
import { describeGcpError, isGcpError } from './errors.js';
import { limitScopesFor } from './limiter.js';
import { isReadOnly, type ReadRequest } from './readonly.js';

/**
 * How a GCP collector names an answer it expects: an error kind of the transport (`absent`,
 * `disabled`, `denied`) or a code Google sends (`NOT_FOUND`, `notFound`, `FAILED_PRECONDITION`,
 * an ErrorInfo reason).
 */
export type GcpErrorMatch = string;

/** A custom IAM role granting exactly the permissions a scan needs (the `gcloud iam roles create --file` format). */
export interface GcpCustomRole {
  title: string;
  description: string;
  stage: 'GA';
  includedPermissions: string[];
}

/** The read-only custom role allowing exactly these permissions. */
export function gcpCustomRole(permissions: Iterable<string>): GcpCustomRole {
  return {
    title: 'Cloudward read-only auditor',
    description:
      'The read-only permissions a Cloudward scan of Google Cloud needs, derived from its collectors.',
    stage: 'GA',
    includedPermissions: [...new Set(permissions)].sort(),
  };
}

/** True when the error is a GCP read error of one of these kinds or codes. */
export function matchesGcpError(err: unknown, codes: readonly GcpErrorMatch[] | undefined): boolean {
  if (!isGcpError(err) || !codes?.length) return false;
  return codes.some((c) => c === err.kind || err.hasCode(c));
}

/**
 * Google Cloud for the collection kit: the REST transport of src/providers/gcp (read-only guard,
 * limiter, retries), errors matched on their kind or Google's codes, rate scopes that are API
 * names (the limiter key is the project's quota bucket of that API) and custom IAM roles.
 */
export const gcpAdapter: CloudAdapter<GcpErrorMatch, ReadRequest> = {
  cloud: 'gcp',
  typePattern: /^gcp\.[a-z0-9]+(_[a-z0-9]+)*\.[a-z0-9]+(_[a-z0-9]+)*$/,
  matches: matchesGcpError,
  describeError: describeGcpError,
  // the transport hands over the parsed JSON body: there is no envelope to remove
  answer: (a) => a,
  isReadOnly,
  limiterKey: (where, api, path) =>
    limitScopesFor(api, path, where.account, 'caller')[0]?.key ?? `gcp:${api}:project:${where.account}`,
  policy: gcpCustomRole,
};
