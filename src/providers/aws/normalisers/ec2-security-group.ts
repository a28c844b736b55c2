import type { IpPermission, SecurityGroup } from '@aws-sdk/client-ec2';
import { z } from 'zod';
import { defineNormaliser } from '../../../core/provider.js';
import type { ResourceRecord } from '../../../core/record.js';
import {
  buildRecord,
  hasPorts,
  type Json,
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

const TYPE = 'aws.ec2.security_group';
const RULE_TYPE = 'aws.ec2.security_group_rule';

interface Source {
  address: string;
  kind: 'cidr_ipv4' | 'cidr_ipv6' | 'prefix_list' | 'security_group';
  description: string | null;
}

/** Every source of one IpPermissions entry: CIDRs v4 and v6, prefix lists, referenced groups. */
function sourcesOf(perm: Json): Source[] {
  const out: Source[] = [];
  for (const r of records(perm.IpRanges)) {
    const a = str(r.CidrIp);
    if (a) out.push({ address: a, kind: 'cidr_ipv4', description: str(r.Description) });
  }
  for (const r of records(perm.Ipv6Ranges)) {
    const a = str(r.CidrIpv6);
    if (a) out.push({ address: a, kind: 'cidr_ipv6', description: str(r.Description) });
  }
  for (const r of records(perm.PrefixListIds)) {
    const a = str(r.PrefixListId);
    if (a) out.push({ address: a, kind: 'prefix_list', description: str(r.Description) });
  }
  for (const r of records(perm.UserIdGroupPairs)) {
    const group = str(r.GroupId) ?? str(r.GroupName);
    if (!group) continue;
    const owner = str(r.UserId);
    // a group in another account is named owner/group, as the console shows it
    out.push({
      address: owner ? `${owner}/${group}` : group,
      kind: 'security_group',
      description: str(r.Description),
    });
  }
  return out;
}

/** "22", "1000-2000", or all ports; FromPort -1 / absent means every port. */
export function portsOf(perm: Json, protocol: string): string[] {
  if (!hasPorts(protocol)) return [];
  const from = num(perm.FromPort);
  const to = num(perm.ToPort);
  if (protocol === 'all' || from === null || to === null || from < 0 || to < 0) return ['0-65535'];
  return [from === to ? String(from) : `${from}-${to}`];
}

const PERMISSION = z.looseObject({
  IpProtocol: S.str,
  FromPort: S.num,
  ToPort: S.num,
  IpRanges: S.list(z.looseObject({ CidrIp: S.str, Description: S.str })),
  Ipv6Ranges: S.list(z.looseObject({ CidrIpv6: S.str, Description: S.str })),
  PrefixListIds: S.list(z.looseObject({ PrefixListId: S.str, Description: S.str })),
  UserIdGroupPairs: S.list(
    z.looseObject({ GroupId: S.str, GroupName: S.str, UserId: S.str, Description: S.str }),
  ),
});

/** DescribeSecurityGroups: the fields read. */
const RAW = S.raw({
  item: S.obj({
    GroupId: S.str,
    OwnerId: S.str,
    SecurityGroupArn: S.str,
    GroupName: S.str,
    VpcId: S.str,
    Description: S.str,
    Tags: S.keyValueTags,
    IpPermissions: S.list(PERMISSION),
    IpPermissionsEgress: S.list(PERMISSION),
  }),
});

/**
 * A security group and one firewall_rule per (permission, source). Security group permissions
 * have no names, and list positions shift when a rule is removed, so a rule is identified by
 * `<protocol>:<ports>` plus its source: AWS refuses duplicate permissions, so this is unique
 * and a rule that is removed and added again keeps its reference (and its finding history).
 */
export default defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'ec2',
  produces: [TYPE, RULE_TYPE, 'firewall', 'firewall_rule'],
  raw: RAW,
  normalise(raw, scope) {
    const sg = requireItem<SecurityGroup>(raw, TYPE);
    const groupId = requireString(sg, 'GroupId', TYPE, 'item.GroupId');
    const owner = str(sg.OwnerId) ?? scope.account;
    const reference =
      str(sg.SecurityGroupArn) ??
      awsArn('ec2', scope.region, owner, `security-group/${groupId}`, scope.partition);
    const groupName = str(sg.GroupName) ?? groupId;
    const tags = keyValueTags(sg.Tags);
    const inbound = records(sg.IpPermissions) as (IpPermission & Json)[];
    const outbound = records(sg.IpPermissionsEgress) as (IpPermission & Json)[];

    const out: ResourceRecord[] = [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'firewall',
        reference,
        name: groupName,
        service: 'ec2',
        tags,
        ext: {
          group_id: groupId,
          vpc_id: str(sg.VpcId),
          description: str(sg.Description),
          is_default: groupName === 'default',
          ingress_permission_count: inbound.length,
          egress_permission_count: outbound.length,
        },
        shape: {},
      }),
    ];

    for (const [direction, perms] of [
      ['inbound', inbound],
      ['outbound', outbound],
    ] as const) {
      for (const perm of perms) {
        const protocol = protocolName(perm.IpProtocol) ?? 'all';
        const ports = portsOf(perm, protocol);
        const key = `${protocol}:${ports.length ? ports.join(',') : 'none'}`;
        for (const source of sourcesOf(perm)) {
          out.push(
            buildRecord({
              raw: { permission: perm },
              scope,
              origin: TYPE,
              extType: RULE_TYPE,
              recordType: 'firewall_rule',
              reference: `${reference}#${direction}/${key}/${source.address}`,
              name: `${groupName} ${direction} ${key} ${direction === 'inbound' ? 'from' : 'to'} ${source.address}`,
              service: 'ec2',
              tags,
              ext: {
                group_id: groupId,
                group_name: groupName,
                vpc_id: str(sg.VpcId),
                ip_protocol: str(perm.IpProtocol),
                from_port: num(perm.FromPort),
                to_port: num(perm.ToPort),
                source_kind: source.kind,
                description: source.description,
              },
              shape: {
                direction,
                access: 'allow',
                protocol,
                // for outbound permissions AWS names the remote peer here, as for inbound
                source_addresses: [source.address],
                destination_ports: ports,
                firewall: reference,
                priority: null,
              },
            }),
          );
        }
      }
    }
    return out;
  },
});
