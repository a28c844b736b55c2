import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool, extStr } from '../../facts.js';

const SETTING = 'azure.security.setting';

export default defineCheck({
  id: 'azure.defender.endpoint_protection',
  title: 'Defender for Endpoint integration is on',
  severity: 'medium',
  scope: 'account',
  uses: [SETTING],
  clouds: ['azure'],
  triggers: ['Microsoft.Security/settings/write'],
  description: 'The WDATP setting of Defender for Cloud (Defender for Endpoint integration) is off.',
  risk: 'Servers get no endpoint detection and response from Defender for Endpoint, and its alerts do not reach Defender for Cloud.',
  remediation: {
    text: 'Turn on "Endpoint protection" in the Defender for Servers plan settings.',
    cli: 'az security setting update --name WDATP --enabled true',
  },
  references: ['https://learn.microsoft.com/azure/defender-for-cloud/integration-defender-for-endpoint'],
  evaluate(ctx) {
    const wdatp = ctx.resources(SETTING).find((r) => extStr(r, 'setting')?.toUpperCase() === 'WDATP');
    if (!wdatp) return error('Defender for Cloud lists no WDATP setting for the subscription');
    const on = extBool(wdatp, 'enabled');
    if (on === null) return error("the WDATP setting's state is not in Azure's answer");
    return on
      ? pass('the Defender for Endpoint integration (WDATP) is on')
      : fail('the Defender for Endpoint integration (WDATP) is off');
  },
});
