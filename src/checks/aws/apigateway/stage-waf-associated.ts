import { defineCheck } from '../../../core/check.js';
import { fail, pass } from '../../../core/result.js';
import { extStr } from '../facts.js';

export default defineCheck({
  id: 'aws.apigateway.stage_waf_associated',
  title: 'API Gateway REST API stages are protected by AWS WAF',
  severity: 'medium',
  resource: 'aws.apigateway.stage',
  triggers: ['AssociateWebACL', 'DisassociateWebACL', 'UpdateStage'],
  description: 'No AWS WAF web ACL is associated with the REST API stage.',
  risk: 'Injection attempts, bots and request floods reach the API and its backend without filtering.',
  remediation: {
    text: 'Associate a regional WAFv2 web ACL with the stage.',
    cli: 'aws wafv2 associate-web-acl --web-acl-arn <web-acl-arn> --resource-arn arn:aws:apigateway:<region>::/restapis/<api-id>/stages/<stage>',
  },
  references: [
    'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-aws-waf.html',
  ],
  evaluate(stage) {
    const acl = extStr(stage, 'web_acl_arn');
    return acl ? pass(`web ACL ${acl}`) : fail(`${stage.com.name} has no WAF web ACL`);
  },
});
