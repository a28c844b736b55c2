import type { NetworkAcl } from '@aws-sdk/client-ec2';
import { z } from 'zod';
import { defineNormaliser } from '../../../core/provider.js';
import {
  at,
  bool,
  buildRecord,
  keyValueTags,
  num,
  protocolName,
  records,
  requireItem,
  requireString,
  str,
} from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { awsArn } from './aws-common.js';

const TYPE = 'aws.ec2.network_acl';

const RAW = S.raw({
  item: S.obj({
    NetworkAclId: S.str,
    OwnerId: S.str,
    VpcId: S.str,
    IsDefault: S.bool,
    Tags: S.keyValueTags,
    Entries: S.list(
      z.looseObject({
        RuleNumber: S.num,
        Egress: S.bool,
        RuleAction: S.str,
        Protocol: S.str,
        CidrBlock: S.str,
        Ipv6CidrBlock: S.str,
        PortRange: S.obj({ From: S.num, To: S.num }),
      }),
    ),
    Associations: S.list(z.looseObject({ SubnetId: S.str })),
  }),
});

/**
 * A network ACL with its entries in evaluation order (ascending rule number, first match wins).
 * An entry without a port range covers every port (protocol all, or one without ports).
 */
export default defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'ec2',
  produces: [TYPE],
  raw: RAW,
  normalise(raw, scope) {
    const acl = requireItem<NetworkAcl>(raw, TYPE);
    const id = requireString(acl, 'NetworkAclId', TYPE, 'item.NetworkAclId');
    const tags = keyValueTags(acl.Tags);
    const entries = records(acl.Entries)
      .map((e) => {
        const from = num(at(e, 'PortRange.From'));
        const to = num(at(e, 'PortRange.To'));
        return {
          rule_number: num(e.RuleNumber),
          direction: bool(e.Egress) === true ? 'outbound' : 'inbound',
          action: str(e.RuleAction),
          protocol: protocolName(e.Protocol),
          cidr: str(e.CidrBlock) ?? str(e.Ipv6CidrBlock),
          ports: from === null || to === null ? null : { from, to },
        };
      })
      .sort(
        (a, b) => (a.rule_number ?? Number.MAX_SAFE_INTEGER) - (b.rule_number ?? Number.MAX_SAFE_INTEGER),
      );
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'network_acl',
        reference: awsArn(
          'ec2',
          scope.region,
          str(acl.OwnerId) ?? scope.account,
          `network-acl/${id}`,
          scope.partition,
        ),
        name: tags.Name ?? id,
        service: 'ec2',
        tags,
        ext: {
          network_acl_id: id,
          vpc_id: str(acl.VpcId),
          is_default: bool(acl.IsDefault) ?? false,
          associated_subnets: records(acl.Associations)
            .map((a) => str(a.SubnetId))
            .filter((s): s is string => s !== null),
          entries,
        },
        shape: {},
      }),
    ];
  },
});
