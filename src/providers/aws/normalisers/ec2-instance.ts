import type { Instance, Volume } from '@aws-sdk/client-ec2';
import { z } from 'zod';
import { defineNormaliser } from '../../../core/provider.js';
import {
  at,
  bool,
  buildRecord,
  type Json,
  keyValueTags,
  listEnrichment,
  records,
  requireItem,
  requireString,
  str,
} from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { awsArn } from './aws-common.js';
import { dateOf, daysSince } from './aws-facts.js';

const TYPE = 'aws.ec2.instance';

/** Public IPv4 addresses of the instance and of every network interface, without duplicates. */
function publicIps(inst: Json): string[] {
  const ips = new Set<string>();
  const primary = str(inst.PublicIpAddress);
  if (primary) ips.add(primary);
  for (const eni of records(inst.NetworkInterfaces)) {
    const ip = str(at(eni, 'Association.PublicIp'));
    if (ip) ips.add(ip);
    for (const p of records(eni.PrivateIpAddresses)) {
      const pip = str(at(p, 'Association.PublicIp'));
      if (pip) ips.add(pip);
    }
  }
  return [...ips];
}

/**
 * When a stopped instance was stopped, from its state transition reason ("User initiated
 * (2024-01-31 12:00:00 GMT)"), as ISO text; null when the reason carries no time.
 */
export function stoppedAt(inst: Json): string | null {
  if (str(at(inst, 'State.Name')) !== 'stopped') return null;
  const m = /\((\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) GMT\)/.exec(str(inst.StateTransitionReason) ?? '');
  return m ? `${m[1]}T${m[2]}Z` : null;
}

/** The EBS volume id of the root device, or null when the root is not an EBS volume. */
function rootVolumeId(inst: Json): string | null {
  const root = str(inst.RootDeviceName);
  if (!root) return null;
  const mapping = records(inst.BlockDeviceMappings).find((m) => str(m.DeviceName) === root);
  return str(at(mapping, 'Ebs.VolumeId'));
}

const PUBLIC_IP = S.obj({ PublicIp: S.str });

const RAW = S.raw({
  item: S.obj({
    InstanceId: S.str,
    InstanceType: S.str,
    ImageId: S.str,
    VpcId: S.str,
    SubnetId: S.str,
    PublicIpAddress: S.str,
    PrivateIpAddress: S.str,
    RootDeviceName: S.str,
    RootDeviceType: S.str,
    Tags: S.keyValueTags,
    NetworkInterfaces: S.list(
      z.looseObject({
        Association: PUBLIC_IP,
        PrivateIpAddresses: S.list(z.looseObject({ Association: PUBLIC_IP })),
      }),
    ),
    BlockDeviceMappings: S.list(z.looseObject({ DeviceName: S.str, Ebs: S.obj({ VolumeId: S.str }) })),
    SecurityGroups: S.list(z.looseObject({ GroupId: S.str })),
    IamInstanceProfile: S.obj({ Arn: S.str }),
    MetadataOptions: S.obj({ HttpTokens: S.str, HttpEndpoint: S.str }),
    State: S.obj({ Name: S.str }),
    StateTransitionReason: S.str,
    VirtualizationType: S.str,
    LaunchTime: S.date,
  }),
  collectedAt: S.date,
  volumes: S.answerList(z.looseObject({ VolumeId: S.str, Encrypted: S.bool, KmsKeyId: S.str }), 'Volumes'),
});

/**
 * An EC2 instance ('compute'). os_disk_encrypted comes from the root device's volume in
 * `raw.volumes` (DescribeVolumes of the attached volumes); it is null when that volume was not
 * read, so a check reports error rather than guessing.
 */
export default defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'ec2',
  produces: [TYPE, 'compute'],
  raw: RAW,
  normalise(raw, scope) {
    const inst = requireItem<Instance>(raw, TYPE);
    const id = requireString(inst, 'InstanceId', TYPE, 'item.InstanceId');
    const tags = keyValueTags(inst.Tags);
    const volumes = listEnrichment(raw, 'volumes', 'Volumes') as (Volume & Json)[] | null;
    const rootId = rootVolumeId(inst);
    const rootVolume = rootId && volumes ? volumes.find((v) => str(v.VolumeId) === rootId) : undefined;
    const osDiskEncrypted = rootVolume ? bool(rootVolume.Encrypted) : null;
    const httpTokens = str(at(inst, 'MetadataOptions.HttpTokens'));

    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'compute',
        reference: awsArn('ec2', scope.region, scope.account, `instance/${id}`, scope.partition),
        name: tags.Name ?? id,
        service: 'ec2',
        tags,
        ext: {
          instance_id: id,
          instance_type: str(inst.InstanceType),
          image_id: str(inst.ImageId),
          vpc_id: str(inst.VpcId),
          subnet_id: str(inst.SubnetId),
          security_groups: records(inst.SecurityGroups)
            .map((g) => str(g.GroupId))
            .filter((g): g is string => g !== null),
          iam_instance_profile: str(at(inst, 'IamInstanceProfile.Arn')),
          root_device_type: str(inst.RootDeviceType),
          root_volume_id: rootId,
          os_disk_encrypted: osDiskEncrypted,
          root_volume_kms_key_id: rootVolume ? str(rootVolume.KmsKeyId) : null,
          imdsv2_required: httpTokens === null ? null : httpTokens === 'required',
          metadata_endpoint: str(at(inst, 'MetadataOptions.HttpEndpoint')),
          private_ip: str(inst.PrivateIpAddress),
          virtualization_type: str(inst.VirtualizationType),
          network_interface_count: Array.isArray(inst.NetworkInterfaces)
            ? inst.NetworkInterfaces.length
            : null,
          stopped_at: stoppedAt(inst),
          // counted to when the collection read the instance, so a replayed snapshot reads the same
          stopped_days: daysSince(dateOf(stoppedAt(inst)), dateOf(raw.collectedAt)?.getTime() ?? Date.now()),
        },
        shape: {
          os_disk_encrypted: osDiskEncrypted,
          public_ips: publicIps(inst),
          state: str(at(inst, 'State.Name')),
        },
      }),
    ];
  },
});
