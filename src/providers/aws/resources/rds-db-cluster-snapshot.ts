import {
  type DBClusterSnapshot,
  DBClusterSnapshotNotFoundFault,
  DescribeDBClusterSnapshotAttributesCommand,
  paginateDescribeDBClusterSnapshots,
  RDSClient,
} from '@aws-sdk/client-rds';
import { z } from 'zod';
import { defineNormaliser } from '../../../core/provider.js';
import { eventsAt, itemIds } from '../../kit/resource.js';
import {
  bool,
  buildRecord,
  enrichment,
  keyValueTags,
  requireItem,
  requireString,
  str,
  unknownReasons,
} from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineCollector } from '../collector.js';
import { awsArn } from '../normalisers/aws-common.js';
import { defineAwsResource } from '../resource.js';
import { restoreAttribute } from './rds-snapshot-facts.js';

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

const RAW = S.raw({
  item: S.obj({
    DBClusterSnapshotIdentifier: S.str,
    DBClusterSnapshotArn: S.str,
    DBClusterIdentifier: S.str,
    SnapshotType: S.str,
    Engine: S.str,
    StorageEncrypted: S.bool,
    KmsKeyId: S.str,
    TagList: S.keyValueTags,
  }),
  attributes: S.answer({
    DBClusterSnapshotAttributesResult: S.obj({
      DBClusterSnapshotAttributes: S.list(z.looseObject({ AttributeName: S.str, AttributeValues: S.strs })),
    }),
  }),
});

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'rds',
  produces: [TYPE, 'database_snapshot'],
  raw: RAW,
  normalise(raw, scope) {
    const s = requireItem<DBClusterSnapshot>(raw, TYPE);
    const id = requireString(s, 'DBClusterSnapshotIdentifier', TYPE, 'item.DBClusterSnapshotIdentifier');
    const type = str(s.SnapshotType);
    const attributes = enrichment(raw, 'attributes');
    // only manual snapshots can be shared: the others have no attributes to read
    const sharedWith =
      type === 'manual'
        ? restoreAttribute(attributes, 'DBClusterSnapshotAttributesResult', 'DBClusterSnapshotAttributes')
        : [];
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'database_snapshot',
        reference:
          str(s.DBClusterSnapshotArn) ??
          awsArn('rds', scope.region, scope.account, `cluster-snapshot:${id}`, scope.partition),
        name: id,
        service: 'rds',
        tags: keyValueTags(s.TagList),
        ext: {
          source: str(s.DBClusterIdentifier),
          snapshot_type: type,
          engine: str(s.Engine),
          encrypted: bool(s.StorageEncrypted),
          kms_key_id: str(s.KmsKeyId),
          shared_with: sharedWith,
          public: sharedWith === null ? null : sharedWith.includes('all'),
          unknown_facts: type === 'manual' ? unknownReasons({ attributes }) : {},
        },
        shape: {},
      }),
    ];
  },
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
