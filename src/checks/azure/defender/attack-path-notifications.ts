import { extBool, extStr } from '../../facts.js';
import { securityContactSetting } from './contact-setting.js';

export default securityContactSetting({
  id: 'azure.defender.attack_path_notifications',
  title: 'Defender for Cloud mails about attack paths from a chosen risk level up',
  setting: 'attack path notifications',
  description: 'Defender for Cloud sends no mail about new attack paths.',
  risk: 'An exploitable path to critical resources stays unnoticed until someone opens the portal.',
  remediation:
    'Turn on "Notify about attack paths with the following risk level (or higher)" and choose a level',
  ok: (c) => extBool(c, 'attack_path_notifications') === true,
  detail: (c) => `from ${extStr(c, 'attack_path_min_risk')} risk`,
});
