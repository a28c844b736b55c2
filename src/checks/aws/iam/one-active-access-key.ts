import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { reportKeys } from './credential-keys.js';

export default defineCheck({
  id: 'aws.iam.one_active_access_key',
  title: 'IAM users have at most one active access key',
  severity: 'low',
  resource: 'aws.iam.credential_report',
  triggers: ['CreateAccessKey', 'UpdateAccessKey'],
  description: 'The user has two active access keys at the same time.',
  risk: 'A second active key is usually a rotation that was never finished: the old key keeps working wherever it was copied.',
  remediation: {
    text: 'Find which key is still in use (access_key_N_last_used_date in the credential report), deactivate the other and delete it.',
    cli: 'aws iam list-access-keys --user-name <user>\naws iam update-access-key --user-name <user> --access-key-id <unused-key-id> --status Inactive',
  },
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html'],
  evaluate(row) {
    const keys = reportKeys(row);
    if (keys === null) return error('the access key state is unreadable');
    const active = keys.filter((k) => k.active).length;
    return active > 1
      ? fail(`${row.com.name} has ${active} active access keys`)
      : pass(`${active} active access key(s)`);
  },
});
