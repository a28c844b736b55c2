import type { CloudType } from '../../core/record.js';

/**
 * What one cloud supplies to the collection kit. The kit knows collectors only as declarations
 * (calls, permissions, rate scopes, "absent" codes); everything that depends on the cloud's
 * wire and identity model comes from here:
 *
 * - the transport: a collector declares how it opens its client (`CollectorDef.open`), the
 *   adapter's transports carry the read-only guard and the limiter (AWS: SDK v3 clients with
 *   middleware; Azure and GCP: their REST transports in src/providers/azure and gcp);
 * - `isReadOnly`: the guard's verdict on one operation (AWS: the SDK command name; Azure: the
 *   HTTP method and path; GCP: the method and URL);
 * - `limiterKey`: the bucket a call counts against, from the call's declared rate scope;
 * - `matches` / `describeError`: how an error is compared with a declared "absent" code and
 *   how it is reported;
 * - `answer`: a transport answer as it is stored in raw (without envelope metadata);
 * - `policy`: the least-privilege read-only grant for a set of declared permissions.
 *
 * `M` is how the cloud names an error ("absent" codes): AWS, an SDK exception class or a wire
 * code; Azure and GCP, the error code of their REST answers.
 */
export interface CloudAdapter<M, Op = string> {
  cloud: CloudType;
  /** the shape of a collector type of this cloud: aws.<service>.<resource> */
  typePattern: RegExp;
  /** true when the error is one of `codes` (a declared "absent" answer) */
  matches(err: unknown, codes: readonly M[] | undefined): boolean;
  /** "Code: message", one line, for Collection.error and {__error} */
  describeError(err: unknown): string;
  /** the answer as stored in raw: without the transport's envelope (request ids, attempts) */
  answer<A>(answer: A): A;
  /** the read-only guard's verdict on one operation; the transports refuse what this refuses */
  isReadOnly(operation: Op): boolean;
  /** the limiter bucket of a call: where it is made and the rate scope it declares */
  limiterKey(where: { account: string; region: string }, rateScope: string, operation: string): string;
  /** the least-privilege read-only grant of exactly these permissions */
  policy(permissions: readonly string[]): unknown;
}
