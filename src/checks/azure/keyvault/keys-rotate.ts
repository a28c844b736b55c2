import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { extList, whyUnknown } from '../../facts.js';
import { KEY_VAULT, KEY_VAULT_WRITES } from './vault.js';

const SHOWN = 5;

/**
 * CIS 8.3.9: every enabled key of a vault rotates automatically (its rotation policy has a
 * lifetime action of type rotate). A vault without enabled keys is not applicable; keys or
 * policies Azure did not answer are an error, never a pass.
 */
export default defineCheck({
  id: 'azure.keyvault.keys_rotate_automatically',
  title: 'Key vault keys rotate automatically',
  severity: 'medium',
  resource: KEY_VAULT,
  facts: { [KEY_VAULT]: ['keys', 'keys_without_rotation'] },
  triggers: KEY_VAULT_WRITES,
  description: 'An enabled key of the vault has no rotation policy with a Rotate action.',
  risk: 'A key that is never rotated protects ever more data for ever longer; a compromised key stays in use until someone rotates it by hand.',
  remediation: {
    text: 'Give every key a rotation policy with a Rotate lifetime action (for example 30 days before expiry, with an expiry time of a year or less).',
    cli: 'az keyvault key rotation-policy update --vault-name <vault> --name <key> --value @policy.json',
  },
  references: ['https://learn.microsoft.com/azure/key-vault/keys/how-to-configure-key-rotation'],
  evaluate(vault) {
    const name = vault.com.name;
    const without = extList<string>(vault, 'keys_without_rotation');
    if (without === null)
      return error(
        `${name}: the rotation policies of its keys could not be read${whyUnknown(vault, 'keys_without_rotation')}`,
      );
    const keys = extList<{ enabled?: unknown }>(vault, 'keys');
    if (keys !== null && !keys.some((k) => k.enabled !== false))
      return notApplicable(`${name} has no enabled key`);
    if (without.length === 0) return pass(`every enabled key of ${name} rotates automatically`);
    const shown = without.slice(0, SHOWN).join(', ');
    const more = without.length > SHOWN ? ` and ${without.length - SHOWN} more` : '';
    return fail(`${name}: ${without.length} enabled key(s) do not rotate automatically: ${shown}${more}`, {
      evidence: { keys_without_rotation: without },
    });
  },
});
