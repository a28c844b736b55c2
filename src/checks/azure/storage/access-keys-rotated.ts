import { z } from 'zod';
import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool, extNum } from '../../facts.js';
import { STORAGE_ACCOUNT, STORAGE_ACCOUNT_WRITES } from './account-setting.js';

/**
 * CIS 9.3.1.2: both access keys of the account were regenerated within the
 * allowed age: 90 days by default, or the account's own key expiration period when shorter.
 * A key whose creation time Azure never recorded (accounts from before 2021 whose key was not
 * regenerated since) fails: Azure records the time at every regeneration, so that key is older
 * than any limit. Facts the collection could not establish are an error, never a pass.
 */
export default defineCheck({
  id: 'azure.storage.account_access_keys_rotated',
  title: 'Storage account access keys are regenerated periodically',
  severity: 'medium',
  resource: STORAGE_ACCOUNT,
  facts: {
    [STORAGE_ACCOUNT]: [
      'shared_key_access_allowed',
      'access_key_created',
      'access_key_oldest_days',
      'access_key_creation_unrecorded',
      'key_expiration_days',
    ],
  },
  triggers: [...STORAGE_ACCOUNT_WRITES, 'Microsoft.Storage/storageAccounts/regenerateKey/action'],
  description:
    'An access key of the storage account was created or last regenerated longer ago than the allowed age (90 days by default, or the account key expiration period when shorter).',
  risk: 'An access key grants full access to the account data; the older it is, the more places it has been copied to, and a leaked key works until it is regenerated.',
  remediation: {
    text: 'Move clients to the other key, regenerate the old one, then do the same for the second key; prefer Entra ID authorisation and disable shared key access where possible.',
    cli: 'az storage account keys renew --account-name <account> --resource-group <group> --key primary\naz storage account keys renew --account-name <account> --resource-group <group> --key secondary',
  },
  references: ['https://learn.microsoft.com/azure/storage/common/storage-account-keys-manage'],
  params: z.object({ max_age_days: z.number().int().positive().default(90) }),
  evaluate(account, { max_age_days }) {
    const name = account.com.name;
    // keys of an account that refuses shared key access still exist and work again once it is
    // re-allowed, so they are judged too; the result says so
    const refused =
      extBool(account, 'shared_key_access_allowed') === false ? ' (shared key access is disabled)' : '';
    const unrecorded = account.ext.access_key_creation_unrecorded;
    if (!Array.isArray(unrecorded))
      return error(`${name}: the creation times of the access keys were not collected`);
    const policyDays = extNum(account, 'key_expiration_days');
    const limit = policyDays !== null && policyDays < max_age_days ? policyDays : max_age_days;
    const limitText =
      limit === max_age_days ? `${limit} days` : `${limit} days (the account key expiration period)`;
    const evidence = {
      access_key_created: account.ext.access_key_created,
      key_expiration_days: policyDays,
      max_age_days: limit,
    };
    if (unrecorded.length > 0) {
      return fail(
        `${name}: Azure has no creation time for ${unrecorded.join(' and ')}: not regenerated since Azure began recording key creation times (2021)${refused}`,
        { evidence },
      );
    }
    const oldest = extNum(account, 'access_key_oldest_days');
    if (oldest === null) return error(`${name}: the age of the access keys is unreadable`);
    if (oldest > limit)
      return fail(`${name}: an access key is ${oldest} days old, older than ${limitText}${refused}`, {
        evidence,
      });
    return pass(`${name}: both access keys were regenerated within ${limitText}${refused}`);
  },
});
