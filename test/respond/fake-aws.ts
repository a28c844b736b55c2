import { callerIdentityAnswer, startAwsEndpoint } from '../providers/aws/fixture-endpoint.js';
import { ec2Answer, queryAnswer } from '../providers/aws/query-xml.js';

/*
 * A stateful AWS-compatible endpoint for remediation tests: the SDK's real signing and wire
 * protocols (EC2 and IAM query, S3 REST XML) against in-memory resources that the write calls
 * really change, so a re-read shows the effect. Requests must be signed with the test key.
 */

export const ACCESS_KEY = 'AKIDREMEDIATETEST';
export const ACCOUNT = '111122223333';
export const REGION = 'eu-west-1';

export interface Permission {
  protocol: string;
  from?: number;
  to?: number;
  cidr: string;
  description?: string;
}

export interface Group {
  id: string;
  name: string;
  vpc: string;
  inbound: Permission[];
  outbound: Permission[];
}

export interface Instance {
  id: string;
  vpc: string;
  enis: { id: string; groups: string[] }[];
  volumes: string[];
  tags: Record<string, string>;
}

const EC2_ERR = (code: string, message: string) => ({
  status: 400,
  body: `<Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>r</RequestID></Response>`,
});

/** `Prefix.1.Field`, `Prefix.2.Field`... of a query request, as objects of their fields. */
function members(p: URLSearchParams, prefix: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (const [k, v] of p.entries()) {
    const m = new RegExp(`^${prefix.replace(/\./g, '\\.')}\\.(\\d+)(?:\\.(.+))?$`).exec(k);
    if (!m) continue;
    const i = Number(m[1]) - 1;
    out[i] ??= {};
    (out[i] as Record<string, string>)[m[2] ?? ''] = v;
  }
  return out.filter(Boolean);
}

function permissionsOf(p: URLSearchParams): Permission[] {
  const out: Permission[] = [];
  for (const m of members(p, 'IpPermissions')) {
    for (const [k, v] of Object.entries(m)) {
      const r = /^IpRanges\.(\d+)\.CidrIp$/.exec(k);
      if (!r) continue;
      out.push({
        protocol: m.IpProtocol ?? '',
        ...(m.FromPort !== undefined ? { from: Number(m.FromPort) } : {}),
        ...(m.ToPort !== undefined ? { to: Number(m.ToPort) } : {}),
        cidr: v,
        ...(m[`IpRanges.${r[1]}.Description`] ? { description: m[`IpRanges.${r[1]}.Description`] } : {}),
      });
    }
  }
  return out;
}

const samePerm = (a: Permission, b: Permission) =>
  a.protocol === b.protocol && a.from === b.from && a.to === b.to && a.cidr === b.cidr;

function permXml(list: Permission[]) {
  return list.map((p) => ({
    ipProtocol: p.protocol,
    ...(p.from !== undefined ? { fromPort: p.from, toPort: p.to } : {}),
    groups: [],
    ipRanges: [{ cidrIp: p.cidr, ...(p.description ? { description: p.description } : {}) }],
    ipv6Ranges: [],
    prefixListIds: [],
  }));
}

