import { defineCheck } from '../../../core/check.js';
import { fail, notApplicable, pass } from '../../../core/result.js';
import { extBool, extStr } from '../facts.js';

export default defineCheck({
  id: 'aws.codebuild.report_group_export_encrypted',
  title: 'CodeBuild report group exports are encrypted at rest',
  severity: 'medium',
  resource: 'aws.codebuild.report_group',
  triggers: [],
  description: 'The report group exports its test and coverage reports to S3 with encryption disabled.',
  risk: 'Test reports, which name internal code paths, hosts and sometimes data, are stored unencrypted.',
  remediation: {
    text: 'Turn encryption of the report export back on (encryptionDisabled false, optionally with your KMS key).',
    cli: 'aws codebuild update-report-group --arn <report-group-arn> --export-config "exportConfigType=S3,s3Destination={bucket=<bucket>,encryptionDisabled=false}"',
  },
  references: ['https://docs.aws.amazon.com/codebuild/latest/userguide/report-group-export-settings.html'],
  evaluate(group) {
    if (extStr(group, 'export_type') !== 'S3') return notApplicable('reports are not exported');
    return extBool(group, 'export_encrypted') === true
      ? pass('exports are encrypted')
      : fail(`${group.com.name} exports unencrypted reports to S3`);
  },
});
