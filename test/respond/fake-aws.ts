import { type Answer, callerIdentityAnswer, startAwsEndpoint } from '../providers/aws/fixture-endpoint.js';
import { ec2Answer, queryAnswer } from '../providers/aws/query-xml.js';

/*
 * A stateful AWS-compatible endpoint for remediation tests: the SDK's real signing and wire
 * protocols (EC2 and IAM query, S3 and S3 Control REST XML, CloudTrail JSON 1.1, GuardDuty
 * REST JSON, STS AssumeRole) against in-memory resources that the write calls really change,
 * so a re-read shows the effect. Requests must be signed with the test key, or with the key of
 * a role assumed through the endpoint's STS (which then answers as the role's account).
 */

export const ACCESS_KEY = 'AKIDREMEDIATETEST';
export const ACCOUNT = '111122223333';
export const REGION = 'eu-west-1';
/** the member account reached by assuming the organisation role */
export const OTHER_ACCOUNT = '444455556666';
/** the access key of the credentials STS hands out for the assumed role */
export const ASSUMED_KEY = 'ASIAREMEDIATEROLE';

export interface AccessKey {
  id: string;
  status: 'Active' | 'Inactive';
  created: string;
}

export interface Trail {
  arn: string;
  logging: boolean;
  validation: boolean;
}

export interface Detector {
  id: string;
  status: 'ENABLED' | 'DISABLED';
}

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

const S3_NS = 'http://s3.amazonaws.com/doc/2006-03-01/';
const IAM_NS = 'https://iam.amazonaws.com/doc/2010-05-08/';

const xmlAnswer = (body: string, status = 200): Answer => ({
  status,
  body: `<?xml version="1.0" encoding="UTF-8"?>\n${body}`,
  headers: { 'content-type': 'application/xml' },
});

/** An S3 (and S3 Control) error body as S3 sends it. */
const s3Error = (status: number, code: string, message: string): Answer =>
  xmlAnswer(
    `<Error><Code>${code}</Code><Message>${message}</Message><RequestId>req-fixture</RequestId><HostId>host-fixture</HostId></Error>`,
    status,
  );

/** An IAM (query protocol) error as IAM sends it. */
const iamError = (status: number, code: string, message: string): Answer => ({
  status,
  body: `<ErrorResponse xmlns="${IAM_NS}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>req-fixture</RequestId></ErrorResponse>`,
  headers: { 'content-type': 'text/xml' },
});

const json = (body: unknown, type = 'application/json'): Answer => ({
  body: JSON.stringify(body),
  headers: { 'content-type': type },
});

/** A JSON error: the type in `__type` (JSON 1.1) and in x-amzn-ErrorType (REST JSON). */
const jsonError = (
  status: number,
  type: string,
  message: string,
  contentType = 'application/json',
): Answer => ({
  status,
  body: JSON.stringify({ __type: type, message }),
  headers: { 'content-type': contentType, 'x-amzn-errortype': `${type}:` },
});

const PAB_FIELDS =
  /<(BlockPublicAcls|IgnorePublicAcls|BlockPublicPolicy|RestrictPublicBuckets)>(true|false)</g;

function parsePublicAccessBlock(body: string): Record<string, boolean> {
  const conf: Record<string, boolean> = {};
  for (const m of body.matchAll(PAB_FIELDS)) conf[m[1] as string] = m[2] === 'true';
  return conf;
}

/** GET / PUT / DELETE of a Block Public Access configuration (a bucket's or an account's). */
function publicAccessBlock(
  method: string,
  current: Record<string, boolean> | null,
  _body: string,
): Answer | undefined {
  if (method === 'GET') {
    if (!current)
      return s3Error(
        404,
        'NoSuchPublicAccessBlockConfiguration',
        'The public access block configuration was not found',
      );
    return xmlAnswer(
      `<PublicAccessBlockConfiguration xmlns="${S3_NS}">${Object.entries(current)
        .map(([k, v]) => `<${k}>${v}</${k}>`)
        .join('')}</PublicAccessBlockConfiguration>`,
    );
  }
  if (method === 'PUT') return { status: 200, body: '' };
  if (method === 'DELETE') return { status: 204, body: '' };
  return undefined;
}

const trailOf = (t: Trail) => ({
  Name: t.arn.slice(t.arn.indexOf(':trail/') + 7),
  TrailARN: t.arn,
  S3BucketName: 'trail-logs',
  IsMultiRegionTrail: true,
  HomeRegion: t.arn.split(':')[3],
  LogFileValidationEnabled: t.validation,
  IsOrganizationTrail: false,
});

