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
