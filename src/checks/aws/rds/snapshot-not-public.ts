import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extList, whyUnknown } from '../facts.js';

export default defineCheck({
  id: 'aws.rds.snapshot_not_public',
  title: 'RDS DB instance snapshots are not public',
  severity: 'critical',
  resource: 'aws.rds.db_snapshot',
  triggers: [],
  description: 'The manual DB instance snapshot is shared with every AWS account (restore attribute "all").',
  risk: 'Anyone with an AWS account can copy the snapshot and restore the whole database, every row of it.',
  remediation: {
    text: 'Remove "all" from the restore attribute of the snapshot; share it with named accounts only.',
    cli: 'aws rds modify-db-snapshot-attribute --db-snapshot-identifier <snapshot> --attribute-name restore --values-to-remove all',
  },
  references: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ShareSnapshot.html'],
  evaluate(snapshot) {
    const shared = extList<string>(snapshot, 'shared_with');
    if (shared === null)
      return error(`the snapshot attributes are unreadable${whyUnknown(snapshot, 'attributes')}`);
    if (shared.includes('all')) return fail(`${snapshot.com.name} can be restored by any AWS account`);
    return pass(shared.length > 0 ? `shared with ${shared.length} named account(s) only` : 'not shared');
  },
});
