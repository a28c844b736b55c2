import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { extBool } from '../facts.js';
import { reportKeys } from './credential-keys.js';

export default defineCheck({
  id: 'aws.iam.no_unused_keys_for_console_users',
  title: 'Console users have no access key that was never used',
  severity: 'low',
  resource: 'aws.iam.credential_report',
  triggers: ['CreateAccessKey', 'CreateLoginProfile'],
  description:
    'A user with a console password has an active access key that has never been used: typically a key created by default when the user was set up.',
  risk: 'Keys nobody needs still grant the user permissions to whoever finds them, and since they are never used nobody misses them when they leak.',
  remediation: {
    text: 'Delete access keys that were never used; create keys only when a user actually needs programmatic access.',
    cli: 'aws iam delete-access-key --user-name <user> --access-key-id <key-id>',
  },
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html'],
  evaluate(row) {
    if (row.ext.is_root === true)
      return notApplicable('the root user is checked by aws.iam.root_account_has_no_access_keys');
    const password = extBool(row, 'password_enabled');
    const keys = reportKeys(row);
    if (password === null || keys === null) return error('the credential report row is unreadable');
    if (!password) return notApplicable('the user has no console password');
    const unused = keys.filter((k) => k.active && k.used_known && k.last_used_days === null);
    if (keys.some((k) => k.active && !k.used_known)) return error('access key use is unreadable');
    if (unused.length > 0) {
      return fail(`${row.com.name} has never-used access key(s) ${unused.map((k) => k.slot).join(', ')}`);
    }
    return pass('no never-used access key');
  },
});
