import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool } from '../facts.js';

export default defineCheck({
  id: 'aws.apigateway.stage_xray_tracing',
  title: 'API Gateway REST API stages have X-Ray tracing',
  severity: 'low',
  resource: 'aws.apigateway.stage',
  triggers: ['UpdateStage', 'CreateStage'],
  description: 'AWS X-Ray active tracing is off for the REST API stage.',
  risk: 'Without traces, latency spikes, failing integrations and unusual call paths through the API are hard to find.',
  remediation: {
    text: 'Turn on X-Ray tracing for the stage.',
    cli: 'aws apigateway update-stage --rest-api-id <api-id> --stage-name <stage> --patch-operations op=replace,path=/tracingEnabled,value=true',
  },
  references: ['https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-xray.html'],
  evaluate(stage) {
    const on = extBool(stage, 'tracing_enabled');
    if (on === null) return error('the stage tracing setting could not be read');
    return on ? pass('X-Ray tracing is on') : fail(`${stage.com.name} has X-Ray tracing off`);
  },
});
