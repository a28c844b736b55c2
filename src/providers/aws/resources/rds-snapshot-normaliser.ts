import { z } from 'zod';
import { defineNormaliser, type Normaliser } from '../../../core/provider.js';
import {
  bool,
  buildRecord,
  enrichment,
  type Json,
  keyValueTags,
  requireItem,
  requireString,
  str,
  unknownReasons,
} from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { awsArn } from '../normalisers/aws-common.js';
import { restoreAttribute } from './rds-snapshot-facts.js';

/** Where a kind of RDS snapshot (instance or cluster) keeps each fact in its answers. */
export interface SnapshotFields {
  type: string;
  /** the snapshot's identifier and ARN, and the instance or cluster it was taken of */
  id: string;
  arn: string;
  source: string;
  /** `Encrypted` for instance snapshots, `StorageEncrypted` for cluster snapshots */
  encrypted: string;
  /** DescribeDB(Cluster)SnapshotAttributes: the result and its attribute list */
  attributesResult: string;
  attributesList: string;
  /** the ARN resource prefix when the answer carries no ARN: `snapshot` or `cluster-snapshot` */
  arnResource: string;
}

/**
 * The normaliser of one kind of RDS snapshot ('database_snapshot'): instance and cluster
 * snapshots have the same facts under different field names. Only manual snapshots can be shared,
 * so only they have restore attributes to read.
 */
export function rdsSnapshotNormaliser(f: SnapshotFields): Normaliser {
  const raw = S.raw({
    item: S.obj({
      [f.id]: S.str,
      [f.arn]: S.str,
      [f.source]: S.str,
      SnapshotType: S.str,
      Engine: S.str,
      [f.encrypted]: S.bool,
      KmsKeyId: S.str,
      TagList: S.keyValueTags,
    }),
    attributes: S.answer({
      [f.attributesResult]: S.obj({
        [f.attributesList]: S.list(z.looseObject({ AttributeName: S.str, AttributeValues: S.strs })),
      }),
    }),
  });
  return defineNormaliser({
    type: f.type,
    cloud: 'aws',
    service: 'rds',
    produces: [f.type, 'database_snapshot'],
    raw,
    normalise(answer, scope) {
      const s = requireItem<Json>(answer, f.type);
      const id = requireString(s, f.id, f.type, `item.${f.id}`);
      const type = str(s.SnapshotType);
      const attributes = enrichment(answer, 'attributes');
      const sharedWith =
        type === 'manual' ? restoreAttribute(attributes, f.attributesResult, f.attributesList) : [];
      return [
        buildRecord({
          raw: answer,
          scope,
          origin: f.type,
          extType: f.type,
          recordType: 'database_snapshot',
          reference:
            str(s[f.arn]) ??
            awsArn('rds', scope.region, scope.account, `${f.arnResource}:${id}`, scope.partition),
          name: id,
          service: 'rds',
          tags: keyValueTags(s.TagList),
          ext: {
            source: str(s[f.source]),
            snapshot_type: type,
            engine: str(s.Engine),
            encrypted: bool(s[f.encrypted]),
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
}
