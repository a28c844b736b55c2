/** Error codes and messages of SDK and network errors, for Collection.error and {__error}. */

const actionOfError = new WeakMap<object, string>();

/** Remember which API action an error came from (set by the client middleware). */
export function tagAction(err: unknown, action: string): void {
  if (typeof err === 'object' && err !== null && !actionOfError.has(err)) actionOfError.set(err, action);
}

export function actionOf(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null ? actionOfError.get(err) : undefined;
}

function stringField(o: object, key: string): string | undefined {
  const v: unknown = (o as Record<string, unknown>)[key];
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

/**
 * What an AWS error is matched on: an SDK exception class, for the errors the SDK models
 * (NoSuchEntityException), or an error code as AWS sends it (NoSuchEntity, NoSuchBucketPolicy).
 */
export type AwsErrorMatch = string | (abstract new (...args: never[]) => Error);

/**
 * Every code an error answers to. The SDK turns a modelled error into its exception class, whose
 * `name` is the class name (NoSuchEntityException) while `Code` keeps the code on the wire
 * (NoSuchEntity); an error the SDK does not model (S3's NoSuchBucketPolicy) is a generic service
 * exception whose `name` and `Code` are both the wire code.
 */
export function errorCodes(err: unknown): Set<string> {
  const out = new Set<string>();
  if (typeof err !== 'object' || err === null) return out;
  for (const key of ['name', 'Code', 'code']) {
    const v = stringField(err, key);
    if (v && v !== 'Error') out.add(v);
  }
  const wrapped: unknown = (err as Record<string, unknown>).Error;
  if (typeof wrapped === 'object' && wrapped !== null) {
    const v = stringField(wrapped, 'Code');
    if (v) out.add(v);
  }
  return out;
}

/** True when the error is one of these: an instance of a class, or carrying one of the codes. */
export function isAwsError(err: unknown, matches: readonly AwsErrorMatch[] | undefined): boolean {
  if (!matches?.length) return false;
  const codes = errorCodes(err);
  return matches.some((m) => (typeof m === 'string' ? codes.has(m) : err instanceof m || codes.has(m.name)));
}

/** The AWS error code (AccessDenied, NoSuchBucketPolicy, ...), or the network / JS error name. */
export function errorCode(err: unknown): string {
  if (typeof err !== 'object' || err === null) return 'Error';
  const name = stringField(err, 'name');
  if (name && name !== 'Error') return name;
  return stringField(err, 'Code') ?? stringField(err, 'code') ?? name ?? 'Error';
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message || '(no message)';
  if (typeof err === 'string') return err;
  return String(err);
}

/** "Code: message", single line. */
export function describeError(err: unknown): string {
  return `${errorCode(err)}: ${errorMessage(err).replace(/\s+/g, ' ').trim()}`;
}

export class ReadOnlyViolation extends Error {
  override name = 'ReadOnlyViolation';
}
