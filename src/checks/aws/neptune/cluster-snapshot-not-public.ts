import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { PUBLIC_SNAPSHOT } from '../../../core/shapes.js';
import { extList, whyUnknown } from '../facts.js';
import { onlyEngine } from '../rds/engine-scope.js';

export default defineCheck({
  id: 'aws.neptune.cluster_snapshot_not_public',
  title: 'Neptune cluster snapshots are not public',
  severity: 'critical',
  resource: 'aws.rds.db_cluster_snapshot',
  exposure: PUBLIC_SNAPSHOT,
  triggers: [],
  description:
    'The manual Neptune cluster snapshot is shared with every AWS account (restore attribute "all").',
  risk: 'Anyone with an AWS account can restore the snapshot and read the whole database.',
  remediation: {
    text: 'Remove "all" from the restore attribute of the snapshot; share it with named accounts only.',
    cli: 'aws neptune modify-db-cluster-snapshot-attribute --db-cluster-snapshot-identifier <snapshot> --attribute-name restore --values-to-remove all',
  },
  references: ['https://docs.aws.amazon.com/neptune/latest/userguide/security-considerations.html'],
  evaluate(snapshot) {
    return onlyEngine(snapshot, 'neptune', () => {
      const shared = extList<string>(snapshot, 'shared_with');
      if (shared === null)
        return error(`the snapshot attributes are unreadable${whyUnknown(snapshot, 'attributes')}`);
      return shared.includes('all')
        ? fail(`${snapshot.com.name} can be restored by any AWS account`)
        : pass(shared.length > 0 ? `shared with ${shared.length} named account(s) only` : 'not shared');
    });
  },
});
