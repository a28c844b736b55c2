import {
  type DBSnapshot,
  DBSnapshotNotFoundFault,
  DescribeDBSnapshotAttributesCommand,
  paginateDescribeDBSnapshots,
  RDSClient,
} from '@aws-sdk/client-rds';
import { eventsAt, itemIds } from '../../kit/resource.js';
import { defineCollector } from '../collector.js';
import { defineAwsResource } from '../resource.js';
import { rdsSnapshotNormaliser } from './rds-snapshot-normaliser.js';

const TYPE = 'aws.rds.db_snapshot';

/**
 * DB instance snapshots of the account (DescribeDBSnapshots: manual and automated), with the
 * restore attribute of each manual one (DescribeDBSnapshotAttributes): automated snapshots
 * cannot be shared, so they need no call.
 */
const collector = defineCollector({
  type: TYPE,
  service: 'rds',
  client: RDSClient,
  scope: 'region',
  list: {
    permission: 'rds:DescribeDBSnapshots',
    paginate: (client) => paginateDescribeDBSnapshots({ client, pageSize: 100 }, {}),
    items: (page) => page.DBSnapshots,
  },
  enrich: {
    attributes: {
      permission: 'rds:DescribeDBSnapshotAttributes',
      facts: ['shared_with', 'public'],
      when: (s: DBSnapshot) => s.SnapshotType === 'manual',
      call: (client, s) =>
        client.send(
          new DescribeDBSnapshotAttributesCommand({ DBSnapshotIdentifier: s.DBSnapshotIdentifier }),
        ),
    },
  },
  getOne: {
    ids: (raw) => itemIds(raw, 'DBSnapshotIdentifier', 'DBSnapshotArn'),
    narrow: {
      DescribeDBSnapshotsCommand: (input, id) => {
        input.DBSnapshotIdentifier = id;
        return true;
      },
    },
    absentOn: [DBSnapshotNotFoundFault, 'DBSnapshotNotFound'],
  },
});

const normaliser = rdsSnapshotNormaliser({
  type: TYPE,
  id: 'DBSnapshotIdentifier',
  arn: 'DBSnapshotArn',
  source: 'DBInstanceIdentifier',
  encrypted: 'Encrypted',
  attributesResult: 'DBSnapshotAttributesResult',
  attributesList: 'DBSnapshotAttributes',
  arnResource: 'snapshot',
});

export default defineAwsResource({
  collector,
  normaliser,
  changedBy: {
    events: eventsAt(
      ['CreateDBSnapshot', 'CopyDBSnapshot', 'ModifyDBSnapshotAttribute', 'ModifyDBSnapshot'],
      ['requestParameters.dBSnapshotIdentifier', 'requestParameters.targetDBSnapshotIdentifier'],
    ),
  },
  asff: 'AwsRdsDbSnapshot',
});
