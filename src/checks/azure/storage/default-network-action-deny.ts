import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extStr } from '../../facts.js';
import { STORAGE_ACCOUNT, STORAGE_ACCOUNT_WRITES } from './account-setting.js';

export default defineCheck({
  id: 'azure.storage.account_default_network_action_deny',
  title: 'Storage account firewalls deny traffic by default',
  severity: 'medium',
  resource: STORAGE_ACCOUNT,
  facts: { [STORAGE_ACCOUNT]: ['network_default_action'] },
  triggers: STORAGE_ACCOUNT_WRITES,
  description: "The storage account firewall's default action is Allow: every network may reach it.",
  risk: 'Without a deny-by-default firewall, the account is exposed to any network on the internet, and only its credentials protect the data.',
  remediation: {
    text: 'Allow the virtual networks and address ranges that need the account, then set the default action to Deny.',
    cli: 'az storage account update --name <account> --resource-group <group> --default-action Deny',
  },
  references: ['https://learn.microsoft.com/azure/storage/common/storage-network-security'],
  evaluate(account) {
    const action = extStr(account, 'network_default_action');
    if (action === null) return error(`${account.com.name}: Azure's answer has no networkAcls.defaultAction`);
    return action.toLowerCase() === 'deny'
      ? pass(`${account.com.name} denies network access by default`)
      : fail(`${account.com.name} allows every network by default (defaultAction ${action})`);
  },
});
