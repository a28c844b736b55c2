import { defineCheck } from '../../../core/check.js';
import { UNENCRYPTED_SNAPSHOT } from '../../../core/shapes.js';
import { settingOn } from '../facts.js';
import { onlyEngine } from '../rds/engine-scope.js';

export default defineCheck({
  id: 'aws.neptune.cluster_snapshot_encrypted',
  title: 'Neptune cluster snapshots are encrypted at rest',
  severity: 'medium',
  resource: 'aws.rds.db_cluster_snapshot',
  exposure: UNENCRYPTED_SNAPSHOT,
  triggers: [],
  description: 'The Neptune cluster snapshot is not encrypted at rest.',
  risk: 'Whoever obtains the snapshot, or a copy shared with another account, reads the graph.',
  remediation: {
    text: 'Copy the snapshot with a KMS key and delete the unencrypted one.',
    cli: 'aws neptune copy-db-cluster-snapshot --source-db-cluster-snapshot-identifier <snapshot> --target-db-cluster-snapshot-identifier <snapshot>-encrypted --kms-key-id <key-arn>',
  },
  references: ['https://docs.aws.amazon.com/neptune/latest/userguide/encrypt.html'],
  evaluate(r) {
    return onlyEngine(r, 'neptune', () =>
      settingOn(r, 'encrypted', {
        on: 'encrypted',
        off: `${r.com.name} is not encrypted`,
        unknown: 'the setting is unreadable',
      }),
    );
  },
});
