import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool, extStr } from '../../facts.js';

export default defineCheck({
  id: 'azure.entra.user_mfa_registered',
  title: 'Every Entra ID user is registered for multifactor authentication',
  severity: 'high',
  resource: 'azure.entra.user_registration',
  triggers: [],
  description: 'The user has not registered a multifactor authentication method.',
  risk: 'The account is protected by its password alone; a leaked or guessed password gives full access.',
  remediation: {
    text: 'Require MFA registration (security defaults, or a conditional access registration policy) and follow up with the user.',
  },
  references: ['https://learn.microsoft.com/entra/identity/authentication/howto-mfa-userstates'],
  evaluate(user) {
    const registered = extBool(user, 'mfa_registered');
    if (registered === null)
      return error(`${user.com.name}: the MFA registration state is not in Graph's answer`);
    const who = `${user.com.name}${extStr(user, 'user_type') === 'guest' ? ' (guest)' : ''}`;
    return registered ? pass(`${who} is registered for MFA`) : fail(`${who} has no MFA method registered`);
  },
});
