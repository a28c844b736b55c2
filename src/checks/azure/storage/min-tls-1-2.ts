import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extStr } from '../../facts.js';
import { STORAGE_ACCOUNT, STORAGE_ACCOUNT_WRITES } from './account-setting.js';

export default defineCheck({
  id: 'azure.storage.account_min_tls_1_2',
  title: 'Storage accounts require TLS 1.2 or later',
  severity: 'medium',
  resource: STORAGE_ACCOUNT,
  facts: { [STORAGE_ACCOUNT]: ['minimum_tls_version'] },
  triggers: STORAGE_ACCOUNT_WRITES,
  description: 'The storage account accepts TLS versions older than 1.2.',
  risk: 'TLS 1.0 and 1.1 have known weaknesses and are deprecated; clients can be downgraded to them.',
  remediation: {
    text: 'Set the minimum TLS version of the account to 1.2.',
    cli: 'az storage account update --name <account> --resource-group <group> --min-tls-version TLS1_2',
  },
  references: [
    'https://learn.microsoft.com/azure/storage/common/transport-layer-security-configure-minimum-version',
  ],
  evaluate(account) {
    const v = extStr(account, 'minimum_tls_version');
    if (v === null) return error(`${account.com.name}: the minimum TLS version Azure reports cannot be read`);
    return v >= '1.2'
      ? pass(`${account.com.name} requires TLS ${v}`)
      : fail(`${account.com.name} accepts TLS ${v}`);
  },
});
