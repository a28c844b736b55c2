import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool, extList, whyUnknown } from '../facts.js';

interface Rule {
  name: string | null;
  metrics_enabled: boolean;
}

export default defineCheck({
  id: 'aws.wafv2.rule_metrics_enabled',
  title: 'AWS WAF web ACLs and their rules publish CloudWatch metrics',
  severity: 'medium',
  resource: 'aws.wafv2.web_acl',
  facts: { 'aws.wafv2.web_acl': ['rules', 'metrics_enabled'] },
  triggers: ['UpdateWebACL', 'CreateWebACL'],
  description: 'CloudWatch metrics are off for the web ACL or one of its rules.',
  risk: 'Without metrics no alarm can tell that a rule suddenly blocks (an attack) or matches nothing any more (a broken rule).',
  remediation: {
    text: 'Turn on CloudWatchMetricsEnabled in the visibility configuration of the web ACL and of each rule.',
    cli: 'aws wafv2 update-web-acl --name <name> --id <id> --scope REGIONAL --lock-token <token> --default-action Allow={} --rules file://rules-with-metrics.json --visibility-config SampledRequestsEnabled=true,CloudWatchMetricsEnabled=true,MetricName=<name>',
  },
  references: ['https://docs.aws.amazon.com/waf/latest/developerguide/monitoring-cloudwatch.html'],
  evaluate(acl) {
    const rules = extList<Rule>(acl, 'rules');
    const own = extBool(acl, 'metrics_enabled');
    if (rules === null || own === null)
      return error(`the web ACL could not be read${whyUnknown(acl, 'webAcl')}`);
    const off = [
      ...(own ? [] : ['the web ACL itself']),
      ...rules.filter((r) => !r.metrics_enabled).map((r) => `rule ${r.name}`),
    ];
    return off.length === 0
      ? pass('CloudWatch metrics are on for the web ACL and every rule')
      : fail(`${acl.com.name}: CloudWatch metrics are off for ${off.join(', ')}`);
  },
});
