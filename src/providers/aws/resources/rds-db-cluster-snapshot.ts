import {
  type DBClusterSnapshot,
  DBClusterSnapshotNotFoundFault,
  DescribeDBClusterSnapshotAttributesCommand,
  paginateDescribeDBClusterSnapshots,
  RDSClient,
} from '@aws-sdk/client-rds';
import { eventsAt, itemIds } from '../../kit/resource.js';
import { defineCollector } from '../collector.js';
import { defineAwsResource } from '../resource.js';
import { rdsSnapshotNormaliser } from './rds-snapshot-normaliser.js';

const TYPE = 'aws.rds.db_cluster_snapshot';

/**
 * DB cluster snapshots of the account (DescribeDBClusterSnapshots: manual and automated), with the
 * restore attribute of each manual one (DescribeDBClusterSnapshotAttributes): automated snapshots
 * cannot be shared, so they need no call.
 */
const collector = defineCollector({
  type: TYPE,
  service: 'rds',
  client: RDSClient,
  scope: 'region',
  list: {
    permission: 'rds:DescribeDBClusterSnapshots',
    paginate: (client) => paginateDescribeDBClusterSnapshots({ client, pageSize: 100 }, {}),
    items: (page) => page.DBClusterSnapshots,
  },
  enrich: {
    attributes: {
      permission: 'rds:DescribeDBClusterSnapshotAttributes',
      facts: ['shared_with', 'public'],
      when: (s: DBClusterSnapshot) => s.SnapshotType === 'manual',
      call: (client, s) =>
        client.send(
          new DescribeDBClusterSnapshotAttributesCommand({
            DBClusterSnapshotIdentifier: s.DBClusterSnapshotIdentifier,
          }),
        ),
    },
  },
  getOne: {
    ids: (raw) => itemIds(raw, 'DBClusterSnapshotIdentifier', 'DBClusterSnapshotArn'),
    narrow: {
      DescribeDBClusterSnapshotsCommand: (input, id) => {
        input.DBClusterSnapshotIdentifier = id;
        return true;
      },
    },
    absentOn: [DBClusterSnapshotNotFoundFault, 'DBClusterSnapshotNotFoundFault'],
  },
});

const normaliser = rdsSnapshotNormaliser({
  type: TYPE,
  id: 'DBClusterSnapshotIdentifier',
  arn: 'DBClusterSnapshotArn',
  source: 'DBClusterIdentifier',
  encrypted: 'StorageEncrypted',
  attributesResult: 'DBClusterSnapshotAttributesResult',
  attributesList: 'DBClusterSnapshotAttributes',
  arnResource: 'cluster-snapshot',
});

export default defineAwsResource({
  collector,
  normaliser,
  changedBy: {
    events: eventsAt(
      ['CreateDBClusterSnapshot', 'CopyDBClusterSnapshot', 'ModifyDBClusterSnapshotAttribute'],
      [
        'requestParameters.dBClusterSnapshotIdentifier',
        'requestParameters.targetDBClusterSnapshotIdentifier',
      ],
    ),
  },
  asff: 'AwsRdsDbClusterSnapshot',
});
