import type { Remediation, ResourceCheck } from '../../../core/check.js';
import type { ResourceRecord } from '../../../core/record.js';
import type { Severity } from '../../../core/severity.js';
import { azureSettingCheck } from '../setting-check.js';

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
  notApplicableBecause?: (account: ResourceRecord) => string | null;
}): ResourceCheck {
  const { references, ...rest } = def;
  return azureSettingCheck({
    ...rest,
    resource: STORAGE_ACCOUNT,
    triggers: STORAGE_ACCOUNT_WRITES,
    references: references.map((r) => (r.startsWith('https://') ? r : `${DOCS}${r}`)),
  });
}

/** Not applicable to an account kind without a blob service (FileStorage). */
export const withoutBlobService = (a: ResourceRecord) =>
  a.ext.has_blob_service === false ? `${a.com.name} has no blob service (kind ${String(a.ext.kind)})` : null;

/** Not applicable to an account kind without a file service (BlobStorage, BlockBlobStorage). */
export const withoutFileService = (a: ResourceRecord) =>
  a.ext.has_file_service === false ? `${a.com.name} has no file service (kind ${String(a.ext.kind)})` : null;
