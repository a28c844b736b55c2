/**
 * The credentials an `azure` provider can name (what each does: credentials.ts). Kept apart
 * from credentials.ts so validating a config does not load the identity library.
 */
export const CREDENTIAL_KINDS = [
  'default',
  'cli',
  'environment',
  'managed_identity',
  'workload_identity',
] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];
