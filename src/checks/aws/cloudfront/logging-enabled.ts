import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool, whyUnknown } from '../facts.js';

export default defineCheck({
  id: 'aws.cloudfront.logging_enabled',
  title: 'CloudFront distributions write standard access logs',
  severity: 'medium',
  resource: 'aws.cloudfront.distribution',
  facts: { 'aws.cloudfront.distribution': ['logging_enabled'] },
  triggers: ['UpdateDistribution', 'CreateDistribution'],
  description: 'Standard (access) logging is off for the distribution.',
  risk: 'Without access logs there is no record of who requested what, to investigate scraping, abuse or an attack through the CDN.',
  remediation: {
    text: 'Turn on standard logging to an S3 bucket (or CloudWatch Logs / Firehose with the newer logging).',
    cli: 'aws cloudfront update-distribution --id <id> --if-match <etag> --distribution-config file://dist-config.json  # Logging: {Enabled: true, Bucket: <bucket>.s3.amazonaws.com}',
  },
  references: ['https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/AccessLogs.html'],
  evaluate(d) {
    const on = extBool(d, 'logging_enabled');
    if (on === null)
      return error(`the distribution configuration could not be read${whyUnknown(d, 'config')}`);
    return on ? pass('access logging is on') : fail(`${d.com.name} writes no access logs`);
  },
});
