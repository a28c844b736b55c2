import { defineCheck, type ResourceCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { extBool, extList, whyUnknown } from '../../facts.js';
import { KEY_VAULT, KEY_VAULT_DOCS, KEY_VAULT_WRITES } from './vault.js';

const SHOWN = 5;

/**
 * CIS 8.3.1-8.3.4: every enabled key (or secret) of a vault of one permission model has an
 * expiry date. A vault of the other model is not applicable; a list Azure did not answer is
 * an error, never a pass.
 */
export function expiryCheck(kind: 'keys' | 'secrets', model: 'rbac' | 'access_policy'): ResourceCheck {
  const fact = `${kind}_without_expiry`;
  const noun = kind === 'keys' ? 'key' : 'secret';
  const modelName = model === 'rbac' ? 'RBAC' : 'access-policy';
  return defineCheck({
    id: `azure.keyvault.${kind}_expire_${model}`,
    title: `${kind === 'keys' ? 'Keys' : 'Secrets'} in ${modelName} key vaults have an expiry date`,
    severity: 'medium',
    resource: KEY_VAULT,
    facts: { [KEY_VAULT]: [fact, 'rbac_authorization'] },
    triggers: KEY_VAULT_WRITES,
    description: `An enabled ${noun} of a key vault using ${modelName === 'RBAC' ? 'Azure RBAC' : 'access policies'} has no expiry date.`,
    risk: `A ${noun} without an expiry date stays valid indefinitely: a leaked one is never forced out of use, and rotation is never prompted.`,
    remediation: {
      text: `Set an expiry date on every enabled ${noun}${kind === 'keys' ? ', or a rotation policy that sets one' : ''}.`,
      cli: `az keyvault ${noun} set-attributes --vault-name <vault> --name <${noun}> --expires <YYYY-MM-DDThh:mm:ssZ>`,
    },
    references: [`${KEY_VAULT_DOCS}about-keys-secrets-certificates`],
    evaluate(vault) {
      const rbac = extBool(vault, 'rbac_authorization');
      if (rbac === null) return error(`${vault.com.name}: the permission model cannot be read`);
      if (rbac !== (model === 'rbac'))
        return notApplicable(`${vault.com.name} does not use ${modelName} permissions`);
      const missing = extList<string>(vault, fact);
      if (missing === null)
        return error(`${vault.com.name}: its ${kind} could not be listed${whyUnknown(vault, fact)}`);
      if (missing.length === 0) return pass(`every enabled ${noun} of ${vault.com.name} expires`);
      const shown = missing.slice(0, SHOWN).join(', ');
      const more = missing.length > SHOWN ? ` and ${missing.length - SHOWN} more` : '';
      return fail(`${vault.com.name}: ${missing.length} enabled ${noun}(s) never expire: ${shown}${more}`, {
        evidence: { [fact]: missing },
      });
    },
  });
}
