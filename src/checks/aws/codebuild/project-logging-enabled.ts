import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool } from '../facts.js';

export default defineCheck({
  id: 'aws.codebuild.project_logging_enabled',
  title: 'CodeBuild projects log their builds',
  severity: 'medium',
  resource: 'aws.codebuild.project',
  triggers: [],
  description: 'Both CloudWatch Logs and S3 logging are off for the project.',
  risk: 'What a build did (commands run, dependencies fetched, where artefacts went) cannot be reviewed after the fact.',
  remediation: {
    text: 'Turn on CloudWatch Logs (or S3) logging for the project.',
    cli: 'aws codebuild update-project --name <project> --logs-config "cloudWatchLogs={status=ENABLED}"',
  },
  references: [
    'https://docs.aws.amazon.com/codebuild/latest/userguide/change-project.html#change-project-console-logs',
  ],
  evaluate(project) {
    const cw = extBool(project, 'logs_cloudwatch');
    const s3 = extBool(project, 'logs_s3');
    if (cw === null || s3 === null) return error('the logging configuration is missing from the answer');
    if (cw || s3)
      return pass(`logs to ${[cw ? 'CloudWatch Logs' : '', s3 ? 'S3' : ''].filter(Boolean).join(' and ')}`);
    return fail(`${project.com.name} keeps no build logs`);
  },
});
