import type { IpPermission } from '@aws-sdk/client-ec2';
import { type Json, protocolName } from '../../normalise-kit.js';
import { type AwsRead, arnOf, defineAwsAction, target } from '../action.js';
import { portsOf } from '../normalisers/ec2-security-group.js';

const WORLD = new Set(['0.0.0.0/0', '::/0']);

interface Rule {
  groupId: string;
  /** `tcp:22`, as the firewall_rule reference names it */
  key: string;
  source: string;
}

/** `arn:...:security-group/sg-1#inbound/tcp:22/0.0.0.0/0` -> the group, the rule key and the source. */
export function ruleOfReference(reference: string): Rule | null {
  const hash = reference.indexOf('#');
  if (hash < 0) return null;
  const arn = arnOf(reference.slice(0, hash));
  const group = arn && /^security-group\/(sg-[0-9a-zA-Z]+)$/.exec(arn.resource)?.[1];
  const m = /^inbound\/([^/]+)\/(.+)$/.exec(reference.slice(hash + 1));
  if (!group || !m) return null;
  return { groupId: group, key: m[1] as string, source: m[2] as string };
}

/** The permission of the group that the rule key names, narrowed to the one source. */
async function findPermission(read: AwsRead, region: string, rule: Rule): Promise<IpPermission | null> {
  const answer = await read('ec2:DescribeSecurityGroups', region, { GroupIds: [rule.groupId] });
  const group = (answer.SecurityGroups as { IpPermissions?: IpPermission[] }[] | undefined)?.[0];
  for (const perm of group?.IpPermissions ?? []) {
    const protocol = protocolName(perm.IpProtocol) ?? 'all';
    const ports = portsOf(perm as Json, protocol);
    if (`${protocol}:${ports.length ? ports.join(',') : 'none'}` !== rule.key) continue;
    const v4 = perm.IpRanges?.find((r) => r.CidrIp === rule.source);
    const v6 = perm.Ipv6Ranges?.find((r) => r.CidrIpv6 === rule.source);
    if (!v4 && !v6) continue;
    return {
      IpProtocol: perm.IpProtocol,
      ...(perm.FromPort !== undefined ? { FromPort: perm.FromPort } : {}),
      ...(perm.ToPort !== undefined ? { ToPort: perm.ToPort } : {}),
      ...(v4 ? { IpRanges: [v4] } : {}),
      ...(v6 ? { Ipv6Ranges: [v6] } : {}),
    };
  }
  return null;
}

/** Without descriptions: a revoke names the permission, not its labels. */
function bare(p: IpPermission): IpPermission {
  return {
    ...p,
    ...(p.IpRanges ? { IpRanges: p.IpRanges.map((r) => ({ CidrIp: r.CidrIp })) } : {}),
    ...(p.Ipv6Ranges ? { Ipv6Ranges: p.Ipv6Ranges.map((r) => ({ CidrIpv6: r.CidrIpv6 })) } : {}),
  };
}

export default defineAwsAction({
  id: 'aws.ec2.revoke_world_ingress',
  title: 'Revoke a security group ingress rule open to the whole internet',
  fixes: [
    'aws.ec2.no_admin_ports_from_ipv4_internet',
    'aws.ec2.no_admin_ports_from_ipv6_internet',
    'aws.ec2.no_cifs_from_internet',
    'aws.ec2.no_high_risk_ports_from_internet',
    'aws.ec2.unrestricted_ingress_authorized_ports_only',
    'common.network.no_sensitive_port_open_to_internet',
  ],
  writes: ['ec2:RevokeSecurityGroupIngress', 'ec2:AuthorizeSecurityGroupIngress'],
  reads: ['ec2:DescribeSecurityGroups'],
  target(finding) {
    if (finding.com.cloud_type !== 'aws') return { refused: 'not an AWS resource' };
    const rule = ruleOfReference(finding.com.reference);
    if (!rule) return { refused: `${finding.com.reference} is not an inbound security group rule` };
    if (!WORLD.has(rule.source))
      return { refused: `the rule's source ${rule.source} is not the whole internet (0.0.0.0/0 or ::/0)` };
    return target(finding, { group_id: rule.groupId, rule: rule.key, source: rule.source });
  },
  async plan(t, read) {
    const rule = {
      groupId: t.details.group_id ?? '',
      key: t.details.rule ?? '',
      source: t.details.source ?? '',
    };
    const perm = await findPermission(read, t.region, rule);
    if (!perm)
      return {
        calls: [],
        undo: [],
        before: null,
        noop: `${rule.groupId} no longer has ${rule.key} from ${rule.source}`,
      };
    return {
      before: perm,
      calls: [
        {
          action: 'ec2:RevokeSecurityGroupIngress',
          params: { GroupId: rule.groupId, IpPermissions: [bare(perm)] },
          why: `remove ${rule.key} from ${rule.source}`,
        },
      ],
      undo: [
        {
          action: 'ec2:AuthorizeSecurityGroupIngress',
          params: { GroupId: rule.groupId, IpPermissions: [perm] },
          why: `restore ${rule.key} from ${rule.source}`,
        },
      ],
    };
  },
  async verify(t, read) {
    const rule = {
      groupId: t.details.group_id ?? '',
      key: t.details.rule ?? '',
      source: t.details.source ?? '',
    };
    return (await findPermission(read, t.region, rule)) === null;
  },
});