/** STS AssumeRole as STS answers it: temporary credentials with the role's key. */
function assumeRoleAnswer(roleArn: string, session: string): Answer {
  const expires = new Date(Date.now() + 3_600_000).toISOString();
  return {
    body:
      '<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>' +
      `<AssumedRoleUser><AssumedRoleId>AROAFIXTURE:${session}</AssumedRoleId><Arn>${roleArn.replace(':iam::', ':sts::').replace(':role/', ':assumed-role/')}/${session}</Arn></AssumedRoleUser>` +
      `<Credentials><AccessKeyId>${ASSUMED_KEY}</AccessKeyId><SecretAccessKey>fixture-role-secret-not-real</SecretAccessKey><SessionToken>fixture-session-token</SessionToken><Expiration>${expires}</Expiration></Credentials>` +
      '</AssumeRoleResult><ResponseMetadata><RequestId>req-assume</RequestId></ResponseMetadata></AssumeRoleResponse>',
    headers: { 'content-type': 'text/xml' },
  };
}

export async function startFakeAws() {
  const groups = new Map<string, Group>();
  const instances = new Map<string, Instance>();
  const snapshots: { id: string; volume: string; tags: Record<string, string> }[] = [];
  const buckets = new Map<
    string,
    { publicAccessBlock: Record<string, boolean> | null; encryption?: { algorithm: string } | null }
  >();
  const state = {
    ebsDefault: false,
    /** the account's S3 Block Public Access (S3 Control), per account id */
    accountPublicAccessBlock: new Map<string, Record<string, boolean>>(),
  };
  /** IAM users' access keys */
  const users = new Map<string, AccessKey[]>();
  const trails = new Map<string, Trail>();
  /** GuardDuty detectors per region */
  const detectors = new Map<string, Detector>();
  /** AssumeRole requests: the role ARN asked for */
  const assumed: string[] = [];
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
    if (!b) return s3Error(404, 'NoSuchBucket', 'The specified bucket does not exist');
    if (query.has('publicAccessBlock')) {
      const answer = publicAccessBlock(method, b.publicAccessBlock, body);
      if (method === 'PUT') b.publicAccessBlock = parsePublicAccessBlock(body);
      if (method === 'DELETE') b.publicAccessBlock = null;
      return answer;
    }
    if (query.has('encryption')) {
      if (method === 'GET') {
        if (!b.encryption)
          return s3Error(
            404,
            'ServerSideEncryptionConfigurationNotFoundError',
            'The server side encryption configuration was not found',
          );
        return xmlAnswer(
          `<ServerSideEncryptionConfiguration xmlns="${S3_NS}"><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>${b.encryption.algorithm}</SSEAlgorithm></ApplyServerSideEncryptionByDefault><BucketKeyEnabled>false</BucketKeyEnabled></Rule></ServerSideEncryptionConfiguration>`,
        );
      }
      if (method === 'PUT') {
        const algorithm = /<SSEAlgorithm>([^<]+)<\/SSEAlgorithm>/.exec(body)?.[1];
        if (!algorithm) return s3Error(400, 'MalformedXML', 'no SSEAlgorithm');
        b.encryption = { algorithm };
        return { status: 200, body: '' };
      }
      if (method === 'DELETE') {
        b.encryption = null;
        return { status: 204, body: '' };
      }
    }
    return undefined;
  };

  /** S3 Control: the account's Block Public Access, the account named by x-amz-account-id. */
  const s3control = (method: string, account: string, body: string) => {
    const answer = publicAccessBlock(method, state.accountPublicAccessBlock.get(account) ?? null, body);
    if (method === 'PUT') state.accountPublicAccessBlock.set(account, parsePublicAccessBlock(body));
    if (method === 'DELETE') state.accountPublicAccessBlock.delete(account);
    return answer;
  };

  const iam = (action: string, p: URLSearchParams) => {
    const keys = users.get(p.get('UserName') ?? '');
    if (!keys)
      return iamError(404, 'NoSuchEntity', `The user with name ${p.get('UserName')} cannot be found.`);
    if (action === 'ListAccessKeys')
      return queryAnswer(action, IAM_NS, {
        AccessKeyMetadata: keys.map((k) => ({
          UserName: p.get('UserName'),
          AccessKeyId: k.id,
          Status: k.status,
          CreateDate: k.created,
        })),
        IsTruncated: false,
      });
    if (action === 'UpdateAccessKey') {
      const key = keys.find((k) => k.id === p.get('AccessKeyId'));
      if (!key)
        return iamError(
          404,
          'NoSuchEntity',
          `The Access Key with id ${p.get('AccessKeyId')} cannot be found.`,
        );
      key.status = p.get('Status') === 'Active' ? 'Active' : 'Inactive';
      return queryAnswer(action, IAM_NS, {});
    }
    return undefined;
  };

  const cloudtrail = (action: string, input: Record<string, unknown>) => {
    const name = String(input.Name ?? '');
    const trail = [...trails.values()].find((t) => t.arn === name || t.arn.endsWith(`:trail/${name}`));
    if (!trail)
      return jsonError(
        400,
        'TrailNotFoundException',
        `Unknown trail: ${name} for the user: ${ACCOUNT}`,
        'application/x-amz-json-1.1',
      );
    switch (action) {
      case 'GetTrail':
        return json({ Trail: trailOf(trail) }, 'application/x-amz-json-1.1');
      case 'GetTrailStatus':
        return json({ IsLogging: trail.logging }, 'application/x-amz-json-1.1');
      case 'StartLogging':
      case 'StopLogging':
        trail.logging = action === 'StartLogging';
        return json({}, 'application/x-amz-json-1.1');
      case 'UpdateTrail':
        if (typeof input.EnableLogFileValidation === 'boolean')
          trail.validation = input.EnableLogFileValidation;
        return json(trailOf(trail), 'application/x-amz-json-1.1');
      default:
        return undefined;
    }
  };

  /** GuardDuty's REST JSON: /detector and /detector/{id}, camelCase members. */
  const guardduty = (method: string, path: string, region: string, body: string) => {
    const id = /^\/detector\/([^/]+)$/.exec(path)?.[1];
    const d = detectors.get(region);
    if (path === '/detector' && method === 'GET') return json({ detectorIds: d ? [d.id] : [] });
    if (path === '/detector' && method === 'POST') {
      if (d)
        return jsonError(
          400,
          'BadRequestException',
          'The request is rejected because a detector already exists for the current account.',
        );
      const created: Detector = {
        id: `${(++seq).toString(16).padStart(4, '0')}c0ffee${'0'.repeat(22)}`,
        status: (JSON.parse(body || '{}') as { enable?: boolean }).enable ? 'ENABLED' : 'DISABLED',
      };
      detectors.set(region, created);
      return json({ detectorId: created.id });
    }
    if (id === undefined) return undefined;
    if (!d || d.id !== id)
      return jsonError(
        400,
        'BadRequestException',
        'The request is rejected because the input detectorId is not owned by the current account.',
      );
    if (method === 'GET')
      return json({
        createdAt: '2026-01-01T00:00:00.000Z',
        findingPublishingFrequency: 'SIX_HOURS',
        serviceRole: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty`,
        status: d.status,
        updatedAt: '2026-01-01T00:00:00.000Z',
      });
    if (method === 'POST') {
      const enable = (JSON.parse(body || '{}') as { enable?: boolean }).enable;
      if (typeof enable === 'boolean') d.status = enable ? 'ENABLED' : 'DISABLED';
      return json({});
    }
    if (method === 'DELETE') {
      detectors.delete(region);
      return json({});
    }
    return undefined;
  };

  const endpoint = await startAwsEndpoint({
    accessKeyId: [ACCESS_KEY, ASSUMED_KEY],
    answer: (r) => {
      const form = new URLSearchParams(r.body);
      if (r.service === 'sts') {
        if (r.action === 'AssumeRole') {
          assumed.push(form.get('RoleArn') ?? '');
          return assumeRoleAnswer(form.get('RoleArn') ?? '', form.get('RoleSessionName') ?? '');
        }
        const key = /Credential=([^/]+)\//.exec(String(r.headers.authorization))?.[1];
        return callerIdentityAnswer(key === ASSUMED_KEY ? OTHER_ACCOUNT : ACCOUNT);
      }
      if (r.service === 'ec2') {
        if (!/^(Describe|Get)/.test(r.action)) writes.push(`ec2:${r.action}`);
        return ec2(r.action, form);
      }
      if (r.service === 's3' && r.path.startsWith('/v20180820/configuration/publicAccessBlock')) {
        if (r.method !== 'GET') writes.push(`s3control:${r.method} ${r.path}`);
        return s3control(r.method, String(r.headers['x-amz-account-id'] ?? ''), r.body);
      }
      if (r.service === 's3') {
        if (r.method !== 'GET') writes.push(`s3:${r.method} ${r.path}?${r.query}`);
        return s3(r.method, r.path, r.query, r.body);
      }
      if (r.service === 'iam') {
        if (!/^(List|Get)/.test(r.action)) writes.push(`iam:${r.action}`);
        return iam(r.action, form);
      }
      if (r.service === 'cloudtrail') {
        if (!/^(Get|Describe|List)/.test(r.action)) writes.push(`cloudtrail:${r.action}`);
        return cloudtrail(r.action, JSON.parse(r.body || '{}') as Record<string, unknown>);
      }
      if (r.service === 'guardduty') {
        if (r.method !== 'GET') writes.push(`guardduty:${r.method} ${r.path}`);
        return guardduty(r.method, r.path, r.region, r.body);
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
    users,
    trails,
    detectors,
    /** the role ARNs STS was asked to assume */
    assumed,
    /** the write calls the endpoint received */
    writes,
    close: () => endpoint.close(),
  };
}

export type FakeAws = Awaited<ReturnType<typeof startFakeAws>>;
export { queryAnswer };
