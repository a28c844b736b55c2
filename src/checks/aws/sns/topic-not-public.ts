import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool, extList, whyUnknown } from '../facts.js';

export default defineCheck({
  id: 'aws.sns.topic_not_public',
  title: 'SNS topic policies do not let anyone use the topic',
  severity: 'high',
  resource: 'aws.sns.topic',
  triggers: [],
  description:
    'The topic\'s access policy allows every principal ("*") without a condition that pins the caller\'s account, organisation or source.',
  risk: 'Anyone with an AWS account can publish to the topic or subscribe to it as the policy allows: spoofed notifications reach your systems, or your messages reach strangers.',
  remediation: {
    text: 'Replace the "*" principal with the accounts or services that need the topic, or add an aws:SourceAccount, aws:SourceArn or aws:PrincipalOrgID condition.',
    cli: 'aws sns set-topic-attributes --topic-arn <topic-arn> --attribute-name Policy --attribute-value file://policy.json',
  },
  references: ['https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html'],
  evaluate(topic) {
    const open = extBool(topic, 'policy_public');
    if (open === null)
      return error(`the topic policy could not be read${whyUnknown(topic, 'policy', 'attributes')}`);
    if (!open) return pass('the topic policy grants no public access');
    const sids = extList<string>(topic, 'public_statements') ?? [];
    return fail(`${topic.com.name} can be used by anyone (${sids.join(', ')})`, {
      evidence: { public_statements: sids },
    });
  },
});
