import { EC2Client, paginateDescribeSnapshots, type Snapshot } from '@aws-sdk/client-ec2';
import { defineNormaliser } from '../../../core/provider.js';
import {
  bool,
  buildRecord,
  enrichment,
  keyValueTags,
  num,
  requireItem,
  requireString,
  str,
  unknownReasons,
} from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineCollector } from '../collector.js';
import { allPages } from '../collectors/pages.js';
import { awsArn } from '../normalisers/aws-common.js';
import { defineAwsResource } from '../resource.js';

const TYPE = 'aws.ec2.snapshot';

/**
 * The account's own EBS snapshots (DescribeSnapshots, owner self). Which of them everyone may
 * restore comes from one more listing per region, filtered by AWS to the snapshots restorable
 * by all accounts (RestorableByUserIds: all), instead of a DescribeSnapshotAttribute per snapshot.
 */
const collector = defineCollector({
  type: TYPE,
  service: 'ec2',
  client: EC2Client,
  scope: 'region',
  list: {
    permission: 'ec2:DescribeSnapshots',
    paginate: (client) => paginateDescribeSnapshots({ client, pageSize: 1000 }, { OwnerIds: ['self'] }),
    items: (page) => page.Snapshots,
  },
  enrich: {
    publicRestore: {
      permission: 'ec2:DescribeSnapshots',
      facts: ['public'],
      call: async (client, snapshot: Snapshot, ctx) => {
        const publicIds = await ctx.memo('ec2:DescribeSnapshots#public', async () => {
          const all = await allPages(
            paginateDescribeSnapshots(
              { client, pageSize: 1000 },
              { OwnerIds: ['self'], RestorableByUserIds: ['all'] },
            ),
            (p) => p.Snapshots,
          );
          return new Set(all.map((s) => s.SnapshotId));
        });
        return { public: publicIds.has(snapshot.SnapshotId) };
      },
    },
  },
  getOne: {
    ids: (raw) => {
      const id = (raw.item as { SnapshotId?: unknown } | undefined)?.SnapshotId;
      return typeof id === 'string' ? [id] : [];
    },
    narrow: {
      DescribeSnapshotsCommand: (input, id) => {
        input.SnapshotIds = [id];
        delete input.MaxResults;
        return true;
      },
    },
    absentOn: ['InvalidSnapshot.NotFound'],
  },
});

const RAW = S.raw({
  item: S.obj({
    SnapshotId: S.str,
    VolumeId: S.str,
    OwnerId: S.str,
    Encrypted: S.bool,
    KmsKeyId: S.str,
    VolumeSize: S.num,
    State: S.str,
    StartTime: S.date,
    Tags: S.keyValueTags,
  }),
  publicRestore: S.answer({ public: S.bool }),
});

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'ec2',
  produces: [TYPE, 'disk_snapshot'],
  raw: RAW,
  normalise(raw, scope) {
    const s = requireItem<Snapshot>(raw, TYPE);
    const id = requireString(s, 'SnapshotId', TYPE, 'item.SnapshotId');
    const tags = keyValueTags(s.Tags);
    const publicRestore = enrichment(raw, 'publicRestore');
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'disk_snapshot',
        // snapshot ARNs carry no account
        reference: awsArn('ec2', scope.region, '', `snapshot/${id}`, scope.partition),
        name: tags.Name ?? id,
        service: 'ec2',
        tags,
        ext: {
          snapshot_id: id,
          volume_id: str(s.VolumeId),
          encrypted: bool(s.Encrypted),
          kms_key_id: str(s.KmsKeyId),
          size_gib: num(s.VolumeSize),
          state: str(s.State),
          public: publicRestore.state === 'value' ? (bool(publicRestore.value.public) ?? null) : null,
          unknown_facts: unknownReasons({ publicRestore }),
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
    events: {
      ModifySnapshotAttribute: ['requestParameters.snapshotId'],
      ResetSnapshotAttribute: ['requestParameters.snapshotId'],
      CreateSnapshot: ['responseElements.snapshotId'],
    },
  },
});
