import { extBool, extStr } from '../../facts.js';
import { securityContactSetting } from './contact-setting.js';

export default securityContactSetting({
  id: 'azure.defender.alert_notifications',
  title: 'Defender for Cloud mails about alerts from a chosen severity up',
  setting: 'alert notifications',
  description: 'Defender for Cloud sends no mail about security alerts.',
  risk: 'High-severity alerts wait in the portal until someone looks.',
  remediation: 'Turn on "Notify about alerts with the following severity (or higher)" and choose a severity',
  ok: (c) => extBool(c, 'alert_notifications') === true,
  detail: (c) => `from ${extStr(c, 'alert_min_severity')} severity`,
});
