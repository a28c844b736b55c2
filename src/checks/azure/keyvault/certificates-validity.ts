import { z } from 'zod';
import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { extList, whyUnknown } from '../../facts.js';
import { KEY_VAULT, KEY_VAULT_WRITES } from './vault.js';

const SHOWN = 5;

interface Certificate {
  name: string;
  enabled?: boolean;
  validity_months?: number | null;
}

/**
 * CIS 8.3.11: every enabled certificate of a vault is issued for at most 12 months (its
 * issuance policy's validity). The certificates come from the vault's data plane: a vault that
 * refused the reads (its firewall, no data-plane permission) is an error with Azure's reason,
 * never a pass; a vault without enabled certificates is not applicable.
 */
export default defineCheck({
  id: 'azure.keyvault.certificates_validity_12_months',
  title: 'Key vault certificates are valid for at most 12 months',
  severity: 'medium',
  resource: KEY_VAULT,
  facts: { [KEY_VAULT]: ['certificates'] },
  triggers: KEY_VAULT_WRITES,
  description:
    'An enabled certificate of the key vault is issued for longer than the allowed validity (12 months by default).',
  risk: 'A long-lived certificate stays trusted long after its key may have leaked, and its renewal is rare enough to be forgotten or done by hand.',
  remediation: {
    text: 'Set the validity of the certificate issuance policy to 12 months or less, with an automatic renewal lifetime action, and renew the certificate.',
    cli: 'az keyvault certificate set-attributes --vault-name <vault> --name <certificate> --policy @policy.json  # x509_props.validity_months: 12',
  },
  references: ['https://learn.microsoft.com/azure/key-vault/certificates/about-certificates'],
  params: z.object({ max_validity_months: z.number().int().positive().default(12) }),
  evaluate(vault, { max_validity_months }) {
    const name = vault.com.name;
    const certs = extList<Certificate>(vault, 'certificates');
    if (certs === null)
      return error(`${name}: its certificates could not be read${whyUnknown(vault, 'certificates')}`);
    const enabled = certs.filter((c) => c.enabled !== false);
    if (enabled.length === 0) return notApplicable(`${name} has no enabled certificate`);
    const unknown = enabled.filter((c) => typeof c.validity_months !== 'number').map((c) => c.name);
    const long = enabled
      .filter((c) => typeof c.validity_months === 'number' && c.validity_months > max_validity_months)
      .map((c) => `${c.name} (${c.validity_months} months)`);
    if (long.length > 0) {
      const shown = long.slice(0, SHOWN).join(', ');
      const more = long.length > SHOWN ? ` and ${long.length - SHOWN} more` : '';
      return fail(
        `${name}: ${long.length} certificate(s) valid for more than ${max_validity_months} months: ${shown}${more}`,
        { evidence: { certificates: long, max_validity_months } },
      );
    }
    if (unknown.length > 0)
      return error(`${name}: the validity of certificate(s) ${unknown.join(', ')} is unreadable`);
    return pass(`every enabled certificate of ${name} is valid for ${max_validity_months} months or less`);
  },
});
