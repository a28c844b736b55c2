import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool, extList, whyUnknown } from '../facts.js';

export default defineCheck({
  id: 'aws.sqs.queue_not_public',
  title: 'SQS queue policies do not let anyone use the queue',
  severity: 'high',
  resource: 'aws.sqs.queue',
  triggers: [],
  description:
    'The queue\'s access policy allows every principal ("*") without a condition that pins the caller\'s account, organisation or source.',
  risk: 'Anyone with an AWS account can send, read or delete messages as the policy allows: injecting work into your systems or reading what flows through them.',
  remediation: {
    text: 'Replace the "*" principal with the accounts or services that need the queue, or add an aws:SourceArn, aws:SourceAccount or aws:PrincipalOrgID condition.',
    cli: 'aws sqs set-queue-attributes --queue-url <queue-url> --attributes file://policy.json',
  },
  references: [
    'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-basic-examples-of-sqs-policies.html',
  ],
  evaluate(queue) {
    const open = extBool(queue, 'policy_public');
    if (open === null)
      return error(`the queue policy could not be read${whyUnknown(queue, 'policy', 'attributes')}`);
    if (!open) return pass('the queue policy grants no public access');
    const sids = extList<string>(queue, 'public_statements') ?? [];
    return fail(`${queue.com.name} can be used by anyone (${sids.join(', ')})`, {
      evidence: { public_statements: sids },
    });
  },
});
