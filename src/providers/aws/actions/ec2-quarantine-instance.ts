import type { ApiCall } from '../../kit/action.js';
import { type AwsRead, arnOf, defineAwsAction, target } from '../action.js';

/** The isolation group, one per VPC: no inbound rule and no outbound rule. */
export const ISOLATION_GROUP = 'cloudward-quarantine';
export const QUARANTINE_TAG = 'cloudward:quarantine';

interface Instance {
  InstanceId?: string;
  VpcId?: string;
  Tags?: { Key?: string; Value?: string }[];
  NetworkInterfaces?: { NetworkInterfaceId?: string; Groups?: { GroupId?: string; GroupName?: string }[] }[];
  BlockDeviceMappings?: { DeviceName?: string; Ebs?: { VolumeId?: string } }[];
}

async function instanceOf(read: AwsRead, region: string, id: string): Promise<Instance> {
  const a = await read('ec2:DescribeInstances', region, { InstanceIds: [id] });
  const i = (a.Reservations as { Instances?: Instance[] }[] | undefined)?.[0]?.Instances?.[0];
  if (!i) throw new Error(`instance ${id} was not found`);
  return i;
}

async function isolationGroup(read: AwsRead, region: string, vpc: string): Promise<string | null> {
  const a = await read('ec2:DescribeSecurityGroups', region, {
    Filters: [
      { Name: 'vpc-id', Values: [vpc] },
      { Name: 'group-name', Values: [ISOLATION_GROUP] },
    ],
  });
  return (a.SecurityGroups as { GroupId?: string }[] | undefined)?.[0]?.GroupId ?? null;
}

export default defineAwsAction({
  id: 'aws.ec2.quarantine_instance',
  title: 'Quarantine an EC2 instance: isolate its network, snapshot its volumes, tag it',
  fixes: [],
  resourceTypes: ['aws.ec2.instance'],
  writes: [
    'ec2:CreateSecurityGroup',
    'ec2:RevokeSecurityGroupEgress',
    'ec2:ModifyNetworkInterfaceAttribute',
    'ec2:CreateSnapshot',
    'ec2:CreateTags',
    'ec2:DeleteTags',
  ],
  reads: ['ec2:DescribeInstances', 'ec2:DescribeSecurityGroups'],
  target(finding) {
    const arn = arnOf(finding.com.reference);
    const id = arn?.service === 'ec2' ? /^instance\/(i-[0-9a-zA-Z]+)$/.exec(arn.resource)?.[1] : undefined;
    if (finding.com.cloud_type !== 'aws' || !id)
      return { refused: `${finding.com.reference} is not an EC2 instance` };
    return target(finding, { instance: id });
  },
  async plan(t, read, ctx) {
    const id = t.details.instance ?? '';
    const inst = await instanceOf(read, t.region, id);
    const tagged = inst.Tags?.find((x) => x.Key === QUARANTINE_TAG);
    const enis = (inst.NetworkInterfaces ?? []).map((n) => ({
      id: n.NetworkInterfaceId ?? '',
      groups: (n.Groups ?? []).map((g) => g.GroupId ?? '').filter(Boolean),
    }));
    const volumes = (inst.BlockDeviceMappings ?? [])
      .map((b) => b.Ebs?.VolumeId)
      .filter((v): v is string => !!v);
    const before = { instance: id, vpc: inst.VpcId ?? null, network_interfaces: enis, volumes };
    if (tagged)
      return {
        calls: [],
        undo: [],
        before,
        noop: `${id} is already quarantined (${QUARANTINE_TAG}=${tagged.Value ?? ''})`,
      };
    if (!inst.VpcId) throw new Error(`instance ${id} is not in a VPC: it has no security groups to swap`);
    const calls: ApiCall[] = [];
    let group = await isolationGroup(read, t.region, inst.VpcId);
    if (!group) {
      calls.push(
        {
          action: 'ec2:CreateSecurityGroup',
          params: {
            GroupName: ISOLATION_GROUP,
            Description: 'Cloudward quarantine: no traffic in or out',
            VpcId: inst.VpcId,
          },
          keep: { as: 'isolation', field: 'GroupId' },
          why: `no ${ISOLATION_GROUP} group in ${inst.VpcId} yet`,
        },
        {
          action: 'ec2:RevokeSecurityGroupEgress',
          params: {
            GroupId: '{{isolation}}',
            IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
          },
          why: 'a new group allows all outbound traffic until this rule is removed',
        },
      );
      group = '{{isolation}}';
    }
    for (const n of enis)
      calls.push({
        action: 'ec2:ModifyNetworkInterfaceAttribute',
        params: { NetworkInterfaceId: n.id, Groups: [group] },
        why: `replaces ${n.groups.join(', ') || 'no group'}`,
      });
    for (const [i, v] of volumes.entries())
      calls.push({
        action: 'ec2:CreateSnapshot',
        params: {
          VolumeId: v,
          Description: `Cloudward quarantine ${ctx.actionId} of ${id}`,
          TagSpecifications: [
            { ResourceType: 'snapshot', Tags: [{ Key: QUARANTINE_TAG, Value: ctx.actionId }] },
          ],
        },
        keep: { as: `snapshot${i + 1}`, field: 'SnapshotId' },
        why: 'forensic copy (kept on undo)',
      });
    calls.push({
      action: 'ec2:CreateTags',
      params: { Resources: [id], Tags: [{ Key: QUARANTINE_TAG, Value: ctx.actionId }] },
    });
    const undo: ApiCall[] = [
      ...enis.map((n) => ({
        action: 'ec2:ModifyNetworkInterfaceAttribute',
        params: { NetworkInterfaceId: n.id, Groups: n.groups },
        why: 'the groups it had',
      })),
      { action: 'ec2:DeleteTags', params: { Resources: [id], Tags: [{ Key: QUARANTINE_TAG }] } },
    ];
    return { calls, undo, before };
  },
  async verify(t, read) {
    const inst = await instanceOf(read, t.region, t.details.instance ?? '');
    const isolated = (inst.NetworkInterfaces ?? []).every(
      (n) => (n.Groups ?? []).length === 1 && n.Groups?.[0]?.GroupName === ISOLATION_GROUP,
    );
    return isolated && !!inst.Tags?.some((x) => x.Key === QUARANTINE_TAG);
  },
});