export async function startFakeAws() {
  const groups = new Map<string, Group>();
  const instances = new Map<string, Instance>();
  const snapshots: { id: string; volume: string; tags: Record<string, string> }[] = [];
  const buckets = new Map<string, { publicAccessBlock: Record<string, boolean> | null }>();
  const state = { ebsDefault: false };
  let seq = 0;
  const writes: string[] = [];

  const ec2 = (action: string, p: URLSearchParams) => {
    const group = (id: string | null) => (id ? groups.get(id) : undefined);
    switch (action) {
      case 'DescribeSecurityGroups': {
        const ids = members(p, 'GroupId').map((m) => m['']);
        const filters = members(p, 'Filter');
        let list = ids.length ? ids.map((id) => groups.get(id as string)) : [...groups.values()];
        if (list.some((g) => !g)) return EC2_ERR('InvalidGroup.NotFound', 'no such group');
        for (const f of filters) {
          const v = f['Value.1'];
          if (f.Name === 'vpc-id') list = list.filter((g) => g?.vpc === v);
          if (f.Name === 'group-name') list = list.filter((g) => g?.name === v);
        }
        return ec2Answer(action, {
          securityGroupInfo: (list as Group[]).map((g) => ({
            ownerId: ACCOUNT,
            groupId: g.id,
            groupName: g.name,
            groupDescription: 'test',
            vpcId: g.vpc,
            ipPermissions: permXml(g.inbound),
            ipPermissionsEgress: permXml(g.outbound),
            tagSet: [],
          })),
        });
      }
      case 'RevokeSecurityGroupIngress':
      case 'RevokeSecurityGroupEgress':
      case 'AuthorizeSecurityGroupIngress': {
        const g = group(p.get('GroupId'));
        if (!g) return EC2_ERR('InvalidGroup.NotFound', 'no such group');
        const list = action === 'RevokeSecurityGroupEgress' ? g.outbound : g.inbound;
        for (const perm of permissionsOf(p)) {
          const i = list.findIndex((x) => samePerm(x, perm));
          if (action.startsWith('Revoke')) {
            if (i < 0) return EC2_ERR('InvalidPermission.NotFound', 'no such rule');
            list.splice(i, 1);
          } else {
            if (i >= 0) return EC2_ERR('InvalidPermission.Duplicate', 'the rule exists');
            list.push(perm);
          }
        }
        return ec2Answer(action, { return: true });
      }
      case 'CreateSecurityGroup': {
        const id = `sg-0000000000000${(++seq).toString().padStart(4, '0')}`;
        groups.set(id, {
          id,
          name: p.get('GroupName') ?? '',
          vpc: p.get('VpcId') ?? '',
          inbound: [],
          outbound: [{ protocol: '-1', cidr: '0.0.0.0/0' }],
        });
        return ec2Answer(action, { groupId: id });
      }
      case 'DescribeInstances': {
        const ids = members(p, 'InstanceId').map((m) => m['']);
        const list = ids.map((id) => instances.get(id as string));
        if (list.some((i) => !i)) return EC2_ERR('InvalidInstanceID.NotFound', 'no such instance');
        return ec2Answer(action, {
          reservationSet: [
            {
              reservationId: 'r-1',
              ownerId: ACCOUNT,
              instancesSet: (list as Instance[]).map((i) => ({
                instanceId: i.id,
                vpcId: i.vpc,
                tagSet: Object.entries(i.tags).map(([key, value]) => ({ key, value })),
                networkInterfaceSet: i.enis.map((n) => ({
                  networkInterfaceId: n.id,
                  groupSet: n.groups.map((g) => ({ groupId: g, groupName: groups.get(g)?.name ?? g })),
                })),
                blockDeviceMapping: i.volumes.map((v, k) => ({
                  deviceName: `/dev/xvd${'abcdef'[k]}`,
                  ebs: { volumeId: v },
                })),
              })),
            },
          ],
        });
      }
      case 'ModifyNetworkInterfaceAttribute': {
        const eni = [...instances.values()]
          .flatMap((i) => i.enis)
          .find((n) => n.id === p.get('NetworkInterfaceId'));
        if (!eni) return EC2_ERR('InvalidNetworkInterfaceID.NotFound', 'no such interface');
        eni.groups = members(p, 'SecurityGroupId').map((m) => m[''] as string);
        return ec2Answer(action, { return: true });
      }
      case 'CreateSnapshot': {
        const id = `snap-0000000000000${(++seq).toString().padStart(4, '0')}`;
        const tags = Object.fromEntries(
          members(p, 'TagSpecification.1.Tag').map((t) => [t.Key as string, t.Value ?? '']),
        );
        snapshots.push({ id, volume: p.get('VolumeId') ?? '', tags });
        return ec2Answer(action, { snapshotId: id, volumeId: p.get('VolumeId'), status: 'pending' });
      }
      case 'CreateTags':
      case 'DeleteTags': {
        for (const r of members(p, 'ResourceId')) {
          const i = instances.get(r[''] as string);
          if (!i) continue;
          for (const t of members(p, 'Tag')) {
            if (action === 'CreateTags') i.tags[t.Key as string] = t.Value ?? '';
            else delete i.tags[t.Key as string];
          }
        }
        return ec2Answer(action, { return: true });
      }
      case 'GetEbsEncryptionByDefault':
        return ec2Answer(action, { ebsEncryptionByDefault: state.ebsDefault });
      case 'EnableEbsEncryptionByDefault':
      case 'DisableEbsEncryptionByDefault':
        state.ebsDefault = action.startsWith('Enable');
        return ec2Answer(action, { ebsEncryptionByDefault: state.ebsDefault });
      default:
        return undefined;
    }
  };

  const s3 = (method: string, path: string, query: URLSearchParams, body: string) => {
    const name = decodeURIComponent(path.split('/').filter(Boolean)[0] ?? '');
    const b = buckets.get(name);
    if (!b || !query.has('publicAccessBlock')) return undefined;
    const xml = (s: string) => ({ body: s, headers: { 'content-type': 'application/xml' } });
    if (method === 'GET') {
      if (!b.publicAccessBlock)
        return {
          status: 404,
          ...xml(
            '<Error><Code>NoSuchPublicAccessBlockConfiguration</Code><Message>The public access block configuration was not found</Message></Error>',
          ),
        };
      return xml(
        `<PublicAccessBlockConfiguration>${Object.entries(b.publicAccessBlock)
          .map(([k, v]) => `<${k}>${v}</${k}>`)
          .join('')}</PublicAccessBlockConfiguration>`,
      );
    }
    if (method === 'PUT') {
      const conf: Record<string, boolean> = {};
      for (const m of body.matchAll(
        /<(BlockPublicAcls|IgnorePublicAcls|BlockPublicPolicy|RestrictPublicBuckets)>(true|false)</g,
      ))
        conf[m[1] as string] = m[2] === 'true';
      b.publicAccessBlock = conf;
      return { status: 200, body: '' };
    }
    if (method === 'DELETE') {
      b.publicAccessBlock = null;
      return { status: 204, body: '' };
    }
    return undefined;
  };

  const endpoint = await startAwsEndpoint({
    accessKeyId: ACCESS_KEY,
    answer: (r) => {
      if (r.service === 'sts') return callerIdentityAnswer(ACCOUNT);
      const form = new URLSearchParams(r.body);
      if (r.service === 'ec2') {
        if (!/^(Describe|Get)/.test(r.action)) writes.push(`ec2:${r.action}`);
        return ec2(r.action, form);
      }
      if (r.service === 's3') {
        if (r.method !== 'GET') writes.push(`s3:${r.method} ${r.path}`);
        return s3(r.method, r.path, r.query, r.body);
      }
      return undefined;
    },
  });
  return {
    url: endpoint.url,
    requests: endpoint.requests,
    refused: endpoint.refused,
    groups,
    instances,
    snapshots,
    buckets,
    state,
    /** the write calls the endpoint received */
    writes,
    close: () => endpoint.close(),
  };
}

export type FakeAws = Awaited<ReturnType<typeof startFakeAws>>;
export { queryAnswer };
