import type { Volume } from '@aws-sdk/client-ec2';
import { z } from 'zod';
import { defineNormaliser } from '../../../core/provider.js';
import {
  bool,
  buildRecord,
  keyValueTags,
  num,
  records,
  requireItem,
  requireString,
  str,
} from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { awsArn } from './aws-common.js';

const TYPE = 'aws.ec2.volume';

const RAW = S.raw({
  item: S.obj({
    VolumeId: S.str,
    KmsKeyId: S.str,
    Size: S.num,
    VolumeType: S.str,
    State: S.str,
    AvailabilityZone: S.str,
    SnapshotId: S.str,
    MultiAttachEnabled: S.bool,
    Encrypted: S.bool,
    Tags: S.keyValueTags,
    Attachments: S.list(z.looseObject({ InstanceId: S.str, Device: S.str })),
  }),
});

/**
 * An EBS volume ('disk'). attached_to is the ARN of the instance it is attached to. Whether it
 * is an instance's root volume is only known from the instance, so os_disk is null for attached
 * volumes and false for unattached ones.
 */
export default defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'ec2',
  produces: [TYPE, 'disk'],
  raw: RAW,
  normalise(raw, scope) {
    const vol = requireItem<Volume>(raw, TYPE);
    const id = requireString(vol, 'VolumeId', TYPE, 'item.VolumeId');
    const tags = keyValueTags(vol.Tags);
    const attachments = records(vol.Attachments);
    const instanceId = attachments.map((a) => str(a.InstanceId)).find((i) => i !== null) ?? null;
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'disk',
        reference: awsArn('ec2', scope.region, scope.account, `volume/${id}`, scope.partition),
        name: tags.Name ?? id,
        service: 'ec2',
        tags,
        ext: {
          volume_id: id,
          kms_key_id: str(vol.KmsKeyId),
          size_gib: num(vol.Size),
          volume_type: str(vol.VolumeType),
          state: str(vol.State),
          availability_zone: str(vol.AvailabilityZone),
          snapshot_id: str(vol.SnapshotId) || null,
          multi_attach: bool(vol.MultiAttachEnabled),
          attached_devices: attachments.map((a) => str(a.Device)).filter((d): d is string => d !== null),
        },
        shape: {
          encrypted: bool(vol.Encrypted),
          attached_to: instanceId
            ? awsArn('ec2', scope.region, scope.account, `instance/${instanceId}`, scope.partition)
            : null,
          os_disk: attachments.length === 0 ? false : null,
        },
      }),
    ];
  },
});
