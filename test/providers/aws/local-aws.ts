import { type Answer, type EndpointRequest, setEnv, startAwsEndpoint } from './fixture-endpoint.js';

/**
 * The fixture endpoint (fixture-endpoint.ts) with what the collection and pacing tests need on
 * top: the form parameters of query-protocol requests, S3 operations named as AWS names them,
 * and the calls counted per `<service>:<Operation>`, as a scan's own statistics count them.
 */

export const TEST_ACCESS_KEY = 'AKIDFAKEFORTESTS';

export interface LocalRequest extends EndpointRequest {
  /** the form parameters of a query-protocol request (EC2, IAM, STS) */
  params: URLSearchParams;
}

export type LocalAnswer = Answer;

export const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const S3_SUBRESOURCES: Record<string, string> = {
  location: 'GetBucketLocation',
  publicAccessBlock: 'GetPublicAccessBlock',
  encryption: 'GetBucketEncryption',
  versioning: 'GetBucketVersioning',
  policyStatus: 'GetBucketPolicyStatus',
  policy: 'GetBucketPolicy',
  acl: 'GetBucketAcl',
  logging: 'GetBucketLogging',
  lifecycle: 'GetBucketLifecycleConfiguration',
  'object-lock': 'GetObjectLockConfiguration',
  notification: 'GetBucketNotificationConfiguration',
  ownershipControls: 'GetBucketOwnershipControls',
};

/** The operation of an S3 REST request (path-style): ListBuckets, GetBucketPolicy, ... */
export function s3Operation(req: EndpointRequest): string {
  if (req.path === '/' || req.path === '') return req.method === 'GET' ? 'ListBuckets' : `${req.method} /`;
  for (const [sub, op] of Object.entries(S3_SUBRESOURCES))
    if (req.query.has(sub) && req.method === 'GET') return op;
  return `${req.method} ${req.path}?${req.query}`;
}

/** The bucket of a path-style S3 request. */
export const s3Bucket = (req: EndpointRequest) =>
  decodeURIComponent(req.path.split('/').filter(Boolean)[0] ?? '');

const paramsOf = (r: EndpointRequest) =>
  new URLSearchParams(
    String(r.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded') ? r.body : '',
  );

export interface LocalAws {
  url: string;
  requests: EndpointRequest[];
  /** requests refused for a missing, malformed or foreign Authorization header */
  refused: unknown[];
  /** requests per `<service>:<Operation>` */
  count(): Record<string, number>;
  close(): Promise<void>;
}

export async function startLocalAws(
  answer: (req: LocalRequest) => LocalAnswer | undefined,
): Promise<LocalAws> {
  const ep = await startAwsEndpoint({
    accessKeyId: TEST_ACCESS_KEY,
    answer: (r) => answer({ ...r, params: paramsOf(r) }),
  });
  return {
    url: ep.url,
    requests: ep.requests,
    refused: ep.refused,
    count: () => {
      const out: Record<string, number> = {};
      for (const r of ep.requests) {
        const k = `${r.service}:${r.service === 's3' ? s3Operation(r) : r.action}`;
        out[k] = (out[k] ?? 0) + 1;
      }
      return out;
    },
    close: () => ep.close(),
  };
}

/** Point the SDK at the endpoint (and nowhere else) until the returned function restores the environment. */
export function useEndpoint(url: string): () => void {
  const others = Object.fromEntries(
    Object.keys(process.env)
      .filter((k) => k.startsWith('AWS_ENDPOINT_URL_'))
      .map((k) => [k, undefined]),
  );
  const env = setEnv({ ...others, AWS_ENDPOINT_URL: url, AWS_EC2_METADATA_DISABLED: 'true' });
  return () => env.restore();
}
