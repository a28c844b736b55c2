import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local AWS-compatible endpoint on 127.0.0.1, reached by the SDK through AWS_ENDPOINT_URL: the
 * whole stack (endpoint resolution, signing, retries, the wire protocols, pacing) runs and
 * nothing leaves loopback. Every request must be SigV4-signed with the tests' fake access key;
 * the credential scope names the service and region, which is how answers are routed.
 */

export const TEST_ACCESS_KEY = 'AKIDFAKEFORTESTS';

export interface LocalRequest {
  method: string;
  /** the path without the query */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  /** the form parameters of a query-protocol request (EC2, IAM, STS) */
  params: URLSearchParams;
  service: string;
  region: string;
  /** Action of a query-protocol request, the operation of a JSON one (X-Amz-Target), else '' */
  action: string;
}

export interface LocalAnswer {
  status?: number;
  body: string;
  headers?: Record<string, string>;
}

const SIGV4 =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

export const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export interface LocalAws {
  url: string;
  requests: LocalRequest[];
  /** requests refused for a missing, malformed or foreign Authorization header */
  refused: string[];
  /** requests per `<service>:<Operation>` */
  count(): Record<string, number>;
  close(): Promise<void>;
}

const S3_SUBRESOURCES: Record<string, string> = {
  location: 'GetBucketLocation',
  publicAccessBlock: 'GetPublicAccessBlock',
  encryption: 'GetBucketEncryption',
  versioning: 'GetBucketVersioning',
  policyStatus: 'GetBucketPolicyStatus',
  policy: 'GetBucketPolicy',
  acl: 'GetBucketAcl',
  logging: 'GetBucketLogging',
};

/** The operation of an S3 REST request (path-style): ListBuckets, GetBucketPolicy, ... */
export function s3Operation(req: LocalRequest): string {
  if (req.path === '/' || req.path === '') return req.method === 'GET' ? 'ListBuckets' : `${req.method} /`;
  for (const [sub, op] of Object.entries(S3_SUBRESOURCES))
    if (req.query.has(sub) && req.method === 'GET') return op;
  return `${req.method} ${req.path}?${req.query}`;
}

/** The bucket of a path-style S3 request. */
export const s3Bucket = (req: LocalRequest) =>
  decodeURIComponent(req.path.split('/').filter(Boolean)[0] ?? '');

export async function startLocalAws(
  answer: (req: LocalRequest) => LocalAnswer | undefined,
): Promise<LocalAws> {
  const requests: LocalRequest[] = [];
  const refused: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const auth = SIGV4.exec(String(req.headers.authorization ?? ''));
      if (!auth || auth[1] !== TEST_ACCESS_KEY) {
        refused.push(`${req.method} ${url.pathname}`);
        res.writeHead(403, { 'content-type': 'text/xml' });
        res.end(
          '<Error><Code>InvalidClientTokenId</Code><Message>unsigned or foreign request</Message></Error>',
        );
        return;
      }
      const params = new URLSearchParams(
        String(req.headers['content-type'] ?? '').includes('x-www-form-urlencoded') ? body : '',
      );
      const target = String(req.headers['x-amz-target'] ?? '');
      const r: LocalRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body,
        params,
        region: auth[3] as string,
        service: auth[4] as string,
        action: params.get('Action') ?? (target ? (target.split('.').pop() ?? '') : ''),
      };
      requests.push(r);
      const a = answer(r) ?? {
        status: 400,
        body: `<Response><Errors><Error><Code>InvalidAction</Code><Message>not served here: ${xmlText(
          `${r.service} ${r.action || `${r.method} ${url.pathname}${url.search}`}`,
        )}</Message></Error></Errors><RequestID>local</RequestID></Response>`,
      };
      res.writeHead(a.status ?? 200, { 'content-type': 'text/xml', ...(a.headers ?? {}) });
      res.end(a.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    refused,
    count: () => {
      const out: Record<string, number> = {};
      for (const r of requests) {
        const k = `${r.service}:${r.service === 's3' ? s3Operation(r) : r.action}`;
        out[k] = (out[k] ?? 0) + 1;
      }
      return out;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Point the SDK at the endpoint for the duration of a test file; returns the restore function. */
export function useEndpoint(url: string): () => void {
  const saved = { ...process.env };
  for (const k of Object.keys(process.env)) if (k.startsWith('AWS_ENDPOINT_URL')) delete process.env[k];
  process.env.AWS_ENDPOINT_URL = url;
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  return () => {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  };
}
