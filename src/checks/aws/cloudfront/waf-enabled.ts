import { defineCheck } from '../../../core/check.js';
import { fail, pass } from '../../../core/result.js';
import { extStr } from '../facts.js';

export default defineCheck({
  id: 'aws.cloudfront.waf_enabled',
  title: 'CloudFront distributions are protected by AWS WAF',
  severity: 'medium',
  resource: 'aws.cloudfront.distribution',
  facts: { 'aws.cloudfront.distribution': ['web_acl_id'] },
  triggers: ['UpdateDistribution', 'CreateDistribution', 'AssociateWebACL'],
  description: 'No AWS WAF web ACL (WAF Classic or WAFv2) is associated with the distribution.',
  risk: 'Common web exploits, bots and request floods reach the application without filtering at the edge.',
  remediation: {
    text: 'Associate a WAFv2 web ACL of scope CLOUDFRONT (created in us-east-1) with the distribution.',
    cli: 'aws cloudfront update-distribution --id <id> --if-match <etag> --distribution-config file://dist-config.json  # WebACLId: <web-acl-arn>',
  },
  references: ['https://docs.aws.amazon.com/waf/latest/developerguide/cloudfront-features.html'],
  evaluate(d) {
    // the summary always carries WebACLId; empty text means none
    const acl = extStr(d, 'web_acl_id');
    return acl ? pass(`web ACL ${acl}`) : fail(`${d.com.name} has no WAF web ACL`);
  },
});
