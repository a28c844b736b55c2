import { extBool } from '../../facts.js';
import { securityContactSetting } from './contact-setting.js';

export default securityContactSetting({
  id: 'azure.defender.owners_notified',
  title: 'Subscription owners get Defender for Cloud alert mails',
  setting: 'alert mails to subscription owners',
  description: 'Defender for Cloud does not mail subscription owners about alerts.',
  risk: 'The people accountable for the subscription do not learn of an attack in progress.',
  remediation: 'Turn on "All users with the following roles" and choose Owner',
  ok: (c) => extBool(c, 'owners_notified') === true,
});
