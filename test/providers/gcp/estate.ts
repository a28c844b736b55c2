import { WORKLOAD_COMPLIANT, WORKLOAD_PLANTED, workloadRoutes } from './estate-workloads.js';
import { type GcpFixture, pagedList, type Routes } from './fixture-server.js';

/**
 * A two-project test estate in Google's answer shapes, for end-to-end scans against the fixture
 * server: `shop-prod` with planted CIS misconfigurations next to their compliant counterparts,
 * and `shop-dev` with compliant resources only. Each resource type adds its routes here (one
 * function per type), and the names of what must fail and what must not to PLANTED / COMPLIANT.
 */

export interface EstateProject {
  id: string;
  number: string;
  name: string;
}

export const SHOP_PROD: EstateProject = {
  id: 'shop-prod',
  number: '111111111111',
  name: 'Shop (production)',
};
export const SHOP_DEV: EstateProject = { id: 'shop-dev', number: '222222222222', name: 'Shop (dev)' };
export const ESTATE_PROJECTS = [SHOP_PROD, SHOP_DEV];
export const ORGANIZATION = { id: '123456789012', name: 'shop.example' };

const COMPUTE = 'https://www.googleapis.com/compute/v1';

function crmProject(p: EstateProject) {
  return {
    name: `projects/${p.number}`,
    parent: `organizations/${ORGANIZATION.id}`,
    projectId: p.id,
    state: 'ACTIVE',
    displayName: p.name,
    createTime: '2024-03-01T09:00:00.000Z',
    updateTime: '2024-03-01T09:00:00.000Z',
    etag: `W/"${p.number}"`,
  };
}

/** Resource Manager: search, get, the organisation and its projects by parent. */
export function resourceManagerRoutes(projects: readonly EstateProject[] = ESTATE_PROJECTS): Routes {
  const routes: Routes = {
    'cloudresourcemanager GET v3/projects:search': pagedList('projects', projects.map(crmProject), {
      pageSize: 1,
    }),
    'cloudresourcemanager GET v3/organizations:search': {
      body: {
        organizations: [
          {
            name: `organizations/${ORGANIZATION.id}`,
            displayName: ORGANIZATION.name,
            state: 'ACTIVE',
            directoryCustomerId: 'C0abc1def',
          },
        ],
      },
    },
    [`cloudresourcemanager GET v3/organizations/${ORGANIZATION.id}`]: {
      body: { name: `organizations/${ORGANIZATION.id}`, displayName: ORGANIZATION.name, state: 'ACTIVE' },
    },
    'cloudresourcemanager GET v3/projects': (req) =>
      req.query.get('parent') === `organizations/${ORGANIZATION.id}`
        ? pagedList('projects', projects.map(crmProject))(req)
        : { body: {} },
    'cloudresourcemanager GET v3/folders': { body: {} },
  };
  for (const p of projects) {
    routes[`cloudresourcemanager GET v3/projects/${p.id}`] = { body: crmProject(p) };
  }
  return routes;
}

interface FirewallSpec {
  name: string;
  direction?: 'INGRESS' | 'EGRESS';
  sourceRanges?: string[];
  destinationRanges?: string[];
  allowed?: { IPProtocol: string; ports?: string[] }[];
  denied?: { IPProtocol: string; ports?: string[] }[];
  disabled?: boolean;
  priority?: number;
}

let nextId = 4853772226933023000n;

/** A compute#firewall as Compute Engine v1 returns it. */
export function firewall(project: string, f: FirewallSpec): Record<string, unknown> {
  nextId += 17n;
  return {
    kind: 'compute#firewall',
    id: String(nextId),
    creationTimestamp: '2024-03-01T12:38:59.990-07:00',
    name: f.name,
    description: '',
    network: `${COMPUTE}/projects/${project}/global/networks/shop-vpc`,
    priority: f.priority ?? 1000,
    direction: f.direction ?? 'INGRESS',
    ...(f.direction === 'EGRESS'
      ? { destinationRanges: f.destinationRanges ?? ['0.0.0.0/0'] }
      : { sourceRanges: f.sourceRanges ?? [] }),
    ...(f.allowed ? { allowed: f.allowed } : {}),
    ...(f.denied ? { denied: f.denied } : {}),
    logConfig: { enable: false },
    disabled: f.disabled ?? false,
    selfLink: `${COMPUTE}/projects/${project}/global/firewalls/${f.name}`,
  };
}

