import { defineCheck, type Remediation, type ResourceCheck } from '../../../core/check.js';
import type { ResourceRecord } from '../../../core/record.js';
import { error, fail, pass } from '../../../core/result.js';
import type { Severity } from '../../../core/severity.js';
import { extBool } from '../../facts.js';

export const STORAGE_ACCOUNT = 'azure.storage.account';

/** The Activity Log operations that change a storage account's settings. */
export const STORAGE_ACCOUNT_WRITES = ['Microsoft.Storage/storageAccounts/write'];

const DOCS = 'https://learn.microsoft.com/azure/storage/common/';

/**
 * A storage account check over one boolean fact of the account: `want` is the compliant value.
 * A fact the normaliser could not establish (null) is an error naming it, never a pass.
 */
export function storageAccountSetting(def: {
  id: string;
  title: string;
  severity: Severity;
  fact: string;
  want: boolean;
  description: string;
  risk: string;
  remediation: Remediation;
  /** pages below learn.microsoft.com/azure/storage/common/ or full URLs */
  references: string[];
  /** the result messages, for the account's name */
  passed: (name: string) => string;
  failed: (name: string) => string;
}): ResourceCheck {
  return defineCheck({
    id: def.id,
    title: def.title,
    severity: def.severity,
    resource: STORAGE_ACCOUNT,
    facts: { [STORAGE_ACCOUNT]: [def.fact] },
    triggers: STORAGE_ACCOUNT_WRITES,
    description: def.description,
    risk: def.risk,
    remediation: def.remediation,
    references: def.references.map((r) => (r.startsWith('https://') ? r : `${DOCS}${r}`)),
    evaluate(account: ResourceRecord) {
      const v = extBool(account, def.fact);
      if (v === null) return error(`${account.com.name}: Azure's answer does not say (${def.fact} unknown)`);
      return v === def.want ? pass(def.passed(account.com.name)) : fail(def.failed(account.com.name));
    },
  });
}
