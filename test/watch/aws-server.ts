import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small AWS endpoint on 127.0.0.1 for the SDK through AWS_ENDPOINT_URL: STS GetCallerIdentity
 * and EC2 DescribeSecurityGroups (query protocol, XML answers), with GroupId.N filtering and
 * InvalidGroup.NotFound as EC2 answers them. `hold` keeps EC2 calls waiting (a scan in flight).
 */

export interface Group {
  id: string;
  name: string;
  /** inbound [port, cidr] pairs */
  inbound: [number, string][];
}

const EC2_NS = 'http://ec2.amazonaws.com/doc/2016-11-15/';
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function groupXml(account: string, g: Group): string {
  const perms = g.inbound
    .map(
      ([port, cidr]) =>
        `<item><ipProtocol>tcp</ipProtocol><fromPort>${port}</fromPort><toPort>${port}</toPort><groups/>` +
        `<ipRanges><item><cidrIp>${esc(cidr)}</cidrIp></item></ipRanges><ipv6Ranges/><prefixListIds/></item>`,
    )
    .join('');
  return (
    `<item><ownerId>${account}</ownerId><groupId>${g.id}</groupId><groupName>${esc(g.name)}</groupName>` +
    `<groupDescription>test</groupDescription><vpcId>vpc-0123</vpcId><ipPermissions>${perms}</ipPermissions>` +
    '<ipPermissionsEgress/><tagSet/></item>'
  );
}

function serviceOf(req: IncomingMessage): string {
  const auth = String(req.headers.authorization ?? '');
  return /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\//.exec(auth)?.[1] ?? '';
}

export async function startAwsServer(account: string) {
  const groups = new Map<string, Group>();
  const calls: string[] = [];
  const state = { hold: false };
  const held: (() => void)[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const params = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const action = params.get('Action') ?? '';
      const service = serviceOf(req);
      const ids = [...params.entries()].filter(([k]) => /^GroupId\.\d+$/.test(k)).map(([, v]) => v);
      calls.push(`${service}:${action}${ids.length ? ` ${ids.join(',')}` : ''}`);
      const reply = (status: number, body: string) => {
        if (res.destroyed) return;
        res.writeHead(status, { 'content-type': 'text/xml' });
        res.end(body);
      };
      if (service === 'sts' && action === 'GetCallerIdentity') {
        reply(
          200,
          `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::${account}:user/watch</Arn><UserId>AIDAWATCH</UserId><Account>${account}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
        );
        return;
      }
      if (service === 'ec2' && action === 'DescribeSecurityGroups') {
        const answer = () => {
          const wanted = [...params.entries()].filter(([k]) => /^GroupId\.\d+$/.test(k)).map(([, v]) => v);
          const missing = wanted.find((id) => !groups.has(id));
          if (missing) {
            reply(
              400,
              `<Response><Errors><Error><Code>InvalidGroup.NotFound</Code><Message>The security group '${esc(missing)}' does not exist</Message></Error></Errors><RequestID>r</RequestID></Response>`,
            );
            return;
          }
          const list = wanted.length ? wanted.map((id) => groups.get(id) as Group) : [...groups.values()];
          reply(
            200,
            `<DescribeSecurityGroupsResponse xmlns="${EC2_NS}"><requestId>r</requestId><securityGroupInfo>${list.map((g) => groupXml(account, g)).join('')}</securityGroupInfo></DescribeSecurityGroupsResponse>`,
          );
        };
        if (state.hold) held.push(answer);
        else answer();
        return;
      }
      reply(
        400,
        `<Response><Errors><Error><Code>InvalidAction</Code><Message>test server: ${esc(service)} ${esc(action)}</Message></Error></Errors><RequestID>r</RequestID></Response>`,
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    groups,
    calls,
    state,
    heldCount: () => held.length,
    release(): void {
      for (const h of held.splice(0)) h();
    },
    close(): Promise<void> {
      server.closeAllConnections();
      return new Promise((r) => server.close(() => r()));
    },
  };
}
