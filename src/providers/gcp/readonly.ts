import { GcpReadOnlyViolation } from './errors.js';

/**
 * A scan only reads. The transport checks every request against these rules before it asks
 * for a token or sends anything:
 *
 * - GET is a read in every Google API (AIP-131/132: Get and List never change state), except
 *   the few GETs that read customer data rather than configuration, which an audit never needs
 *   and must not do by accident: Secret Manager `:access` (a secret's payload), Cloud Storage
 *   `alt=media` (an object's bytes), BigQuery table rows (`tabledata.list`) and query results
 *   (`jobs.getQueryResults`).
 * - POST only for the reads Google defines as POST, each listed here with its API and path:
 *   Resource Manager `:getIamPolicy` and `:testIamPermissions` on projects, folders and
 *   organizations (v1 to v3), and IAM's service account `:getIamPolicy`. Several reads that
 *   look like POSTs are GETs (Cloud KMS `:getIamPolicy`, Resource Manager v3 `projects:search`,
 *   Secret Manager `:getIamPolicy`): those are plain GETs here and need no entry.
 * - nothing else: PUT, PATCH, DELETE and every other POST are refused.
 *
 * A collector that needs another POST read adds one line to POST_READS, with the Google
 * reference that documents the method as a read.
 */

export interface PostRead {
  api: string;
  /** the path below the API root, without query */
  path: RegExp;
  /** Google's method name, for messages and the policy */
  method: string;
}

const SEGMENT = '[^/:?#]+';

export const POST_READS: readonly PostRead[] = [
  {
    // cloudresourcemanager.{projects,folders,organizations}.getIamPolicy (v1, v2, v3)
    api: 'cloudresourcemanager',
    path: new RegExp(`^v[123]/(?:projects|folders|organizations)/${SEGMENT}:getIamPolicy$`),
    method: 'getIamPolicy',
  },
  {
    // cloudresourcemanager.{projects,folders,organizations}.testIamPermissions
    api: 'cloudresourcemanager',
    path: new RegExp(`^v[123]/(?:projects|folders|organizations)/${SEGMENT}:testIamPermissions$`),
    method: 'testIamPermissions',
  },
  {
    // iam.projects.serviceAccounts.getIamPolicy: who may act as a service account
    api: 'iam',
    path: new RegExp(`^v1/projects/${SEGMENT}/serviceAccounts/${SEGMENT}:getIamPolicy$`),
    method: 'getIamPolicy',
  },
];

interface DataRead {
  api: string;
  test: (path: string, query: URLSearchParams) => boolean;
  what: string;
}

const DATA_READS: readonly DataRead[] = [
  { api: 'secretmanager', test: (p) => /:access$/.test(p), what: "a secret version's payload" },
  { api: 'storage', test: (_p, q) => q.get('alt') === 'media', what: "an object's content" },
  { api: 'bigquery', test: (p) => /\/tables\/[^/]+\/data$/.test(p), what: "a table's rows" },
  { api: 'bigquery', test: (p) => /\/queries\/[^/]+$/.test(p), what: "a query's results" },
];

export interface ReadRequest {
  api: string;
  method: string;
  /** the path below the API root, without query */
  path: string;
  query?: URLSearchParams;
}

/** Throws GcpReadOnlyViolation unless the request is a read Cloudward may make. */
export function assertReadOnly(req: ReadRequest): void {
  const method = req.method.toUpperCase();
  const refuse = (why: string) =>
    new GcpReadOnlyViolation({
      api: req.api,
      method,
      path: req.path,
      code: 'ReadOnlyViolation',
      message: `refused ${method} ${req.api} ${req.path}: ${why}`,
    });
  if (method === 'GET') {
    const data = DATA_READS.find(
      (d) => d.api === req.api && d.test(req.path, req.query ?? new URLSearchParams()),
    );
    if (data) throw refuse(`it reads ${data.what}, which a configuration audit never needs`);
    return;
  }
  if (method === 'POST') {
    if (POST_READS.some((r) => r.api === req.api && r.path.test(req.path))) return;
    throw refuse('Cloudward only sends GETs and the POST reads Google defines (see POST_READS)');
  }
  throw refuse('Cloudward only calls read-only APIs');
}

export function isReadOnly(req: ReadRequest): boolean {
  try {
    assertReadOnly(req);
    return true;
  } catch {
    return false;
  }
}
