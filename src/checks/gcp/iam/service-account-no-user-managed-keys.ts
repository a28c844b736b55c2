import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';

/** A user-managed key as the service account normaliser describes it (ext.user_managed_keys). */
export interface UserManagedKey {
  id: string;
  created: string | null;
  age_days: number | null;
  disabled: boolean;
}

export const SERVICE_ACCOUNT = 'gcp.iam.service_account';
export const KEY_TRIGGERS = [
  'google.iam.admin.v1.CreateServiceAccountKey',
  'google.iam.admin.v1.UploadServiceAccountKey',
];

/** The user-managed keys of a service account record, or the reason they are unknown. */
export function userManagedKeys(ext: Record<string, unknown>): UserManagedKey[] | string {
  const keys = ext.user_managed_keys;
  if (Array.isArray(keys)) return keys as UserManagedKey[];
  return typeof ext.keys_unreadable === 'string' ? ext.keys_unreadable : 'the keys were not read';
}

export default defineCheck({
  id: 'gcp.iam.service_account_no_user_managed_keys',
  title: 'Service accounts have no user-managed keys',
  severity: 'medium',
  resource: SERVICE_ACCOUNT,
  facts: { [SERVICE_ACCOUNT]: ['user_managed_keys'] },
  triggers: KEY_TRIGGERS,
  description:
    'A service account has a key its users created or uploaded (a JSON or P12 private key) rather than only Google-managed keys.',
  risk: 'A downloaded key is a long-lived credential that is copied into files, images and repositories; whoever holds it acts as the service account until it is deleted.',
  remediation: {
    text: 'Move the workload to attached service accounts, workload identity federation or short-lived impersonation, then delete the key.',
    cli: 'gcloud iam service-accounts keys delete <key-id> --iam-account=<service-account-email>',
  },
  references: ['https://cloud.google.com/iam/docs/best-practices-for-managing-service-account-keys'],
  evaluate(sa) {
    const keys = userManagedKeys(sa.ext);
    if (typeof keys === 'string') return error(`the keys of ${sa.com.name} could not be read: ${keys}`);
    if (keys.length === 0) return pass('only Google-managed keys');
    return fail(
      `${sa.com.name} has ${keys.length} user-managed key(s): ${keys.map((k) => k.id).join(', ')}`,
      {
        evidence: { keys: keys.map((k) => ({ id: k.id, created: k.created, disabled: k.disabled })) },
      },
    );
  },
});
