import {
  EC2Client,
  type LaunchTemplateVersion,
  paginateDescribeLaunchTemplateVersions,
} from '@aws-sdk/client-ec2';
import { z } from 'zod';
import { defineNormaliser } from '../../../core/provider.js';
import { at, bool, buildRecord, num, records, requireItem, requireString, str } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineCollector } from '../collector.js';
import { awsArn } from '../normalisers/aws-common.js';
import { defineAwsResource } from '../resource.js';

const TYPE = 'aws.ec2.launch_template';

/**
 * The default version of every launch template of a region, in one paged listing
 * (DescribeLaunchTemplateVersions with Versions $Default and no template named), instead of a
 * DescribeLaunchTemplates listing and a version call per template.
 */
const collector = defineCollector({
  type: TYPE,
  service: 'ec2',
  client: EC2Client,
  scope: 'region',
  list: {
    permission: 'ec2:DescribeLaunchTemplateVersions',
    paginate: (client) =>
      paginateDescribeLaunchTemplateVersions({ client, pageSize: 200 }, { Versions: ['$Default'] }),
    items: (page) => page.LaunchTemplateVersions,
  },
});

const RAW = S.raw({
  item: S.obj({
    LaunchTemplateId: S.str,
    LaunchTemplateName: S.str,
    VersionNumber: S.num,
    DefaultVersion: S.bool,
    LaunchTemplateData: S.obj({
      MetadataOptions: S.obj({ HttpTokens: S.str, HttpEndpoint: S.str, HttpPutResponseHopLimit: S.num }),
      NetworkInterfaces: S.list(z.looseObject({ AssociatePublicIpAddress: S.bool, DeviceIndex: S.num })),
      BlockDeviceMappings: S.list(
        z.looseObject({ DeviceName: S.str, Ebs: S.obj({ Encrypted: S.bool, KmsKeyId: S.str }) }),
      ),
    }),
  }),
});

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'ec2',
  produces: [TYPE, 'launch_template'],
  raw: RAW,
  normalise(raw, scope) {
    const v = requireItem<LaunchTemplateVersion>(raw, TYPE);
    const id = requireString(v, 'LaunchTemplateId', TYPE, 'item.LaunchTemplateId');
    const data = at(v, 'LaunchTemplateData');
    const interfaces = records(at(data, 'NetworkInterfaces'));
    const ebs = records(at(data, 'BlockDeviceMappings')).filter(
      (m) => at(m, 'Ebs') !== undefined && at(m, 'Ebs') !== null,
    );
    const httpTokens = str(at(data, 'MetadataOptions.HttpTokens'));
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'launch_template',
        reference: awsArn('ec2', scope.region, scope.account, `launch-template/${id}`, scope.partition),
        name: str(v.LaunchTemplateName) ?? id,
        service: 'ec2',
        ext: {
          launch_template_id: id,
          version: num(v.VersionNumber),
          public_ip_interfaces: interfaces
            .filter((i) => bool(i.AssociatePublicIpAddress) === true)
            .map((i) => num(i.DeviceIndex)),
          // a template that sets no metadata options launches with the account or AMI default
          http_tokens: httpTokens,
          metadata_endpoint: str(at(data, 'MetadataOptions.HttpEndpoint')),
          ebs_volumes: ebs.map((m) => ({
            device: str(m.DeviceName),
            encrypted: bool(at(m, 'Ebs.Encrypted')),
          })),
        },
        shape: {},
      }),
    ];
  },
});

export default defineAwsResource({ collector, normaliser, asff: 'AwsEc2LaunchTemplate' });
