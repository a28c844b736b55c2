import { defineCheck } from '../../../core/check.js';
import { settingOn } from '../facts.js';
import { unlessOtherEngine } from './cluster-scope.js';

export default defineCheck({
  id: 'aws.rds.cluster_storage_encrypted',
  title: 'RDS DB clusters encrypt their storage',
  severity: 'medium',
  resource: 'aws.rds.db_cluster',
  triggers: [],
  description: 'The storage of the cluster, its backups and snapshots are not encrypted at rest.',
  risk: 'Data on disk, in automated backups and in snapshots can be read by whoever obtains the storage or a copy of a snapshot.',
  remediation: {
    text: 'Encryption cannot be turned on for an existing cluster: take a snapshot, restore it as a new cluster with a KMS key, and move to it.',
    cli: 'aws rds restore-db-cluster-from-snapshot --db-cluster-identifier <new-cluster> --snapshot-identifier <snapshot> --engine <engine> --kms-key-id <key-arn>',
  },
  references: ['https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Overview.Encryption.html'],
  evaluate(cluster) {
    return unlessOtherEngine(cluster, () =>
      settingOn(cluster, 'storage_encrypted', {
        on: 'storage is encrypted',
        off: `${cluster.com.name} stores its data unencrypted`,
        unknown: 'the storage encryption setting is unreadable',
      }),
    );
  },
});
