import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool } from '../facts.js';

export default defineCheck({
  id: 'aws.codebuild.project_source_no_credentials',
  title: 'CodeBuild source repository URLs carry no credentials',
  severity: 'high',
  resource: 'aws.codebuild.project',
  triggers: [],
  description:
    'A source URL of the project (Bitbucket, or any other) embeds a user name and password or token.',
  risk: 'Anyone who can read the project configuration gets the repository credentials, and they also end up in build logs.',
  remediation: {
    text: 'Connect the source provider with OAuth or an AWS CodeConnections connection, remove the credentials from the URL, and revoke the exposed token.',
    cli: 'aws codebuild update-project --name <project> --source type=BITBUCKET,location=https://bitbucket.org/<workspace>/<repo>.git',
  },
  references: ['https://docs.aws.amazon.com/codebuild/latest/userguide/access-tokens.html'],
  evaluate(project) {
    const found = extBool(project, 'source_url_credentials');
    if (found === null) return error('the source configuration is missing from the answer');
    return found
      ? fail(`${project.com.name} has credentials in a source URL`)
      : pass('no credentials in source URLs');
  },
});
