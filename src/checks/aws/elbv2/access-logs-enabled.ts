import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { extBool, extStr, whyUnknown } from '../facts.js';

export default defineCheck({
  id: 'aws.elbv2.access_logs_enabled',
  title: 'Application and Network Load Balancers write access logs',
  severity: 'low',
  resource: 'aws.elbv2.load_balancer',
  facts: { 'aws.elbv2.load_balancer': ['type', 'access_logs_enabled'] },
  triggers: [],
  description: 'Access logging is off for the load balancer.',
  risk: 'Without access logs there is no record of client addresses, request paths and responses to investigate an attack on the application.',
  remediation: {
    text: 'Enable access logs to an S3 bucket whose policy lets Elastic Load Balancing write to it.',
    cli: 'aws elbv2 modify-load-balancer-attributes --load-balancer-arn <lb-arn> --attributes Key=access_logs.s3.enabled,Value=true Key=access_logs.s3.bucket,Value=<bucket>',
  },
  references: [
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html',
  ],
  evaluate(lb) {
    if (extStr(lb, 'type') === 'gateway') return notApplicable('Gateway Load Balancers have no access logs');
    const on = extBool(lb, 'access_logs_enabled');
    if (on === null) return error(`the attributes could not be read${whyUnknown(lb, 'attributes')}`);
    return on ? pass('access logs are enabled') : fail(`${lb.com.name} writes no access logs`);
  },
});
