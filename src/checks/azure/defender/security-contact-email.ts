import { extList } from '../../facts.js';
import { securityContactSetting } from './contact-setting.js';

export default securityContactSetting({
  id: 'azure.defender.security_contact_email',
  title: 'Defender for Cloud mails a security contact address',
  setting: 'a security contact email address',
  description: 'No additional email address is set for Defender for Cloud alerts.',
  risk: "Alerts reach only role holders, not the security team's mailbox, so they can be missed.",
  remediation: 'Add the security team\'s address under "Additional email addresses"',
  ok: (c) => (extList<string>(c, 'emails') ?? []).length > 0,
  detail: (c) => (extList<string>(c, 'emails') ?? []).join(', '),
});
