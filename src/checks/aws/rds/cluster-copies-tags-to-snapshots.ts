import { defineCheck } from '../../../core/check.js';
import { settingOn } from '../facts.js';
import { unlessOtherEngine } from './cluster-scope.js';

export default defineCheck({
  id: 'aws.rds.cluster_copies_tags_to_snapshots',
  title: 'RDS DB clusters copy their tags to snapshots',
  severity: 'low',
  resource: 'aws.rds.db_cluster',
  triggers: [],
  description: 'Snapshots of the cluster are created without its tags.',
  risk: 'Untagged snapshots escape tag-based access policies, ownership and data classification, and are hard to attribute or clean up.',
  remediation: {
    text: 'Turn on copying of tags to snapshots for the cluster.',
    cli: 'aws rds modify-db-cluster --db-cluster-identifier <cluster> --copy-tags-to-snapshot --apply-immediately',
  },
  references: ['https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/USER_Tagging.html'],
  evaluate(cluster) {
    return unlessOtherEngine(cluster, () =>
      settingOn(cluster, 'copy_tags_to_snapshot', {
        on: 'tags are copied to snapshots',
        off: `${cluster.com.name} does not copy tags to snapshots`,
        unknown: 'the copy-tags setting is unreadable',
      }),
    );
  },
});
