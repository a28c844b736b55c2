import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An AWS-compatible endpoint on 127.0.0.1 for the SDK through AWS_ENDPOINT_URL: the real HTTP
 * stack (endpoint resolution, signing, the wire protocols) runs, and nothing leaves loopback.
 * Every request must carry a SigV4 Authorization header signed with the expected access key;
 * the credential scope names the service and region, which is how answers are routed.
 */

export interface EndpointRequest {
  method: string;
  /** the path without the query */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  service: string;
  region: string;
  /** Action of a query-protocol request, the operation of an X-Amz-Target (JSON) one, else '' */
  action: string;
}

export interface Answer {
  status?: number;
  body: string;
  headers?: Record<string, string>;
}

/** AWS4-HMAC-SHA256 Credential=<key>/<date>/<region>/<service>/aws4_request, SignedHeaders=..., Signature=<hex> */
const SIGV4 =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** STS GetCallerIdentity as STS answers it (query protocol, XML). */
export function callerIdentityAnswer(account: string, arn = `arn:aws:iam::${account}:user/auditor`): Answer {
  return {
    body:
      '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>' +
      `<Arn>${xml(arn)}</Arn><UserId>AIDAFIXTURE</UserId><Account>${account}</Account></GetCallerIdentityResult>` +
      '<ResponseMetadata><RequestId>req-sts</RequestId></ResponseMetadata></GetCallerIdentityResponse>',
    headers: { 'content-type': 'text/xml' },
  };
}

export async function startAwsEndpoint(opts: {
  /** the access key requests must be signed with (several: an assumed role's key as well) */
  accessKeyId: string | readonly string[];
  /** the answer to a request, or undefined for "not served here" (a 400 the test will see) */
  answer: (req: EndpointRequest) => Answer | undefined;
}) {
  const requests: EndpointRequest[] = [];
  /** requests refused because their Authorization header was missing, malformed or not ours */
  const refused: { path: string; authorization: string }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const authorization = String(req.headers.authorization ?? '');
      const sig = SIGV4.exec(authorization);
      const reply = (a: Answer) => {
        res.writeHead(a.status ?? 200, { 'content-type': 'text/xml', ...(a.headers ?? {}) });
        res.end(a.body);
      };
      const keys: readonly string[] =
        typeof opts.accessKeyId === 'string' ? [opts.accessKeyId] : opts.accessKeyId;
      if (!sig || !keys.includes(sig[1] as string)) {
        refused.push({ path: url.pathname, authorization });
        reply({
          status: 403,
          body: '<ErrorResponse><Error><Type>Sender</Type><Code>IncompleteSignature</Code><Message>not signed with the fixture key</Message></Error></ErrorResponse>',
        });
        return;
      }
      const target = String(req.headers['x-amz-target'] ?? '');
      const form = String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')
        ? new URLSearchParams(body)
        : undefined;
      const r: EndpointRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body,
        service: sig[4] as string,
        region: sig[3] as string,
        action:
          form?.get('Action') ?? (target.includes('.') ? target.slice(target.lastIndexOf('.') + 1) : ''),
      };
      requests.push(r);
      const a = opts.answer(r);
      if (a) reply(a);
      else
        reply({
          status: 400,
          body: `<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>fixture endpoint: ${xml(`${r.service} ${r.method} ${r.path} ${r.action}`)}</Message></Error></ErrorResponse>`,
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    refused,
    close(): Promise<void> {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Sets environment variables for the duration of a suite; `restore` puts the old values back. */
export function setEnv(vars: Record<string, string | undefined>): { restore(): void } {
  const saved: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(vars)) {
    saved[k] = process.env[k];
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  return {
    restore() {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    },
  };
}
