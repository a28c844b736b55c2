import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { extBool, extStr, whyUnknown } from '../facts.js';

export default defineCheck({
  id: 'aws.elbv2.drop_invalid_header_fields',
  title: 'Application Load Balancers drop invalid HTTP headers',
  severity: 'medium',
  resource: 'aws.elbv2.load_balancer',
  facts: { 'aws.elbv2.load_balancer': ['type', 'drop_invalid_header_fields'] },
  triggers: [],
  description:
    'The Application Load Balancer forwards HTTP headers whose names are not valid to its targets.',
  risk: 'Malformed headers are a tool of HTTP request smuggling and desync attacks against the targets behind the load balancer.',
  remediation: {
    text: 'Turn on dropping of invalid header fields on the load balancer.',
    cli: 'aws elbv2 modify-load-balancer-attributes --load-balancer-arn <lb-arn> --attributes Key=routing.http.drop_invalid_header_fields.enabled,Value=true',
  },
  references: [
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#load-balancer-attributes',
  ],
  evaluate(lb) {
    if (extStr(lb, 'type') !== 'application') return notApplicable('not an Application Load Balancer');
    const on = extBool(lb, 'drop_invalid_header_fields');
    if (on === null) return error(`the attributes could not be read${whyUnknown(lb, 'attributes')}`);
    return on
      ? pass('invalid header fields are dropped')
      : fail(`${lb.com.name} forwards invalid header fields`);
  },
});
