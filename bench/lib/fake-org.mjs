// A simulated AWS organisation behind one AWS-compatible endpoint on 127.0.0.1, for the
// scale-out test (test/queue/endpoint-budget.test.ts) and benchmark (bench/scale-out.mjs).
// The SDK reaches it through AWS_ENDPOINT_URL, so the whole stack runs: credential chain,
// sts:AssumeRole into each member account, SigV4 signing, the query / JSON wire protocols,
// pagination. Every answer waits `latencyMs` before it is sent.
//
// The account of a request is read from its SigV4 credential: the management account signs with
// MANAGEMENT_KEY; AssumeRole hands out temporary keys ASIA<12-digit account id>, so every request
// into a member account names its account. A request not signed with a key the organisation
// handed out is refused (403) and counted. Each accepted request is logged with its arrival time
// and its rate bucket as Cloudward keys it (account/region/service, EC2 per operation), so a test
// can measure the rate per bucket and per account over windows.
//
// Served: sts:GetCallerIdentity, sts:AssumeRole, organizations:ListAccounts and the hierarchy
// reads (DescribeOrganization, ListRoots, ListOrganizationalUnitsForParent, ListAccountsForParent:
// the members in OUs of 50 under the root),
// ec2:DescribeSecurityGroups (paged, `pageSize` groups per page), iam:GetAccountPasswordPolicy
// (every third account has none: 404 NoSuchEntity, as IAM answers). Anything else is a 400 the
// scan reports as a failed collection, and is listed in `unserved`.
import { createServer } from 'node:http';

export const MANAGEMENT_KEY = 'AKIDFAKEORGMANAGER';
export const MANAGEMENT_SECRET = 'fake-org-secret-not-real';
const TEMP_PREFIX = 'ASIA';

const SIGV4 =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;
const EC2_NS = 'http://ec2.amazonaws.com/doc/2016-11-15/';
const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';
const IAM_NS = 'https://iam.amazonaws.com/doc/2010-05-08/';
const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The 12-digit id of the organisation's account number `i` (0 is the management account). */
export function accountId(i) {
  return String(100000000000 + i * 7919).padStart(12, '0');
}

/**
 * The organisation: `accounts` accounts, each with `groups` security groups in every region
 * (every fifth group opens SSH to the internet, so each region has findings).
 */
export function fakeOrganisation({ accounts, groups = 4 }) {
  return Array.from({ length: accounts }, (_, i) => ({
    id: accountId(i),
    name: `fake-${String(i).padStart(4, '0')}`,
    groups,
    passwordPolicy: i % 3 === 0 ? undefined : { min: 8 + (i % 10) },
  }));
}

/** The rate bucket Cloudward's limiter puts a request in: account/region/service, EC2 per API. */
export function bucketOf(r) {
  return `${r.account}/${r.region}/${r.service}${r.service === 'ec2' ? `/${r.action}` : ''}`;
}

