import {
  type Answer,
  type FixtureRequest,
  googleErrors,
  startGcpFixture,
} from '../providers/gcp/fixture-server.js';

/*
 * Stateful Google Cloud answers for remediation tests, on the HTTPS GCP fixture server (its own
 * token service; every request's bearer token checked): a project, its VPC firewall rules and
 * one bucket's IAM policy, in Compute's and Storage's shapes, changed by the PATCH and PUT the
 * write client sends, so a re-read shows the effect.
 */

export const PROJECT = 'shop-prod-4821';
const COMPUTE = 'https://www.googleapis.com/compute/v1';

export interface FirewallState {
  sourceRanges: string[];
  ports: string[];
  disabled: boolean;
}

export interface Binding {
  role: string;
  members: string[];
}

export const firewallRef = (name: string) => `${COMPUTE}/projects/${PROJECT}/global/firewalls/${name}`;
export const bucketRef = (name: string) => `https://www.googleapis.com/storage/v1/b/${name}`;

export async function startFakeGcp() {
  const fx = await startGcpFixture();
  const firewalls = new Map<string, FirewallState>();
  const buckets = new Map<string, { bindings: Binding[]; etag: number }>();
  /** the writes that reached the server: `METHOD api path` */
  const writes: string[] = [];
  let op = 0;

  const firewallBody = (name: string, f: FirewallState) => ({
    kind: 'compute#firewall',
    id: '4920301174418250011',
    creationTimestamp: '2025-11-02T09:14:27.516-07:00',
    name,
    description: '',
    network: `${COMPUTE}/projects/${PROJECT}/global/networks/default`,
    priority: 1000,
    sourceRanges: f.sourceRanges,
    allowed: [{ IPProtocol: 'tcp', ports: f.ports }],
    direction: 'INGRESS',
    logConfig: { enable: false },
    disabled: f.disabled,
    selfLink: firewallRef(name),
  });

  const firewallRoute =
    (name: string) =>
    (req: FixtureRequest): Answer => {
      const f = firewalls.get(name);
      if (!f) return googleErrors.notFoundLegacy(`projects/${PROJECT}/global/firewalls/${name}`);
      if (req.method === 'PATCH') {
        writes.push(`PATCH compute ${req.path}`);
        const body = JSON.parse(req.body || '{}') as { disabled?: unknown };
        if (typeof body.disabled === 'boolean') f.disabled = body.disabled;
        op += 1;
        return {
          body: {
            kind: 'compute#operation',
            id: String(7_000_000 + op),
            name: `operation-1733475000000-${op}`,
            operationType: 'patch',
            targetLink: firewallRef(name),
            targetId: '4920301174418250011',
            status: 'RUNNING',
            user: req.principal,
            progress: 0,
            insertTime: '2026-12-06T07:30:00.000-08:00',
            startTime: '2026-12-06T07:30:00.100-08:00',
            selfLink: `${COMPUTE}/projects/${PROJECT}/global/operations/operation-1733475000000-${op}`,
          },
        };
      }
      return { body: firewallBody(name, f) };
    };

  const etagOf = (n: number) => Buffer.from(`etag-${n}`).toString('base64');
  const policyBody = (name: string, b: { bindings: Binding[]; etag: number }) => ({
    kind: 'storage#policy',
    resourceId: `projects/_/buckets/${name}`,
    version: 1,
    etag: etagOf(b.etag),
    bindings: b.bindings,
  });

  const iamRoute =
    (name: string) =>
    (req: FixtureRequest): Answer => {
      const b = buckets.get(name);
      if (!b) return googleErrors.notFoundLegacy(`b/${name}`);
      if (req.method === 'PUT') {
        writes.push(`PUT storage ${req.path}`);
        const body = JSON.parse(req.body || '{}') as { bindings?: Binding[]; etag?: string };
        if (body.etag !== undefined && body.etag !== etagOf(b.etag))
          return {
            status: 412,
            body: {
              error: {
                code: 412,
                message: 'Precondition Failed',
                errors: [
                  {
                    message: 'Precondition Failed',
                    domain: 'global',
                    reason: 'conditionNotMet',
                    locationType: 'header',
                    location: 'If-Match',
                  },
                ],
              },
            },
          };
        b.bindings = body.bindings ?? [];
        b.etag += 1;
      }
      return { body: policyBody(name, b) };
    };

  fx.routes[`cloudresourcemanager GET v1/projects/${PROJECT}`] = {
    body: {
      projectNumber: '730113284765',
      projectId: PROJECT,
      lifecycleState: 'ACTIVE',
      name: 'Shop production',
      createTime: '2024-05-14T08:12:51.422Z',
      parent: { type: 'organization', id: '584131949571' },
    },
  };

  return {
    fx,
    firewalls,
    buckets,
    writes,
    addFirewall(name: string, f: FirewallState) {
      firewalls.set(name, f);
      const path = `compute/v1/projects/${PROJECT}/global/firewalls/${name}`;
      fx.routes[`compute GET ${path}`] = firewallRoute(name);
      fx.routes[`compute PATCH ${path}`] = firewallRoute(name);
    },
    addBucket(name: string, bindings: Binding[]) {
      buckets.set(name, { bindings, etag: 1 });
      fx.routes[`storage GET storage/v1/b/${name}/iam`] = iamRoute(name);
      fx.routes[`storage PUT storage/v1/b/${name}/iam`] = iamRoute(name);
    },
    seams: () => ({ env: fx.env(), ca: fx.pki.caPem }),
    close: () => fx.close(),
  };
}

export type FakeGcp = Awaited<ReturnType<typeof startFakeGcp>>;
