import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool, whyUnknown } from '../facts.js';

export default defineCheck({
  id: 'aws.ecr.repository_lifecycle_policy',
  title: 'ECR repositories have a lifecycle policy',
  severity: 'medium',
  resource: 'aws.ecr.repository',
  facts: { 'aws.ecr.repository': ['has_lifecycle_policy'] },
  triggers: [],
  description: 'The repository has no lifecycle policy: old and untagged images are kept for ever.',
  risk: 'Old images with known vulnerabilities stay available to be pulled and deployed, and storage grows without bound.',
  remediation: {
    text: 'Add a lifecycle policy that expires untagged images and keeps only the recent tagged ones.',
    cli: 'aws ecr put-lifecycle-policy --repository-name <name> --lifecycle-policy-text file://lifecycle.json',
  },
  references: ['https://docs.aws.amazon.com/AmazonECR/latest/userguide/LifecyclePolicies.html'],
  evaluate(repo) {
    const has = extBool(repo, 'has_lifecycle_policy');
    if (has === null)
      return error(`the lifecycle policy could not be read${whyUnknown(repo, 'lifecyclePolicy')}`);
    return has
      ? pass('a lifecycle policy expires old images')
      : fail(`${repo.com.name} has no lifecycle policy`);
  },
});