export async function startFakeOrg({ accounts, groups = 4, latencyMs = 0, pageSize = 1000 }) {
  const org = fakeOrganisation({ accounts, groups });
  const byId = new Map(org.map((a) => [a.id, a]));
  const management = org[0];
  /** accepted requests: { at (ms, performance.now()), account, region, service, action, bucket } */
  const requests = [];
  /** requests refused for a missing, malformed or unknown credential */
  const refused = [];
  /** requests the organisation does not serve */
  const unserved = [];

  const accountOfKey = (key) => {
    if (key === MANAGEMENT_KEY) return management.id;
    if (key.startsWith(TEMP_PREFIX) && byId.has(key.slice(TEMP_PREFIX.length))) {
      return key.slice(TEMP_PREFIX.length);
    }
    return undefined;
  };

  const xml = (body, status = 200) => ({ status, type: 'text/xml', body });
  const queryError = (status, code, message, ns = '') =>
    xml(
      `<ErrorResponse${ns ? ` xmlns="${ns}"` : ''}><Error><Type>Sender</Type><Code>${code}</Code><Message>${esc(message)}</Message></Error><RequestId>fake-org</RequestId></ErrorResponse>`,
      status,
    );

  function sts(action, params, account, key) {
    if (action === 'GetCallerIdentity') {
      const arn =
        key === MANAGEMENT_KEY
          ? `arn:aws:iam::${account}:user/auditor`
          : `arn:aws:sts::${account}:assumed-role/CloudwardAudit/cloudward`;
      return xml(
        `<GetCallerIdentityResponse xmlns="${STS_NS}"><GetCallerIdentityResult><Arn>${arn}</Arn><UserId>AIDAFAKEORG</UserId>` +
          `<Account>${account}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>fake-org</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
      );
    }
    if (action === 'AssumeRole') {
      const m = /^arn:aws:iam::(\d{12}):role\/(.+)$/.exec(params.get('RoleArn') ?? '');
      if (!m || !byId.has(m[1])) {
        return queryError(
          403,
          'AccessDenied',
          `not authorized to perform sts:AssumeRole on ${params.get('RoleArn')}`,
          STS_NS,
        );
      }
      const expiration = new Date(Date.now() + 3_600_000).toISOString();
      return xml(
        `<AssumeRoleResponse xmlns="${STS_NS}"><AssumeRoleResult><Credentials><AccessKeyId>${TEMP_PREFIX}${m[1]}</AccessKeyId>` +
          `<SecretAccessKey>fake-temporary-secret</SecretAccessKey><SessionToken>fake-session-${m[1]}</SessionToken>` +
          `<Expiration>${expiration}</Expiration></Credentials><AssumedRoleUser><AssumedRoleId>AROAFAKEORG:${esc(params.get('RoleSessionName') ?? '')}</AssumedRoleId>` +
          `<Arn>arn:aws:sts::${m[1]}:assumed-role/${esc(m[2])}/${esc(params.get('RoleSessionName') ?? '')}</Arn></AssumedRoleUser>` +
          '</AssumeRoleResult><ResponseMetadata><RequestId>fake-org</RequestId></ResponseMetadata></AssumeRoleResponse>',
      );
    }
    return undefined;
  }

  const ORG_ID = 'o-fakeorg';
  const ROOT_ID = 'r-fake';
  /** the member accounts sit in OUs of 50 under the root; the management account in the root */
  const ouOf = (i) => `ou-fake-${String(Math.floor((i - 1) / 50)).padStart(4, '0')}`;
  const ous = [...new Set(org.slice(1).map((_, k) => ouOf(k + 1)))];
  const childrenOf = (parent) =>
    parent === ROOT_ID ? [management] : org.filter((_, i) => i > 0 && ouOf(i) === parent);
  const json = (value) => ({ status: 200, type: 'application/x-amz-json-1.1', body: JSON.stringify(value) });
  const paged = (key, items, body, map) => {
    const start = Number(JSON.parse(body || '{}').NextToken ?? 0);
    const next = start + 20 < items.length ? String(start + 20) : undefined;
    return json({ [key]: items.slice(start, start + 20).map(map), ...(next ? { NextToken: next } : {}) });
  };
  const orgArn = (kind, id) => `arn:aws:organizations::${management.id}:${kind}/${ORG_ID}/${id}`;

  function hierarchy(action, body) {
    const parent = JSON.parse(body || '{}').ParentId;
    switch (action) {
      case 'DescribeOrganization':
        return json({
          Organization: {
            Id: ORG_ID,
            Arn: `arn:aws:organizations::${management.id}:organization/${ORG_ID}`,
            FeatureSet: 'ALL',
            MasterAccountId: management.id,
          },
        });
      case 'ListRoots':
        return json({
          Roots: [{ Id: ROOT_ID, Arn: orgArn('root', ROOT_ID), Name: 'Root', PolicyTypes: [] }],
        });
      case 'ListOrganizationalUnitsForParent':
        return paged('OrganizationalUnits', parent === ROOT_ID ? ous : [], body, (id) => ({
          Id: id,
          Arn: orgArn('ou', id),
          Name: `Workloads ${id.slice(-4)}`,
        }));
      case 'ListAccountsForParent':
        return paged('Accounts', childrenOf(parent), body, accountOf);
      default:
        return undefined;
    }
  }

  const accountOf = (a) => ({
    Id: a.id,
    Arn: `arn:aws:organizations::${management.id}:account/${ORG_ID}/${a.id}`,
    Name: a.name,
    Email: `${a.name}@example.org`,
    Status: 'ACTIVE',
    State: 'ACTIVE',
    JoinedMethod: a === management ? 'CREATED' : 'INVITED',
    JoinedTimestamp: 1_700_000_000,
  });

  const ORG_ACTIONS = new Set([
    'ListAccounts',
    'DescribeOrganization',
    'ListRoots',
    'ListOrganizationalUnitsForParent',
    'ListAccountsForParent',
  ]);

  function organizations(action, body, account) {
    if (!ORG_ACTIONS.has(action)) return undefined;
    if (account !== management.id) {
      return {
        status: 400,
        type: 'application/x-amz-json-1.1',
        body: JSON.stringify({
          __type: 'AWSOrganizationsNotInUseException',
          Message: 'Your account is not a member of an organization.',
        }),
      };
    }
    return action === 'ListAccounts' ? paged('Accounts', org, body, accountOf) : hierarchy(action, body);
  }

  function ec2(action, params, account, region) {
    if (action !== 'DescribeSecurityGroups') return undefined;
    const a = byId.get(account);
    const start = Number(params.get('NextToken') ?? 0);
    const max = Math.min(Number(params.get('MaxResults') ?? 1000) || 1000, pageSize);
    const end = Math.min(a.groups, start + max);
    const items = [];
    for (let i = start; i < end; i++) {
      const open = i % 5 === 0;
      const id = `sg-${account.slice(-6)}${region.length}${String(i).padStart(6, '0')}`;
      items.push(
        `<item><ownerId>${account}</ownerId><groupId>${id}</groupId><groupName>${id}-${region}</groupName>` +
          '<groupDescription>fake tier</groupDescription><vpcId>vpc-0fake</vpcId><ipPermissions><item>' +
          `<ipProtocol>tcp</ipProtocol><fromPort>${open ? 22 : 443}</fromPort><toPort>${open ? 22 : 443}</toPort>` +
          `<groups/><ipRanges><item><cidrIp>${open ? '0.0.0.0/0' : '10.0.0.0/8'}</cidrIp></item></ipRanges>` +
          '<ipv6Ranges/><prefixListIds/></item></ipPermissions><ipPermissionsEgress/><tagSet/></item>',
      );
    }
    return xml(
      `<DescribeSecurityGroupsResponse xmlns="${EC2_NS}"><requestId>fake-org</requestId>` +
        `<securityGroupInfo>${items.join('')}</securityGroupInfo>${end < a.groups ? `<nextToken>${end}</nextToken>` : ''}</DescribeSecurityGroupsResponse>`,
    );
  }

  function iam(action, account) {
    if (action !== 'GetAccountPasswordPolicy') return undefined;
    const p = byId.get(account).passwordPolicy;
    if (!p) {
      return queryError(
        404,
        'NoSuchEntity',
        `The Password Policy with domain name ${account} cannot be found.`,
        IAM_NS,
      );
    }
    return xml(
      `<GetAccountPasswordPolicyResponse xmlns="${IAM_NS}"><GetAccountPasswordPolicyResult><PasswordPolicy>` +
        `<MinimumPasswordLength>${p.min}</MinimumPasswordLength><RequireSymbols>true</RequireSymbols><RequireNumbers>true</RequireNumbers>` +
        '<RequireUppercaseCharacters>true</RequireUppercaseCharacters><RequireLowercaseCharacters>true</RequireLowercaseCharacters>' +
        '<AllowUsersToChangePassword>true</AllowUsersToChangePassword><ExpirePasswords>false</ExpirePasswords>' +
        '</PasswordPolicy></GetAccountPasswordPolicyResult><ResponseMetadata><RequestId>fake-org</RequestId></ResponseMetadata></GetAccountPasswordPolicyResponse>',
    );
  }

  const server = createServer((req, res) => {
    const at = performance.now();
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const send = (a) =>
        setTimeout(() => {
          res.writeHead(a.status, { 'content-type': a.type, 'content-length': Buffer.byteLength(a.body) });
          res.end(a.body);
        }, latencyMs);
      const authorization = String(req.headers.authorization ?? '');
      const sig = SIGV4.exec(authorization);
      const account = sig ? accountOfKey(sig[1]) : undefined;
      if (!sig || !account) {
        refused.push({ url: req.url, key: sig?.[1] ?? '(no SigV4 credential)' });
        send(
          queryError(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.'),
        );
        return;
      }
      const [, key, , region, service] = sig;
      const target = String(req.headers['x-amz-target'] ?? '');
      const form = String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')
        ? new URLSearchParams(body)
        : new URLSearchParams();
      const action =
        form.get('Action') ?? (target.includes('.') ? target.slice(target.lastIndexOf('.') + 1) : '');
      const r = { at, account, region, service, action };
      r.bucket = bucketOf(r);
      // the SDK names its application in the user agent (AWS_SDK_UA_APP_ID): which process sent it
      const app = /(?:^| )app\/(\S+)/.exec(String(req.headers['user-agent'] ?? ''));
      if (app) r.app = app[1];
      requests.push(r);
      const answer =
        service === 'sts'
          ? sts(action, form, account, key)
          : service === 'organizations'
            ? organizations(action, body, account)
            : service === 'ec2'
              ? ec2(action, form, account, region)
              : service === 'iam'
                ? iam(action, account)
                : undefined;
      if (answer) {
        send(answer);
        return;
      }
      unserved.push(`${service} ${action || req.url}`);
      send(
        queryError(400, 'InvalidAction', `fake organisation: ${service} ${action || req.url} is not served`),
      );
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = server.address().port;
  return {
    url: `http://127.0.0.1:${port}`,
    org,
    requests,
    refused,
    unserved,
    /** requests per account */
    perAccount() {
      const out = new Map();
      for (const r of requests) out.set(r.account, (out.get(r.account) ?? 0) + 1);
      return out;
    },
    /** forget the requests seen so far */
    reset() {
      requests.length = 0;
      refused.length = 0;
      unserved.length = 0;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The most requests of one key (a bucket, an account) seen in any window of `windowMs`, over
 * the requests `keyOf` keeps (undefined: left out). Windows start at each request's arrival.
 */
export function peakInWindow(requests, windowMs, keyOf) {
  const times = new Map();
  for (const r of requests) {
    const k = keyOf(r);
    if (k === undefined) continue;
    const list = times.get(k) ?? [];
    times.set(k, list);
    list.push(r.at);
  }
  const out = new Map();
  for (const [k, list] of times) {
    list.sort((a, b) => a - b);
    let peak = 0;
    let j = 0;
    for (let i = 0; i < list.length; i++) {
      while (list[i] - list[j] >= windowMs) j++;
      peak = Math.max(peak, i - j + 1);
    }
    out.set(k, { peak, total: list.length });
  }
  return out;
}

/** The environment that points the SDK of a child process at the organisation, as its management account. */
export function fakeOrgEnv(url) {
  return {
    AWS_ENDPOINT_URL: url,
    AWS_ACCESS_KEY_ID: MANAGEMENT_KEY,
    AWS_SECRET_ACCESS_KEY: MANAGEMENT_SECRET,
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}
