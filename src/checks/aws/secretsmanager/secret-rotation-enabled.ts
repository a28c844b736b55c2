import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool, extNum, extStr } from '../facts.js';

export default defineCheck({
  id: 'aws.secretsmanager.secret_rotation_enabled',
  title: 'Secrets Manager secrets rotate automatically',
  severity: 'medium',
  resource: 'aws.secretsmanager.secret',
  triggers: [],
  description: 'Automatic rotation is not turned on for the secret.',
  risk: 'A credential that never changes stays valid wherever it leaked: logs, old laptops, former staff, a compromised build.',
  remediation: {
    text: 'Turn on automatic rotation with a rotation function (managed rotation for RDS, Redshift and DocumentDB secrets).',
    cli: 'aws secretsmanager rotate-secret --secret-id <secret> --rotation-lambda-arn <function-arn> --rotation-rules AutomaticallyAfterDays=30',
  },
  references: ['https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html'],
  evaluate(secret) {
    const on = extBool(secret, 'rotation_enabled');
    if (on === null) return error('the rotation setting is missing from the answer');
    if (!on) return fail(`${secret.com.name} does not rotate automatically`);
    const every = extNum(secret, 'rotation_interval_days');
    const schedule = extStr(secret, 'rotation_schedule');
    return pass(
      `rotates ${every !== null ? `every ${every} days` : schedule ? `on ${schedule}` : 'automatically'}`,
    );
  },
});
