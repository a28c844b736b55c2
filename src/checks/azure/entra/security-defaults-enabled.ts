import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool } from '../../facts.js';

const DEFAULTS = 'azure.entra.security_defaults';
const CONDITIONAL_ACCESS = 'azure.entra.conditional_access_policy';

export default defineCheck({
  id: 'azure.entra.security_defaults_enabled',
  title: 'Entra ID security defaults are on, or conditional access replaces them',
  severity: 'high',
  scope: 'account',
  uses: [DEFAULTS, CONDITIONAL_ACCESS],
  clouds: ['azure'],
  triggers: [],
  description: 'Security defaults are off and no conditional access policy is enabled in the tenant.',
  risk: 'Nothing requires MFA registration, blocks legacy authentication or protects privileged actions: one phished password is enough.',
  remediation: {
    text: 'Turn on security defaults (Entra admin center > Overview > Properties > Manage security defaults), or enforce the same with conditional access policies (Entra ID P1).',
  },
  references: ['https://learn.microsoft.com/entra/fundamentals/security-defaults'],
  evaluate(ctx) {
    const [defaults] = ctx.resources(DEFAULTS);
    if (!defaults) return error('Microsoft Graph returned no security defaults policy');
    const on = extBool(defaults, 'enabled');
    if (on === null) return error("the security defaults policy's state is not in Graph's answer");
    if (on) return pass('security defaults are on');
    // only when defaults are off does conditional access matter
    const enabled = ctx.resources(CONDITIONAL_ACCESS).filter((p) => extBool(p, 'enabled') === true);
    return enabled.length > 0
      ? pass(`security defaults are off; ${enabled.length} conditional access policies are enabled instead`)
      : fail('security defaults are off and no conditional access policy is enabled');
  },
});
