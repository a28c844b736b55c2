import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { PUBLIC_SNAPSHOT } from '../../../core/shapes.js';
import { extList, whyUnknown } from '../facts.js';

export default defineCheck({
  id: 'aws.rds.cluster_snapshot_not_public',
  title: 'RDS DB cluster snapshots are not public',
  severity: 'critical',
  resource: 'aws.rds.db_cluster_snapshot',
  exposure: PUBLIC_SNAPSHOT,
  triggers: [],
  description: 'The manual DB cluster snapshot is shared with every AWS account (restore attribute "all").',
  risk: 'Anyone with an AWS account can copy the snapshot and restore the whole database, every row of it.',
  remediation: {
    text: 'Remove "all" from the restore attribute of the snapshot; share it with named accounts only.',
    cli: 'aws rds modify-db-cluster-snapshot-attribute --db-cluster-snapshot-identifier <snapshot> --attribute-name restore --values-to-remove all',
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
