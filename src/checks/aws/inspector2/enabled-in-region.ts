import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool, extStr } from '../facts.js';

export default defineCheck({
  id: 'aws.inspector2.enabled_in_region',
  title: 'Amazon Inspector scanning is enabled in every region',
  severity: 'low',
  resource: 'aws.inspector2.account_status',
  triggers: ['Enable', 'Disable'],
  description: 'Amazon Inspector is not activated for the account in the region.',
  risk: 'Known vulnerabilities in EC2 instances, container images and Lambda functions of that region are not found or reported.',
  remediation: {
    text: 'Activate Inspector for EC2, ECR and Lambda scanning in each region (or for the organisation from its delegated administrator).',
    cli: 'aws inspector2 enable --resource-types EC2 ECR LAMBDA --region <region>',
  },
  references: ['https://docs.aws.amazon.com/inspector/latest/user/getting_started_tutorial.html'],
  evaluate(rec) {
    const on = extBool(rec, 'enabled');
    if (on === null)
      return error(
        `the Inspector status could not be read${rec.ext.failure ? `: ${String(rec.ext.failure)}` : ''}`,
      );
    return on
      ? pass('Inspector is enabled')
      : fail(`Inspector is ${extStr(rec, 'status') ?? 'not enabled'} in ${rec.com.region}`);
  },
});
