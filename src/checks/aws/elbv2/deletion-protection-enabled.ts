import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool, whyUnknown } from '../facts.js';

export default defineCheck({
  id: 'aws.elbv2.deletion_protection_enabled',
  title: 'Application, Network and Gateway Load Balancers have deletion protection',
  severity: 'medium',
  resource: 'aws.elbv2.load_balancer',
  facts: { 'aws.elbv2.load_balancer': ['deletion_protection'] },
  triggers: [],
  description: 'Deletion protection is off for the load balancer.',
  risk: 'One mistaken or malicious DeleteLoadBalancer call takes the application offline and loses its DNS name.',
  remediation: {
    text: 'Turn on deletion protection.',
    cli: 'aws elbv2 modify-load-balancer-attributes --load-balancer-arn <lb-arn> --attributes Key=deletion_protection.enabled,Value=true',
  },
  references: [
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#deletion-protection',
  ],
  evaluate(lb) {
    const on = extBool(lb, 'deletion_protection');
    if (on === null) return error(`the attributes could not be read${whyUnknown(lb, 'attributes')}`);
    return on ? pass('deletion protection is on') : fail(`${lb.com.name} has no deletion protection`);
  },
});
