import {
  type DBSnapshot,
  DBSnapshotNotFoundFault,
  DescribeDBSnapshotAttributesCommand,
  paginateDescribeDBSnapshots,
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

const RAW = S.raw({
  item: S.obj({
    DBSnapshotIdentifier: S.str,
    DBSnapshotArn: S.str,
    DBInstanceIdentifier: S.str,
    SnapshotType: S.str,
    Engine: S.str,
    Encrypted: S.bool,
    KmsKeyId: S.str,
    TagList: S.keyValueTags,
  }),
  attributes: S.answer({
    DBSnapshotAttributesResult: S.obj({
      DBSnapshotAttributes: S.list(z.looseObject({ AttributeName: S.str, AttributeValues: S.strs })),
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
    const s = requireItem<DBSnapshot>(raw, TYPE);
    const id = requireString(s, 'DBSnapshotIdentifier', TYPE, 'item.DBSnapshotIdentifier');
    const type = str(s.SnapshotType);
    const attributes = enrichment(raw, 'attributes');
    // only manual snapshots can be shared: the others have no attributes to read
    const sharedWith =
      type === 'manual'
        ? restoreAttribute(attributes, 'DBSnapshotAttributesResult', 'DBSnapshotAttributes')
        : [];
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'database_snapshot',
        reference:
          str(s.DBSnapshotArn) ??
          awsArn('rds', scope.region, scope.account, `snapshot:${id}`, scope.partition),
        name: id,
        service: 'rds',
        tags: keyValueTags(s.TagList),
        ext: {
          source: str(s.DBInstanceIdentifier),
          snapshot_type: type,
          engine: str(s.Engine),
          encrypted: bool(s.Encrypted),
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
      ['CreateDBSnapshot', 'CopyDBSnapshot', 'ModifyDBSnapshotAttribute', 'ModifyDBSnapshot'],
      ['requestParameters.dBSnapshotIdentifier', 'requestParameters.targetDBSnapshotIdentifier'],
    ),
  },
  asff: 'AwsRdsDbSnapshot',
});