export const FIREWALLS: Record<string, Record<string, unknown>[]> = {
  [SHOP_PROD.id]: [
    // planted: SSH and RDP from anywhere
    firewall(SHOP_PROD.id, {
      name: 'allow-ssh-anywhere',
      sourceRanges: ['0.0.0.0/0'],
      allowed: [{ IPProtocol: 'tcp', ports: ['22'] }],
    }),
    firewall(SHOP_PROD.id, {
      name: 'allow-rdp-anywhere',
      sourceRanges: ['0.0.0.0/0', '::/0'],
      allowed: [{ IPProtocol: 'tcp', ports: ['3389'] }],
    }),
    // compliant counterparts: SSH through IAP only, a disabled wide rule, HTTPS to the world, egress
    firewall(SHOP_PROD.id, {
      name: 'allow-ssh-from-iap',
      sourceRanges: ['35.235.240.0/20'],
      allowed: [{ IPProtocol: 'tcp', ports: ['22'] }],
    }),
    firewall(SHOP_PROD.id, {
      name: 'legacy-admin-disabled',
      sourceRanges: ['0.0.0.0/0'],
      allowed: [{ IPProtocol: 'tcp', ports: ['22', '3389'] }],
      disabled: true,
    }),
    firewall(SHOP_PROD.id, {
      name: 'allow-https',
      sourceRanges: ['0.0.0.0/0'],
      allowed: [{ IPProtocol: 'tcp', ports: ['443'] }],
    }),
    firewall(SHOP_PROD.id, {
      name: 'deny-telnet-egress',
      direction: 'EGRESS',
      denied: [{ IPProtocol: 'tcp', ports: ['23'] }],
    }),
  ],
  [SHOP_DEV.id]: [
    firewall(SHOP_DEV.id, {
      name: 'allow-internal',
      sourceRanges: ['10.128.0.0/9'],
      allowed: [{ IPProtocol: 'tcp', ports: ['0-65535'] }, { IPProtocol: 'icmp' }],
    }),
    firewall(SHOP_DEV.id, {
      name: 'allow-ssh-from-iap',
      sourceRanges: ['35.235.240.0/20'],
      allowed: [{ IPProtocol: 'tcp', ports: ['22'] }],
    }),
  ],
};

/** Compute Engine firewalls of every project, two per page. */
export function firewallRoutes(byProject = FIREWALLS): Routes {
  const routes: Routes = {};
  for (const [project, items] of Object.entries(byProject)) {
    routes[`compute GET compute/v1/projects/${project}/global/firewalls`] = pagedList('items', items, {
      pageSize: 2,
      extra: {
        kind: 'compute#firewallList',
        id: `projects/${project}/global/firewalls`,
        selfLink: `${COMPUTE}/projects/${project}/global/firewalls`,
      },
    });
  }
  return routes;
}

/** The whole estate's routes. */
export function estateRoutes(): Routes {
  return { ...resourceManagerRoutes(), ...firewallRoutes(), ...workloadRoutes() };
}

/**
 * What a CIS v5.0 scan of the estate must report failing (check id -> resource names) and the
 * compliant resources nothing may flag.
 */
export const PLANTED: Record<string, string[]> = {
  'gcp.compute.firewall_no_ssh_from_internet': ['allow-ssh-anywhere allow tcp:22'],
  'gcp.compute.firewall_no_rdp_from_internet': ['allow-rdp-anywhere allow tcp:3389'],
  ...WORKLOAD_PLANTED,
};

export const COMPLIANT: string[] = [
  'allow-ssh-from-iap allow tcp:22',
  'legacy-admin-disabled allow tcp:22,3389',
  'allow-https allow tcp:443',
  'allow-internal allow tcp:0-65535',
  ...WORKLOAD_COMPLIANT,
];

/** Install the estate on a running fixture. */
export function plantEstate(fx: GcpFixture): void {
  Object.assign(fx.routes, estateRoutes());
}
