import { defineCheck } from '../../../core/check.js';
import { notApplicable } from '../../../core/result.js';
import { settingOn } from '../facts.js';
import { isClusterMember } from './engines.js';

export default defineCheck({
  id: 'aws.rds.instance_copies_tags_to_snapshots',
  title: 'RDS instances copy their tags to snapshots',
  severity: 'low',
  resource: 'aws.rds.db_instance',
  triggers: [],
  description: 'Snapshots of the instance are created without its tags.',
  risk: 'Untagged snapshots escape tag-based access policies, ownership and data classification, and are hard to attribute or clean up.',
  remediation: {
    text: 'Turn on copying of tags to snapshots for the instance.',
    cli: 'aws rds modify-db-instance --db-instance-identifier <db> --copy-tags-to-snapshot --apply-immediately',
  },
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Tagging.html#USER_Tagging.CopyTags',
  ],
  evaluate(db) {
    if (isClusterMember(db)) return notApplicable('snapshots of cluster members are the cluster’s');
    return settingOn(db, 'copy_tags_to_snapshot', {
      on: 'tags are copied to snapshots',
      off: `${db.com.name} does not copy tags to snapshots`,
      unknown: 'the copy-tags setting is unreadable',
    });
  },
});
