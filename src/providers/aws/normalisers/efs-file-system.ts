import type { FileSystemDescription } from '@aws-sdk/client-efs';
import { defineNormaliser } from '../../../core/provider.js';
import {
  at,
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
import { awsArn } from './aws-common.js';

const TYPE = 'aws.efs.file_system';

const RAW = S.raw({
  item: S.obj({
    FileSystemId: S.str,
    FileSystemArn: S.str,
    OwnerId: S.str,
    Name: S.str,
    Encrypted: S.bool,
    KmsKeyId: S.str,
    LifeCycleState: S.str,
    Tags: S.keyValueTags,
  }),
  backupPolicy: S.answer({ BackupPolicy: S.obj({ Status: S.str }) }),
});

/** An EFS file system (DescribeFileSystems). */
export default defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'efs',
  produces: [TYPE, 'file_share'],
  raw: RAW,
  normalise(raw, scope) {
    const f = requireItem<FileSystemDescription>(raw, TYPE);
    const id = requireString(f, 'FileSystemId', TYPE, 'item.FileSystemId');
    const tags = keyValueTags(f.Tags);
    const backup = enrichment(raw, 'backupPolicy');
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'file_share',
        reference:
          str(f.FileSystemArn) ??
          awsArn(
            'elasticfilesystem',
            scope.region,
            str(f.OwnerId) ?? scope.account,
            `file-system/${id}`,
            scope.partition,
          ),
        name: str(f.Name) ?? tags.Name ?? id,
        service: 'efs',
        tags,
        ext: {
          file_system_id: id,
          encrypted: bool(f.Encrypted),
          kms_key_id: str(f.KmsKeyId),
          state: str(f.LifeCycleState),
          // ENABLED (or ENABLING) = AWS Backup backs it up daily; absent policy = off
          automatic_backups:
            backup.state === 'unknown'
              ? null
              : backup.state === 'value' &&
                ['ENABLED', 'ENABLING'].includes(str(at(backup.value, 'BackupPolicy.Status')) ?? ''),
          unknown_facts: 'backupPolicy' in raw ? unknownReasons({ backupPolicy: backup }) : {},
        },
        shape: {},
      }),
    ];
  },
});
