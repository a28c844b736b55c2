import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool, extList, whyUnknown } from '../facts.js';

export default defineCheck({
  id: 'aws.lambda.function_not_public',
  title: 'Lambda function policies do not let anyone invoke the function',
  severity: 'high',
  resource: 'aws.lambda.function',
  facts: { 'aws.lambda.function': ['policy_public', 'public_statements'] },
  triggers: [],
  description:
    "The function's resource-based policy allows every principal, or Amazon S3 on behalf of any bucket owner, without a condition that pins the caller's account, organisation or source.",
  risk: 'Anyone on the internet with an AWS account can invoke the function (or read it, depending on the actions granted), running its code with its role and its access to your data.',
  remediation: {
    text: 'Remove the public statement, or add a condition that names your account or organisation (aws:SourceAccount, aws:SourceArn or aws:PrincipalOrgID; for Amazon S3 triggers, aws:SourceAccount).',
    cli: 'aws lambda remove-permission --function-name <function> --statement-id <sid>',
  },
  references: ['https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html'],
  evaluate(fn) {
    const open = extBool(fn, 'policy_public');
    if (open === null) return error(`the function policy could not be read${whyUnknown(fn, 'policy')}`);
    if (!open) return pass('the function policy grants no public access');
    const sids = extList<string>(fn, 'public_statements') ?? [];
    return fail(`${fn.com.name} can be invoked by anyone (${sids.join(', ')})`, {
      evidence: { public_statements: sids },
    });
  },
});
