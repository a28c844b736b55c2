import { defineCheck } from '../../../core/check.js';
import { settingOn } from '../facts.js';
import { onlyEngine } from '../rds/engine-scope.js';

export default defineCheck({
  id: 'aws.neptune.cluster_copies_tags_to_snapshots',
  title: 'Neptune clusters copy their tags to snapshots',
  severity: 'low',
  resource: 'aws.rds.db_cluster',
  triggers: [],
  description: 'Snapshots of the Neptune cluster are created without its tags.',
  risk: 'Untagged snapshots escape tag-based access policies and ownership, and are hard to attribute.',
  remediation: {
    text: 'Turn on copying of tags to snapshots for the cluster.',
    cli: 'aws neptune modify-db-cluster --db-cluster-identifier <cluster> --copy-tags-to-snapshot --apply-immediately',
  },
  references: ['https://docs.aws.amazon.com/neptune/latest/userguide/tagging.html'],
  evaluate(r) {
    return onlyEngine(r, 'neptune', () =>
      settingOn(r, 'copy_tags_to_snapshot', {
        on: 'tags are copied to snapshots',
        off: `${r.com.name} does not copy tags to snapshots`,
        unknown: 'the setting is unreadable',
      }),
    );
  },
});
