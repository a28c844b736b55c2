import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool, whyUnknown } from '../facts.js';

export default defineCheck({
  id: 'aws.elb.access_logs_enabled',
  title: 'Classic Load Balancers write access logs',
  severity: 'low',
  resource: 'aws.elb.load_balancer',
  facts: { 'aws.elb.load_balancer': ['access_logs_enabled'] },
  triggers: [],
  description: 'Access logging is off for the Classic Load Balancer.',
  risk: 'There is no record of which clients sent which requests when an attack on the application must be investigated.',
  remediation: {
    text: 'Enable access logs to an S3 bucket that Elastic Load Balancing may write to.',
    cli: 'aws elb modify-load-balancer-attributes --load-balancer-name <lb> --load-balancer-attributes "{\\"AccessLog\\":{\\"Enabled\\":true,\\"S3BucketName\\":\\"<bucket>\\",\\"EmitInterval\\":60}}"',
  },
  references: ['https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/enable-access-logs.html'],
  evaluate(lb) {
    const on = extBool(lb, 'access_logs_enabled');
    if (on === null) return error(`the attributes could not be read${whyUnknown(lb, 'attributes')}`);
    return on ? pass('access logs are enabled') : fail(`${lb.com.name} writes no access logs`);
  },
});
