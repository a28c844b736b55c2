import { defineCheck } from '../../../core/check.js';
import { fail, pass } from '../../../core/result.js';

const CONTACT = 'gcp.essentialcontacts.contact';
/** The notification categories CIS asks a contact for (ALL covers every one). */
const REQUIRED = ['LEGAL', 'SECURITY', 'SUSPENSION', 'TECHNICAL', 'TECHNICAL_INCIDENTS'];

export default defineCheck({
  id: 'gcp.essentialcontacts.configured',
  title: 'Essential contacts receive legal, security, suspension and technical notices',
  severity: 'low',
  scope: 'account',
  uses: [CONTACT],
  triggers: ['CreateContact', 'UpdateContact', 'DeleteContact'].map(
    (m) => `google.cloud.essentialcontacts.v1.EssentialContactsService.${m}`,
  ),
  description:
    'No essential contact of the project or its organisation subscribes to one of the categories Google uses for important notices (legal, security, suspension, technical, technical incidents).',
  risk: 'Google sends security advisories and suspension notices to these contacts; without them the notices reach no one who acts.',
  remediation: {
    text: 'Add contacts on the organisation (inherited by every project) for the missing categories, or one for ALL.',
    cli: 'gcloud essential-contacts create --email=<address> --notification-categories=LEGAL,SECURITY,SUSPENSION,TECHNICAL,TECHNICAL_INCIDENTS --organization=<org-id>',
  },
  references: ['https://cloud.google.com/resource-manager/docs/managing-notification-contacts'],
  evaluate(ctx) {
    const contacts = ctx.resources(CONTACT);
    const covered = new Set(
      contacts.flatMap((c) => (Array.isArray(c.ext.categories) ? (c.ext.categories as string[]) : [])),
    );
    const missing = covered.has('ALL') ? [] : REQUIRED.filter((c) => !covered.has(c));
    if (missing.length === 0) return pass(`contacts cover ${REQUIRED.join(', ')}`);
    return fail(`project ${ctx.account} has no essential contact for ${missing.join(', ')}`, {
      evidence: {
        missing,
        contacts: contacts.map((c) => ({
          email: c.com.name,
          categories: c.ext.categories,
          set_on: c.ext.set_on,
        })),
      },
    });
  },
});
