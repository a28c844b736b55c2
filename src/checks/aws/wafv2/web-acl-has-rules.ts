import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extList, whyUnknown } from '../facts.js';

export default defineCheck({
  id: 'aws.wafv2.web_acl_has_rules',
  title: 'AWS WAF web ACLs have at least one rule or rule group',
  severity: 'medium',
  resource: 'aws.wafv2.web_acl',
  facts: { 'aws.wafv2.web_acl': ['rules'] },
  triggers: ['UpdateWebACL', 'CreateWebACL'],
  description: 'The web ACL has no rules and no rule groups: it only applies its default action.',
  risk: 'The resources behind it look protected but every request is let through (or blocked) without inspection.',
  remediation: {
    text: 'Add rules or managed rule groups (for example the AWS core rule set) to the web ACL.',
    cli: 'aws wafv2 update-web-acl --name <name> --id <id> --scope REGIONAL --lock-token <token> --default-action Allow={} --rules file://rules.json --visibility-config SampledRequestsEnabled=true,CloudWatchMetricsEnabled=true,MetricName=<name>',
  },
  references: ['https://docs.aws.amazon.com/waf/latest/developerguide/web-acl-editing.html'],
  evaluate(acl) {
    const rules = extList(acl, 'rules');
    if (rules === null) return error(`the web ACL could not be read${whyUnknown(acl, 'webAcl')}`);
    return rules.length > 0
      ? pass(`${rules.length} rule(s)`)
      : fail(`${acl.com.name} has no rules or rule groups`);
  },
});
