import { defineCheck } from '../../../core/check.js';
import { fail, pass } from '../../../core/result.js';
import { extStr } from '../../facts.js';
import { STORAGE_ACCOUNT } from './account-setting.js';

const LOCK = 'azure.authorization.lock';

/** Lock levels that stop a delete: CanNotDelete, and ReadOnly (which also stops writes). */
const STOPS_DELETE = new Set(['cannotdelete', 'readonly']);

/** A lock applies to its scope and everything below it. */
const covers = (lockScope: string, resourceId: string): boolean => {
  const scope = lockScope.toLowerCase();
  const id = resourceId.toLowerCase();
  return id === scope || id.startsWith(`${scope}/`);
};

/**
 * A subscription check, one result per storage account: a lock that stops deletion applies to
 * the account, set on the account itself, its resource group or the subscription.
 */
export default defineCheck({
  id: 'azure.storage.account_delete_lock',
  title: 'Storage accounts are protected by a delete lock',
  severity: 'low',
  scope: 'account',
  uses: [STORAGE_ACCOUNT, LOCK],
  // the account list alone: no per-account read
  facts: { [STORAGE_ACCOUNT]: ['kind'], [LOCK]: ['level', 'scope'] },
  clouds: ['azure'],
  triggers: [
    'Microsoft.Authorization/locks/write',
    'Microsoft.Authorization/locks/delete',
    'Microsoft.Storage/storageAccounts/write',
  ],
  description:
    'No CanNotDelete or ReadOnly lock applies to the storage account (on the account, its resource group or the subscription).',
  risk: 'One mistaken or malicious delete of the account (a script, a compromised operator) destroys every container, share, queue and table in it at once; soft delete does not cover a deleted account.',
  remediation: {
    text: 'Add a CanNotDelete lock to storage accounts that hold data the business needs (CIS Azure 9.3.9, a manual control: which accounts need one is a judgement).',
    cli: 'az lock create --name <lock> --lock-type CanNotDelete --resource-group <group> --resource <account> --resource-type Microsoft.Storage/storageAccounts',
  },
  references: ['https://learn.microsoft.com/azure/azure-resource-manager/management/lock-resources'],
  evaluate(ctx) {
    const accounts = ctx.resources(STORAGE_ACCOUNT);
    const locks = ctx
      .resources(LOCK)
      .filter((l) => STOPS_DELETE.has((extStr(l, 'level') ?? '').toLowerCase()))
      .map((l) => ({ name: l.com.name, level: extStr(l, 'level'), scope: extStr(l, 'scope') ?? '' }));
    return accounts.map((a) => {
      const subject = { reference: a.com.reference, name: a.com.name, record_type: STORAGE_ACCOUNT };
      const lock = locks.find((l) => l.scope !== '' && covers(l.scope, a.com.reference));
      return lock
        ? { ...pass(`${a.com.name} is protected by the ${lock.level} lock ${lock.name}`), resource: subject }
        : { ...fail(`${a.com.name}: no lock stops its deletion`), resource: subject };
    });
  },
});
