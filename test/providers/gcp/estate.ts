import { WORKLOAD_COMPLIANT, WORKLOAD_PLANTED, workloadRoutes } from './estate-workloads.js';
import { type GcpFixture, googleErrors, pagedList, type Routes } from './fixture-server.js';

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

const DAY_MS = 86_400_000;
/** An RFC 3339 time `days` ago, as Google writes them. */
export const daysAgo = (days: number) =>
  new Date(Date.now() - days * DAY_MS).toISOString().replace(/\.\d+Z$/, 'Z');

const prodSa = (name: string) => `${name}@${SHOP_PROD.id}.iam.gserviceaccount.com`;
const devSa = (name: string) => `${name}@${SHOP_DEV.id}.iam.gserviceaccount.com`;

/** Project IAM policies (version 3), with their audit configs. */
export const IAM_POLICIES: Record<string, Record<string, unknown>> = {
  [SHOP_PROD.id]: {
    version: 3,
    etag: 'BwYh7prod=',
    bindings: [
      { role: 'roles/owner', members: ['user:alice@shop.example'] },
      {
        role: 'roles/editor',
        members: [
          `serviceAccount:${prodSa('deployer')}`,
          `serviceAccount:${SHOP_PROD.number}@cloudservices.gserviceaccount.com`,
        ],
      },
      { role: 'roles/iam.serviceAccountUser', members: ['user:bob@shop.example', 'user:dave@shop.example'] },
      { role: 'roles/iam.serviceAccountAdmin', members: ['user:bob@shop.example'] },
      { role: 'roles/cloudkms.admin', members: ['user:carol@shop.example'] },
      { role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter', members: ['user:carol@shop.example'] },
      { role: 'roles/viewer', members: [`serviceAccount:${prodSa('reporter')}`] },
    ],
    auditConfigs: [
      { service: 'allServices', auditLogConfigs: [{ logType: 'ADMIN_READ' }, { logType: 'DATA_WRITE' }] },
    ],
  },
  [SHOP_DEV.id]: {
    version: 1,
    etag: 'BwYh7dev=',
    bindings: [
      { role: 'roles/owner', members: ['user:alice@shop.example'] },
      { role: 'roles/logging.viewer', members: [`serviceAccount:${devSa('ci')}`] },
    ],
    auditConfigs: [
      {
        service: 'allServices',
        auditLogConfigs: [{ logType: 'ADMIN_READ' }, { logType: 'DATA_READ' }, { logType: 'DATA_WRITE' }],
      },
    ],
  },
};

const serviceAccount = (project: EstateProject, email: string, uniqueId: string) => ({
  name: `projects/${project.id}/serviceAccounts/${email}`,
  projectId: project.id,
  uniqueId,
  email,
  displayName: email.split('@')[0],
  etag: 'MDEwMjE5MjA=',
  oauth2ClientId: uniqueId,
});

const saKey = (project: EstateProject, email: string, id: string, age: number) => ({
  name: `projects/${project.id}/serviceAccounts/${email}/keys/${id}`,
  validAfterTime: daysAgo(age),
  validBeforeTime: '9999-12-31T23:59:59Z',
  keyAlgorithm: 'KEY_ALG_RSA_2048',
  keyOrigin: 'GOOGLE_PROVIDED',
  keyType: 'USER_MANAGED',
});

export const SERVICE_ACCOUNTS: Record<string, { account: Record<string, unknown>; keys: unknown[] }[]> = {
  [SHOP_PROD.id]: [
    {
      account: serviceAccount(SHOP_PROD, prodSa('deployer'), '104857600000000000001'),
      keys: [saKey(SHOP_PROD, prodSa('deployer'), '3c1e0f8d2a4b5c6d7e8f90a1b2c3d4e5f6a7b8c9', 200)],
    },
    { account: serviceAccount(SHOP_PROD, prodSa('reporter'), '104857600000000000002'), keys: [] },
  ],
  [SHOP_DEV.id]: [{ account: serviceAccount(SHOP_DEV, devSa('ci'), '104857600000000000003'), keys: [] }],
};

const keyName = (project: string, loc: string, ring: string, key: string) =>
  `projects/${project}/locations/${loc}/keyRings/${ring}/cryptoKeys/${key}`;

const cryptoKey = (name: string, rotation: string | undefined) => ({
  name,
  primary: {
    name: `${name}/cryptoKeyVersions/1`,
    state: 'ENABLED',
    createTime: daysAgo(30),
    protectionLevel: 'SOFTWARE',
    algorithm: 'GOOGLE_SYMMETRIC_ENCRYPTION',
    generateTime: daysAgo(30),
  },
  purpose: 'ENCRYPT_DECRYPT',
  createTime: daysAgo(30),
  ...(rotation ? { nextRotationTime: '2027-01-01T00:00:00Z', rotationPeriod: rotation } : {}),
  versionTemplate: { protectionLevel: 'SOFTWARE', algorithm: 'GOOGLE_SYMMETRIC_ENCRYPTION' },
  destroyScheduledDuration: '86400s',
});

export const KMS_KEYS = {
  orders: keyName(SHOP_PROD.id, 'europe-west1', 'shop-ring', 'orders'),
  payments: keyName(SHOP_PROD.id, 'europe-west1', 'shop-ring', 'payments'),
};

const apiKey = (project: EstateProject, id: string, display: string, age: number, services: string[]) => ({
  name: `projects/${project.number}/locations/global/keys/${id}`,
  displayName: display,
  createTime: daysAgo(age),
  uid: id,
  updateTime: daysAgo(age),
  ...(services.length ? { restrictions: { apiTargets: services.map((service) => ({ service })) } } : {}),
  etag: `W/"${id}"`,
});

const contact = (parent: string, id: string, email: string, categories: string[]) => ({
  name: `${parent}/contacts/${id}`,
  email,
  notificationCategorySubscriptions: categories,
  languageTag: 'en',
  validationState: 'VALID',
  validateTime: daysAgo(10),
});

const sink = (project: string, name: string, destination: string, filter?: string) => ({
  name,
  destination,
  ...(filter ? { filter } : {}),
  writerIdentity: `serviceAccount:service-${name}@gcp-sa-logging.iam.gserviceaccount.com`,
  createTime: daysAgo(100),
  updateTime: daysAgo(100),
  ...(name.startsWith('_') ? {} : { resourceName: `projects/${project}/sinks/${name}` }),
});

/** A bucket's retention policy as Cloud Storage returns it: one year, locked or not. */
const retention = (isLocked: boolean) => ({
  retentionPeriod: '31536000',
  effectiveTime: '2024-03-01T09:00:00.000Z',
  ...(isLocked ? { isLocked: true } : {}),
});

/** The CIS filters of the log alert controls, as a user writes them. */
export const LOG_FILTERS: Record<string, string> = {
  'project-ownership':
    '(protoPayload.serviceName="cloudresourcemanager.googleapis.com") AND (ProjectOwnership OR projectOwnerInvitee) OR (protoPayload.serviceData.policyDelta.bindingDeltas.action="REMOVE" AND protoPayload.serviceData.policyDelta.bindingDeltas.role="roles/owner") OR (protoPayload.serviceData.policyDelta.bindingDeltas.action="ADD" AND protoPayload.serviceData.policyDelta.bindingDeltas.role="roles/owner")',
  'audit-config':
    'protoPayload.methodName="SetIamPolicy" AND protoPayload.serviceData.policyDelta.auditConfigDeltas:*',
  'custom-role':
    'resource.type="iam_role" AND (protoPayload.methodName="google.iam.admin.v1.CreateRole" OR protoPayload.methodName="google.iam.admin.v1.DeleteRole" OR protoPayload.methodName="google.iam.admin.v1.UpdateRole")',
  firewall:
    'resource.type="gce_firewall_rule" AND (protoPayload.methodName:"compute.firewalls.patch" OR protoPayload.methodName:"compute.firewalls.insert" OR protoPayload.methodName:"compute.firewalls.delete")',
  route:
    'resource.type="gce_route" AND (protoPayload.methodName:"compute.routes.delete" OR protoPayload.methodName:"compute.routes.insert")',
  network:
    'resource.type="gce_network" AND (protoPayload.methodName:"compute.networks.insert" OR protoPayload.methodName:"compute.networks.patch" OR protoPayload.methodName:"compute.networks.delete" OR protoPayload.methodName:"compute.networks.removePeering" OR protoPayload.methodName:"compute.networks.addPeering")',
  'storage-iam': 'resource.type="gcs_bucket" AND protoPayload.methodName="storage.setIamPermissions"',
  'sql-config': 'protoPayload.methodName="cloudsql.instances.update"',
};

const metric = (name: string, filter: string) => ({
  name,
  filter,
  metricDescriptor: {
    name: `projects/x/metricDescriptors/logging.googleapis.com/user/${name}`,
    metricKind: 'DELTA',
    valueType: 'INT64',
    unit: '1',
    type: `logging.googleapis.com/user/${name}`,
  },
  createTime: daysAgo(50),
  updateTime: daysAgo(50),
});

const alertPolicy = (project: EstateProject, id: string, metricName: string, enabled: boolean) => ({
  name: `projects/${project.id}/alertPolicies/${id}`,
  displayName: `Alert on ${metricName}`,
  combiner: 'OR',
  creationRecord: { mutateTime: daysAgo(50), mutatedBy: 'alice@shop.example' },
  mutationRecord: { mutateTime: daysAgo(50), mutatedBy: 'alice@shop.example' },
  conditions: [
    {
      name: `projects/${project.id}/alertPolicies/${id}/conditions/1`,
      displayName: `${metricName} > 0`,
      conditionThreshold: {
        filter: `resource.type = "global" AND metric.type = "logging.googleapis.com/user/${metricName}"`,
        comparison: 'COMPARISON_GT',
        thresholdValue: 0,
        duration: '0s',
        aggregations: [{ alignmentPeriod: '60s', perSeriesAligner: 'ALIGN_COUNT' }],
        trigger: { count: 1 },
      },
    },
  ],
  notificationChannels: [`projects/${project.id}/notificationChannels/5551212`],
  enabled,
});

/** Every route of the identity and logging part of the estate. */
export function identityAndLoggingRoutes(): Routes {
  const r: Routes = {};
  for (const p of ESTATE_PROJECTS) {
    r[`cloudresourcemanager POST v1/projects/${p.id}:getIamPolicy`] = (req) =>
      JSON.parse(req.body || '{}')?.options?.requestedPolicyVersion === 3
        ? { body: IAM_POLICIES[p.id] }
        : googleErrors.invalidArgument('expected options.requestedPolicyVersion 3');
    r[`iam GET v1/projects/${p.id}/serviceAccounts`] = pagedList(
      'accounts',
      (SERVICE_ACCOUNTS[p.id] ?? []).map((a) => a.account),
      { pageSize: 1 },
    );
    for (const a of SERVICE_ACCOUNTS[p.id] ?? []) {
      r[`iam GET v1/projects/${p.id}/serviceAccounts/${a.account.email}/keys`] = (req) =>
        req.query.get('keyTypes') === 'USER_MANAGED'
          ? { body: a.keys.length ? { keys: a.keys } : {} }
          : { body: {} };
    }
  }
  // Cloud KMS: two locations in shop-prod, one key ring with two keys; not enabled in shop-dev
  r[`cloudkms GET v1/projects/${SHOP_PROD.id}/locations`] = {
    body: {
      locations: ['europe-west1', 'us-central1'].map((l) => ({
        name: `projects/${SHOP_PROD.id}/locations/${l}`,
        locationId: l,
        displayName: l,
      })),
    },
  };
  r[`cloudkms GET v1/projects/${SHOP_PROD.id}/locations/europe-west1/keyRings`] = {
    body: {
      keyRings: [
        {
          name: `projects/${SHOP_PROD.id}/locations/europe-west1/keyRings/shop-ring`,
          createTime: daysAgo(30),
        },
      ],
      totalSize: 1,
    },
  };
  r[`cloudkms GET v1/projects/${SHOP_PROD.id}/locations/us-central1/keyRings`] = { body: {} };
  r[`cloudkms GET v1/projects/${SHOP_PROD.id}/locations/europe-west1/keyRings/shop-ring/cryptoKeys`] =
    pagedList(
      'cryptoKeys',
      [cryptoKey(KMS_KEYS.orders, '7776000s'), cryptoKey(KMS_KEYS.payments, undefined)],
      { pageSize: 1, extra: { totalSize: 2 } },
    );
  r[`cloudkms GET v1/${KMS_KEYS.orders}:getIamPolicy`] = {
    body: {
      version: 1,
      etag: 'BwX=',
      bindings: [{ role: 'roles/cloudkms.cryptoKeyDecrypter', members: ['allUsers'] }],
    },
  };
  r[`cloudkms GET v1/${KMS_KEYS.payments}:getIamPolicy`] = { body: { version: 1, etag: 'BwY=' } };
  r[`cloudkms GET v1/projects/${SHOP_DEV.id}/locations`] = googleErrors.serviceDisabled(
    'cloudkms.googleapis.com',
    'Cloud Key Management Service (KMS) API',
    SHOP_DEV.number,
  );
  // API keys: two in shop-prod, none in shop-dev
  r[`apikeys GET v2/projects/${SHOP_PROD.id}/locations/global/keys`] = {
    body: {
      keys: [
        apiKey(SHOP_PROD, 'b7c9a2e4-0000-4a1b-9c3d-000000000001', 'maps-frontend', 200, []),
        apiKey(SHOP_PROD, 'b7c9a2e4-0000-4a1b-9c3d-000000000002', 'geo-backend', 10, [
          'geocoding-backend.googleapis.com',
        ]),
      ],
    },
  };
  r[`apikeys GET v2/projects/${SHOP_DEV.id}/locations/global/keys`] = { body: {} };
  // Essential contacts: the organisation's legal contact is inherited by both projects
  r[`essentialcontacts GET v1/organizations/${ORGANIZATION.id}/contacts`] = {
    body: { contacts: [contact(`organizations/${ORGANIZATION.id}`, '1', 'legal@shop.example', ['LEGAL'])] },
  };
  r[`essentialcontacts GET v1/projects/${SHOP_PROD.id}/contacts`] = {
    body: { contacts: [contact(`projects/${SHOP_PROD.number}`, '2', 'security@shop.example', ['SECURITY'])] },
  };
  r[`essentialcontacts GET v1/projects/${SHOP_DEV.id}/contacts`] = {
    body: { contacts: [contact(`projects/${SHOP_DEV.number}`, '3', 'ops@shop.example', ['ALL'])] },
  };
  // Access Approval: never set up in shop-prod, every service enrolled in shop-dev
  r[`accessapproval GET v1/projects/${SHOP_PROD.id}/accessApprovalSettings`] = googleErrors.notFound(
    `Settings for projects/${SHOP_PROD.number} not found`,
  );
  r[`accessapproval GET v1/projects/${SHOP_DEV.id}/accessApprovalSettings`] = {
    body: {
      name: `projects/${SHOP_DEV.id}/accessApprovalSettings`,
      notificationEmails: ['approvers@shop.example'],
      enrolledServices: [{ cloudProduct: 'all', enrollmentLevel: 'BLOCK_ALL' }],
      enrolledAncestor: false,
    },
  };
  // Logging: sinks, buckets, metrics; Monitoring: alert policies
  const builtIn = (p: EstateProject) => [
    sink(
      p.id,
      '_Required',
      `logging.googleapis.com/projects/${p.id}/locations/global/buckets/_Required`,
      'LOG_ID("cloudaudit.googleapis.com/activity") OR LOG_ID("externalaudit.googleapis.com/activity")',
    ),
    sink(
      p.id,
      '_Default',
      `logging.googleapis.com/projects/${p.id}/locations/global/buckets/_Default`,
      'NOT LOG_ID("cloudaudit.googleapis.com/activity")',
    ),
  ];
  r[`logging GET v2/projects/${SHOP_PROD.id}/sinks`] = pagedList(
    'sinks',
    [
      ...builtIn(SHOP_PROD),
      sink(
        SHOP_PROD.id,
        'errors-to-bq',
        'bigquery.googleapis.com/projects/shop-prod/datasets/errors',
        'severity>=ERROR',
      ),
      // planted: exports audit logs to a bucket whose retention policy is not locked
      sink(
        SHOP_PROD.id,
        'audit-to-gcs',
        'storage.googleapis.com/shop-prod-audit-logs',
        'logName:"cloudaudit.googleapis.com"',
      ),
    ],
    { pageSize: 2 },
  );
  r[`logging GET v2/projects/${SHOP_DEV.id}/sinks`] = {
    body: {
      sinks: [
        ...builtIn(SHOP_DEV),
        sink(SHOP_DEV.id, 'all-to-archive', 'storage.googleapis.com/shop-dev-log-archive'),
      ],
    },
  };
  // the buckets sinks export to (Bucket Lock, CIS 2.4), read with fields=name,retentionPolicy
  r['storage GET storage/v1/b/shop-prod-audit-logs'] = {
    body: { name: 'shop-prod-audit-logs', retentionPolicy: retention(false) },
  };
  r['storage GET storage/v1/b/shop-dev-log-archive'] = {
    body: { name: 'shop-dev-log-archive', retentionPolicy: retention(true) },
  };
  for (const p of ESTATE_PROJECTS) {
    r[`logging GET v2/projects/${p.id}/locations/-/buckets`] = {
      body: {
        buckets: [
          {
            name: `projects/${p.id}/locations/global/buckets/_Required`,
            retentionDays: 400,
            locked: true,
            lifecycleState: 'ACTIVE',
          },
          {
            name: `projects/${p.id}/locations/global/buckets/_Default`,
            retentionDays: 30,
            lifecycleState: 'ACTIVE',
          },
        ],
      },
    };
  }
  r[`logging GET v2/projects/${SHOP_PROD.id}/metrics`] = {
    body: {
      metrics: [
        metric('firewall-changes', LOG_FILTERS.firewall as string),
        metric('route-changes', LOG_FILTERS.route as string),
      ],
    },
  };
  r[`monitoring GET v3/projects/${SHOP_PROD.id}/alertPolicies`] = {
    body: {
      alertPolicies: [
        alertPolicy(SHOP_PROD, '100', 'firewall-changes', true),
        alertPolicy(SHOP_PROD, '101', 'route-changes', false),
      ],
      totalSize: 2,
    },
  };
  const devMetrics = Object.entries(LOG_FILTERS).map(([k, f]) => metric(`${k}-changes`, f));
  r[`logging GET v2/projects/${SHOP_DEV.id}/metrics`] = pagedList('metrics', devMetrics, { pageSize: 3 });
  r[`monitoring GET v3/projects/${SHOP_DEV.id}/alertPolicies`] = pagedList(
    'alertPolicies',
    devMetrics.map((m, i) => alertPolicy(SHOP_DEV, String(200 + i), m.name, true)),
    { pageSize: 4 },
  );
  // Service Usage: Cloud Asset Inventory on in shop-dev only
  const services = (p: EstateProject, names: string[]) =>
    names.map((n) => ({
      name: `projects/${p.number}/services/${n}`,
      config: { name: n, title: n },
      state: 'ENABLED',
      parent: `projects/${p.number}`,
    }));
  for (const [p, names] of [
    [SHOP_PROD, ['compute.googleapis.com', 'iam.googleapis.com', 'logging.googleapis.com']],
    [SHOP_DEV, ['cloudasset.googleapis.com', 'compute.googleapis.com', 'logging.googleapis.com']],
  ] as const) {
    r[`serviceusage GET v1/projects/${p.id}/services`] = (req) =>
      req.query.get('filter') === 'state:ENABLED'
        ? pagedList('services', services(p, [...names]), { pageSize: 2 })(req)
        : googleErrors.invalidArgument('expected filter=state:ENABLED');
  }
  return r;
}

/**
 * The organisation's IAM policy: Data Access audit logs for every service, turned on for the
 * whole organisation, and Service Account Admin for dave, who is a Service Account User in shop-prod.
 */
export const ORG_POLICY = {
  version: 1,
  etag: 'BwYh7org=',
  bindings: [
    { role: 'roles/resourcemanager.organizationAdmin', members: ['group:cloud-admins@shop.example'] },
    { role: 'roles/iam.serviceAccountAdmin', members: ['user:dave@shop.example'] },
  ],
  auditConfigs: [
    {
      service: 'allServices',
      auditLogConfigs: [{ logType: 'ADMIN_READ' }, { logType: 'DATA_READ' }, { logType: 'DATA_WRITE' }],
    },
  ],
};

/**
 * The organisation's own settings, read when it is scanned (`--organization`): its IAM policy
 * (a POST read, Resource Manager v3) and its sinks, one aggregated (includeChildren) to a locked
 * bucket, one for the organisation's own entries only.
 */
export function organizationRoutes(): Routes {
  const org = `organizations/${ORGANIZATION.id}`;
  return {
    [`cloudresourcemanager POST v3/${org}:getIamPolicy`]: (req) =>
      JSON.parse(req.body || '{}')?.options?.requestedPolicyVersion === 3
        ? { body: ORG_POLICY }
        : googleErrors.invalidArgument('expected options.requestedPolicyVersion 3'),
    [`logging GET v2/${org}/sinks`]: pagedList(
      'sinks',
      [
        {
          name: 'org-audit-archive',
          destination: 'storage.googleapis.com/shop-org-log-archive',
          writerIdentity: `serviceAccount:o${ORGANIZATION.id}-440192@gcp-sa-logging.iam.gserviceaccount.com`,
          includeChildren: true,
          createTime: daysAgo(300),
          updateTime: daysAgo(300),
          resourceName: `${org}/sinks/org-audit-archive`,
        },
        {
          name: 'org-local-only',
          destination: 'bigquery.googleapis.com/projects/security-tools/datasets/org_logs',
          filter: 'severity>=WARNING',
          writerIdentity: `serviceAccount:o${ORGANIZATION.id}-440193@gcp-sa-logging.iam.gserviceaccount.com`,
          createTime: daysAgo(300),
          updateTime: daysAgo(300),
          resourceName: `${org}/sinks/org-local-only`,
        },
      ],
      { pageSize: 1 },
    ),
    'storage GET storage/v1/b/shop-org-log-archive': {
      body: { name: 'shop-org-log-archive', retentionPolicy: retention(true) },
    },
  };
}

/**
 * shop-dev as it is when the organisation does its audit logging and log export: no audit
 * config and no sink of its own (compliant only through what it inherits).
 */
export function inheritingDevRoutes(): Routes {
  const builtIn = (name: string, filter: string) =>
    sink(
      SHOP_DEV.id,
      name,
      `logging.googleapis.com/projects/${SHOP_DEV.id}/locations/global/buckets/${name}`,
      filter,
    );
  const { auditConfigs: _, ...policy } = IAM_POLICIES[SHOP_DEV.id] ?? {};
  return {
    [`cloudresourcemanager POST v1/projects/${SHOP_DEV.id}:getIamPolicy`]: { body: policy },
    [`logging GET v2/projects/${SHOP_DEV.id}/sinks`]: {
      body: {
        sinks: [
          builtIn('_Required', 'LOG_ID("cloudaudit.googleapis.com/activity")'),
          builtIn('_Default', 'NOT LOG_ID("cloudaudit.googleapis.com/activity")'),
        ],
      },
    },
  };
}

/** The whole estate's routes. */
export function estateRoutes(): Routes {
  return {
    ...resourceManagerRoutes(),
    ...firewallRoutes(),
    ...identityAndLoggingRoutes(),
    ...workloadRoutes(),
    ...organizationRoutes(),
  };
}

const PROD_NAME = SHOP_PROD.name;

/**
 * What a CIS v5.0 scan of the estate must report failing in shop-prod (check id -> finding
 * names), and what must not be flagged (check id -> names) in either project.
 */
export const PLANTED: Record<string, string[]> = {
  'gcp.compute.firewall_no_ssh_from_internet': ['allow-ssh-anywhere allow tcp:22'],
  'gcp.compute.firewall_no_rdp_from_internet': ['allow-rdp-anywhere allow tcp:3389'],
  'gcp.iam.service_account_not_admin': [`serviceAccount:${prodSa('deployer')} as roles/editor`],
  'gcp.iam.no_project_level_service_account_user': [
    'user:bob@shop.example as roles/iam.serviceAccountUser',
    'user:dave@shop.example as roles/iam.serviceAccountUser',
  ],
  'gcp.iam.service_account_duties_separated': ['user:bob@shop.example'],
  'gcp.cloudkms.key_duties_separated': ['user:carol@shop.example'],
  'gcp.iam.service_account_no_user_managed_keys': [prodSa('deployer')],
  'gcp.iam.service_account_keys_rotated': [prodSa('deployer')],
  'gcp.cloudkms.key_not_public': ['shop-ring/orders'],
  'gcp.cloudkms.key_rotated': ['shop-ring/payments'],
  'gcp.apikeys.no_api_keys': ['maps-frontend', 'geo-backend'],
  'gcp.apikeys.key_restricted_to_apis': ['maps-frontend'],
  'gcp.apikeys.key_rotated': ['maps-frontend'],
  'gcp.essentialcontacts.configured': [PROD_NAME],
  'gcp.accessapproval.enabled': [PROD_NAME],
  'gcp.logging.audit_logs_all_services': [PROD_NAME],
  'gcp.logging.sink_exports_all_entries': [PROD_NAME],
  'gcp.logging.sink_bucket_retention_locked': ['audit-to-gcs'],
  'gcp.monitoring.project_ownership_changes_alerted': [PROD_NAME],
  'gcp.monitoring.audit_config_changes_alerted': [PROD_NAME],
  'gcp.monitoring.custom_role_changes_alerted': [PROD_NAME],
  'gcp.monitoring.route_changes_alerted': [PROD_NAME],
  'gcp.monitoring.network_changes_alerted': [PROD_NAME],
  'gcp.monitoring.storage_iam_changes_alerted': [PROD_NAME],
  'gcp.monitoring.sql_config_changes_alerted': [PROD_NAME],
  'gcp.cloudasset.inventory_enabled': [PROD_NAME],
  ...WORKLOAD_PLANTED,
};

/** Compliant counterparts: no finding of any check may name these. */
export const COMPLIANT: string[] = [
  'allow-ssh-from-iap allow tcp:22',
  'legacy-admin-disabled allow tcp:22,3389',
  'allow-https allow tcp:443',
  'allow-internal allow tcp:0-65535',
  'user:alice@shop.example as roles/owner',
  `serviceAccount:${SHOP_PROD.number}@cloudservices.gserviceaccount.com as roles/editor`,
  `serviceAccount:${prodSa('reporter')} as roles/viewer`,
  prodSa('reporter'),
  devSa('ci'),
  `IAM policy of ${SHOP_DEV.id}`,
  `Access Approval of ${SHOP_DEV.id}`,
  SHOP_DEV.name,
  'all-to-archive',
  'errors-to-bq',
  ...WORKLOAD_COMPLIANT,
];

/** Compliant counterparts of one check only (the resource fails other checks). */
export const COMPLIANT_FOR: Record<string, string[]> = {
  'gcp.apikeys.key_restricted_to_apis': ['geo-backend'],
  'gcp.apikeys.key_rotated': ['geo-backend'],
  'gcp.cloudkms.key_rotated': ['shop-ring/orders'],
  'gcp.cloudkms.key_not_public': ['shop-ring/payments'],
  'gcp.monitoring.firewall_changes_alerted': [PROD_NAME],
};

/**
 * What a scan of the organisation (`--organization`) must report: the projects inherit its
 * audit configs and its aggregated sink, so shop-prod no longer fails 2.1 and 2.3; dave holds
 * Service Account Admin on the organisation and Service Account User in shop-prod.
 */
export const ORG_PLANTED: Record<string, string[]> = {
  ...Object.fromEntries(
    Object.entries(PLANTED).filter(
      ([c]) => c !== 'gcp.logging.audit_logs_all_services' && c !== 'gcp.logging.sink_exports_all_entries',
    ),
  ),
  'gcp.iam.service_account_duties_separated': ['user:bob@shop.example', 'user:dave@shop.example'],
};

/** What must not be flagged in an organisation scan (shop-dev is compliant through the organisation). */
export const ORG_COMPLIANT: string[] = [...COMPLIANT, 'org-audit-archive', 'org-local-only'];

/** Checks both projects pass in an organisation scan, through what they inherit. */
export const ORG_COMPLIANT_FOR: Record<string, string[]> = {
  ...COMPLIANT_FOR,
  'gcp.logging.audit_logs_all_services': [PROD_NAME, SHOP_DEV.name],
  'gcp.logging.sink_exports_all_entries': [PROD_NAME, SHOP_DEV.name],
};

/**
 * Install the estate on a running fixture; `inheriting`: shop-dev relies on the organisation's
 * audit configs and aggregated sink (for organisation scans).
 */
export function plantEstate(fx: GcpFixture, opts: { inheriting?: boolean } = {}): void {
  Object.assign(fx.routes, estateRoutes(), opts.inheriting ? inheritingDevRoutes() : {});
}
