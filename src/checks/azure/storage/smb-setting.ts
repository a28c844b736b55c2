import { defineCheck, type ResourceCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { extList, whyUnknown } from '../../facts.js';
import { STORAGE_ACCOUNT, withoutFileService } from './account-setting.js';

/**
 * An Azure Files SMB setting of an account: every value the file service allows must be one
 * of `strong` (Azure allows all it supports when the setting is left empty; the normaliser
 * lists them then).
 */
export function smbSettingCheck(def: {
  id: string;
  title: string;
  fact: 'smb_versions' | 'smb_channel_encryption';
  /** what the values are, for messages */
  what: string;
  strong: readonly string[];
  description: string;
  risk: string;
  cli: string;
  reference: string;
}): ResourceCheck {
  const strong = new Set(def.strong.map((s) => s.toLowerCase()));
  return defineCheck({
    id: def.id,
    title: def.title,
    severity: 'medium',
    resource: STORAGE_ACCOUNT,
    facts: { [STORAGE_ACCOUNT]: [def.fact] },
    triggers: [
      'Microsoft.Storage/storageAccounts/write',
      'Microsoft.Storage/storageAccounts/fileServices/write',
    ],
    description: def.description,
    risk: def.risk,
    remediation: {
      text: `Allow only ${def.strong.join(', ')} in the account's SMB ${def.what}.`,
      cli: def.cli,
    },
    references: [def.reference],
    evaluate(account) {
      const why = withoutFileService(account);
      if (why !== null) return notApplicable(why);
      const allowed = extList<string>(account, def.fact);
      if (allowed === null)
        return error(
          `${account.com.name}: the SMB ${def.what} cannot be read${whyUnknown(account, def.fact)}`,
        );
      const weak = allowed.filter((v) => !strong.has(v.toLowerCase()));
      return weak.length === 0
        ? pass(`${account.com.name} allows only ${allowed.join(', ')}`)
        : fail(`${account.com.name} allows SMB ${def.what} ${weak.join(', ')}`, {
            evidence: { [def.fact]: allowed },
          });
    },
  });
}
