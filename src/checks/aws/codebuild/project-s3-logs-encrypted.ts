import { defineCheck } from '../../../core/check.js';
import { fail, notApplicable, pass } from '../../../core/result.js';
import { extBool } from '../facts.js';

export default defineCheck({
  id: 'aws.codebuild.project_s3_logs_encrypted',
  title: 'CodeBuild build logs exported to S3 are encrypted',
  severity: 'low',
  resource: 'aws.codebuild.project',
  triggers: [],
  description: 'The project writes build logs to S3 with encryption disabled.',
  risk: 'Build logs, which often contain internal endpoints, versions and sometimes secrets, are stored unencrypted.',
  remediation: {
    text: 'Turn encryption of the S3 logs back on (encryptionDisabled false).',
    cli: 'aws codebuild update-project --name <project> --logs-config "s3Logs={status=ENABLED,location=<bucket>/<prefix>,encryptionDisabled=false}"',
  },
  references: ['https://docs.aws.amazon.com/codebuild/latest/APIReference/API_S3LogsConfig.html'],
  evaluate(project) {
    if (extBool(project, 'logs_s3') !== true) return notApplicable('no S3 logs');
    return extBool(project, 's3_logs_encrypted') === true
      ? pass('S3 logs are encrypted')
      : fail(`${project.com.name} writes unencrypted logs to S3`);
  },
});
