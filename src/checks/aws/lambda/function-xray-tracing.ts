import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extStr } from '../facts.js';

export default defineCheck({
  id: 'aws.lambda.function_xray_tracing',
  title: 'Lambda functions have AWS X-Ray active tracing',
  severity: 'low',
  resource: 'aws.lambda.function',
  triggers: [],
  description: 'Active tracing with AWS X-Ray is off for the function.',
  risk: 'Requests through the function leave no trace of their path and timing, which slows the investigation of failures and abuse.',
  remediation: {
    text: 'Turn on active tracing for the function (its role needs the X-Ray write permissions).',
    cli: 'aws lambda update-function-configuration --function-name <function> --tracing-config Mode=Active',
  },
  references: ['https://docs.aws.amazon.com/lambda/latest/dg/services-xray.html'],
  evaluate(fn) {
    const mode = extStr(fn, 'tracing_mode');
    if (mode === null) return error('the tracing configuration is missing from the answer');
    return mode === 'Active' ? pass('active tracing is on') : fail(`${fn.com.name} tracing mode is ${mode}`);
  },
});
