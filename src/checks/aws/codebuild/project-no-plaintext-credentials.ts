import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extList } from '../facts.js';

export default defineCheck({
  id: 'aws.codebuild.project_no_plaintext_credentials',
  title: 'CodeBuild environment variables hold no AWS credentials in plain text',
  severity: 'high',
  resource: 'aws.codebuild.project',
  triggers: [],
  description:
    'The project sets AWS_ACCESS_KEY_ID or AWS_SECRET_ACCESS_KEY as a plain-text environment variable.',
  risk: 'Anyone who can read the project sees the keys; they also appear in build logs and never rotate on their own.',
  remediation: {
    text: "Remove the keys and let the build use the project's service role; pass other secrets from Secrets Manager or Parameter Store. Deactivate the exposed keys.",
    cli: 'aws codebuild update-project --name <project> --environment file://environment-without-keys.json',
  },
  references: ['https://docs.aws.amazon.com/codebuild/latest/userguide/build-env-ref-env-vars.html'],
  evaluate(project) {
    const names = extList<string>(project, 'plaintext_credential_variables');
    if (names === null) return error('the environment variables are missing from the answer');
    return names.length > 0
      ? fail(`${project.com.name} sets ${names.join(', ')} in plain text`, { evidence: { variables: names } })
      : pass('no AWS credentials in plain-text variables');
  },
});
