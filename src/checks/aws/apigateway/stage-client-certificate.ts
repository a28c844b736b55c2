import { defineCheck } from '../../../core/check.js';
import { fail, pass } from '../../../core/result.js';
import { extStr } from '../facts.js';

export default defineCheck({
  id: 'aws.apigateway.stage_client_certificate',
  title: 'API Gateway REST API stages authenticate to their backend with a client certificate',
  severity: 'medium',
  resource: 'aws.apigateway.stage',
  triggers: ['UpdateStage', 'CreateStage'],
  description:
    'The REST API stage has no client certificate: the backend cannot tell that requests come from API Gateway.',
  risk: "An HTTP backend reachable from the internet accepts requests from anyone, around the API's authorisation, throttling and WAF.",
  remediation: {
    text: 'Generate a client certificate, set it on the stage and have the backend require it.',
    cli: 'aws apigateway generate-client-certificate --description backend\naws apigateway update-stage --rest-api-id <api-id> --stage-name <stage> --patch-operations op=replace,path=/clientCertificateId,value=<cert-id>',
  },
  references: [
    'https://docs.aws.amazon.com/apigateway/latest/developerguide/getting-started-client-side-ssl-authentication.html',
  ],
  evaluate(stage) {
    const cert = extStr(stage, 'client_certificate_id');
    return cert
      ? pass(`client certificate ${cert}`)
      : fail(`${stage.com.name} has no client certificate for its backend`);
  },
});
