import { aggregated, googleErrors, pagedList, type Routes } from './fixture-server.js';

/**
 * Builders of Google's answer shapes (Compute Engine v1, Cloud DNS v1, Cloud Storage JSON v1,
 * Cloud SQL Admin v1, BigQuery v2, Dataproc v1) for networks, subnets, instances, project
 * metadata, DNS zones, buckets, Cloud SQL instances, datasets, tables and Dataproc clusters,
 * and the part of the test estate made of them: in shop-prod each planted CIS misconfiguration
 * next to a compliant counterpart, in shop-dev compliant resources only and the Cloud SQL and
 * Dataproc APIs not enabled.
 */

const COMPUTE = 'https://www.googleapis.com/compute/v1';
const PROD = 'shop-prod';
const DEV = 'shop-dev';
const PROD_NUMBER = '111111111111';
const DEV_NUMBER = '222222222222';

/** A numeric id as Compute Engine gives them, stable for a name (the demo snapshot is compared byte for byte). */
function id(seed: string): string {
  let h = 1469598103934665603n;
  for (const ch of seed) h = ((h ^ BigInt(ch.codePointAt(0) ?? 0)) * 1099511628211n) % 10n ** 19n;
  return String(h < 10n ** 18n ? h + 10n ** 18n : h);
}

// ---- networks and subnets ----------------------------------------------------------------

export function network(
  project: string,
  name: string,
  mode: 'auto' | 'custom' | 'legacy',
): Record<string, unknown> {
  return {
    kind: 'compute#network',
    id: id(`network/${project}/${name}`),
    creationTimestamp: '2024-03-02T10:45:11.079-08:00',
    name,
    description: mode === 'auto' ? 'Default network for the project' : '',
    selfLink: `${COMPUTE}/projects/${project}/global/networks/${name}`,
    ...(mode === 'legacy'
      ? { IPv4Range: '10.240.0.0/16', gatewayIPv4: '10.240.0.1' }
      : {
          autoCreateSubnetworks: mode === 'auto',
          subnetworks: [],
          routingConfig: { routingMode: 'REGIONAL' },
          networkFirewallPolicyEnforcementOrder: 'AFTER_CLASSIC_FIREWALL',
        }),
  };
}

export interface SubnetSpec {
  name: string;
  region: string;
  flowLogs?: { aggregationInterval?: string; flowSampling?: number; metadata?: string; filterExpr?: string };
  privateIpGoogleAccess?: boolean;
  purpose?: string;
}

export function subnetwork(project: string, s: SubnetSpec): Record<string, unknown> {
  return {
    kind: 'compute#subnetwork',
    id: id(`subnetwork/${project}/${s.region}/${s.name}`),
    creationTimestamp: '2024-03-02T10:45:19.079-08:00',
    name: s.name,
    network: `${COMPUTE}/projects/${project}/global/networks/shop-vpc`,
    ipCidrRange: '10.10.0.0/20',
    gatewayAddress: '10.10.0.1',
    region: `${COMPUTE}/projects/${project}/regions/${s.region}`,
    selfLink: `${COMPUTE}/projects/${project}/regions/${s.region}/subnetworks/${s.name}`,
    privateIpGoogleAccess: s.privateIpGoogleAccess ?? false,
    fingerprint: 'xF5Cl9oV4nU=',
    stackType: 'IPV4_ONLY',
    ...(s.purpose ? { purpose: s.purpose, role: 'ACTIVE' } : { purpose: 'PRIVATE' }),
    ...(s.flowLogs
      ? {
          enableFlowLogs: true,
          logConfig: {
            enable: true,
            aggregationInterval: s.flowLogs.aggregationInterval ?? 'INTERVAL_5_SEC',
            flowSampling: s.flowLogs.flowSampling ?? 1,
            metadata: s.flowLogs.metadata ?? 'INCLUDE_ALL_METADATA',
            ...(s.flowLogs.filterExpr ? { filterExpr: s.flowLogs.filterExpr } : {}),
          },
        }
      : {}),
  };
}

export const FULL_FLOW_LOGS = {
  aggregationInterval: 'INTERVAL_5_SEC',
  flowSampling: 1,
  metadata: 'INCLUDE_ALL_METADATA',
};

// ---- instances and project metadata ------------------------------------------------------

export interface InstanceSpec {
  name: string;
  zone?: string;
  serviceAccount?: { email: string; scopes: string[] } | null;
  metadata?: Record<string, string>;
  canIpForward?: boolean;
  csek?: boolean;
  shielded?: { vtpm: boolean; integrity: boolean } | null;
  confidential?: boolean;
  externalIp?: string;
  labels?: Record<string, string>;
}

export const CLOUD_PLATFORM = 'https://www.googleapis.com/auth/cloud-platform';
export const defaultServiceAccount = (number: string) => `${number}-compute@developer.gserviceaccount.com`;

/** A compute#instance as instances.aggregatedList returns it. */
export function instance(project: string, s: InstanceSpec): Record<string, unknown> {
  const zone = s.zone ?? 'us-central1-a';
  const disk = (name: string, boot: boolean) => ({
    kind: 'compute#attachedDisk',
    type: 'PERSISTENT',
    mode: 'READ_WRITE',
    source: `${COMPUTE}/projects/${project}/zones/${zone}/disks/${name}`,
    deviceName: name,
    index: boot ? 0 : 1,
    boot,
    autoDelete: boot,
    interface: 'SCSI',
    diskSizeGb: '10',
    ...(s.csek ? { diskEncryptionKey: { sha256: 'rXqRf1lRFzSmXtFzVdT0Fm0Dq8d7Zc1ZpZ5Z3Yq9kXo=' } } : {}),
  });
  return {
    kind: 'compute#instance',
    id: id(`instance/${project}/${zone}/${s.name}`),
    creationTimestamp: '2024-03-11T18:43:09.644-08:00',
    name: s.name,
    tags: { items: [], fingerprint: '42WmSpB8rSM=' },
    machineType: `${COMPUTE}/projects/${project}/zones/${zone}/machineTypes/n2d-standard-2`,
    status: 'RUNNING',
    zone: `${COMPUTE}/projects/${project}/zones/${zone}`,
    ...(s.canIpForward ? { canIpForward: true } : { canIpForward: false }),
    networkInterfaces: [
      {
        kind: 'compute#networkInterface',
        network: `${COMPUTE}/projects/${project}/global/networks/shop-vpc`,
        subnetwork: `${COMPUTE}/projects/${project}/regions/us-central1/subnetworks/shop-data`,
        networkIP: '10.10.0.7',
        name: 'nic0',
        stackType: 'IPV4_ONLY',
        ...(s.externalIp
          ? {
              accessConfigs: [
                {
                  kind: 'compute#accessConfig',
                  type: 'ONE_TO_ONE_NAT',
                  name: 'external-nat',
                  natIP: s.externalIp,
                  networkTier: 'PREMIUM',
                },
              ],
            }
          : {}),
      },
    ],
    disks: [disk(s.name, true), disk(`${s.name}-data`, false)],
    metadata: {
      kind: 'compute#metadata',
      fingerprint: 'VcHG23KtyMw=',
      ...(s.metadata ? { items: Object.entries(s.metadata).map(([key, value]) => ({ key, value })) } : {}),
    },
    ...(s.serviceAccount === null
      ? {}
      : {
          serviceAccounts: [
            s.serviceAccount ?? { email: 'app@shop.iam.gserviceaccount.com', scopes: [CLOUD_PLATFORM] },
          ],
        }),
    selfLink: `${COMPUTE}/projects/${project}/zones/${zone}/instances/${s.name}`,
    scheduling: { onHostMaintenance: 'TERMINATE', automaticRestart: true, preemptible: false },
    deletionProtection: false,
    ...(s.labels ? { labels: s.labels } : {}),
    ...(s.shielded === null
      ? {}
      : {
          shieldedInstanceConfig: {
            enableSecureBoot: true,
            enableVtpm: s.shielded?.vtpm ?? true,
            enableIntegrityMonitoring: s.shielded?.integrity ?? true,
          },
        }),
    confidentialInstanceConfig: { enableConfidentialCompute: s.confidential ?? true },
    fingerprint: 'dFfQJQEV6ng=',
  };
}

/** compute.projects.get: the project's compute settings with its common instance metadata. */
export function computeProject(project: string, number: string, metadata: Record<string, string>) {
  return {
    kind: 'compute#project',
    id: number,
    creationTimestamp: '2024-03-01T09:00:00.000-07:00',
    name: project,
    commonInstanceMetadata: {
      kind: 'compute#metadata',
      fingerprint: 'gO7XWhmYBqk=',
      items: Object.entries(metadata).map(([key, value]) => ({ key, value })),
    },
    defaultServiceAccount: defaultServiceAccount(number),
    xpnProjectStatus: 'UNSPECIFIED_XPN_PROJECT_STATUS',
    defaultNetworkTier: 'PREMIUM',
    selfLink: `${COMPUTE}/projects/${project}`,
  };
}

/** Every setting of instance checks 4.1-4.11 compliant. */
export const GOOD_INSTANCE: Omit<InstanceSpec, 'name'> = {
  serviceAccount: { email: 'app@shop.iam.gserviceaccount.com', scopes: [CLOUD_PLATFORM] },
  metadata: { 'block-project-ssh-keys': 'TRUE', 'enable-oslogin': 'TRUE', 'serial-port-enable': 'FALSE' },
  csek: true,
  shielded: { vtpm: true, integrity: true },
  confidential: true,
};

// ---- load balancers ----------------------------------------------------------------------

export function sslPolicy(
  project: string,
  name: string,
  profile: string,
  minTlsVersion: string,
  region?: string,
) {
  const where = region ? `regions/${region}` : 'global';
  return {
    kind: 'compute#sslPolicy',
    id: id(`sslPolicy/${project}/${where}/${name}`),
    creationTimestamp: '2024-03-04T08:12:09.111-08:00',
    selfLink: `${COMPUTE}/projects/${project}/${where}/sslPolicies/${name}`,
    name,
    profile,
    minTlsVersion,
    enabledFeatures: ['TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256', 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'],
    fingerprint: 'tbYgyxuY0Ts=',
    ...(region ? { region: `${COMPUTE}/projects/${project}/regions/${region}` } : {}),
  };
}

export function targetHttpsProxy(project: string, name: string, policy?: string) {
  return {
    kind: 'compute#targetHttpsProxy',
    id: id(`targetHttpsProxy/${project}/${name}`),
    creationTimestamp: '2024-03-04T08:15:09.111-08:00',
    name,
    selfLink: `${COMPUTE}/projects/${project}/global/targetHttpsProxies/${name}`,
    urlMap: `${COMPUTE}/projects/${project}/global/urlMaps/${name}-map`,
    sslCertificates: [`${COMPUTE}/projects/${project}/global/sslCertificates/${name}-cert`],
    quicOverride: 'NONE',
    fingerprint: 'pEFQWj0eKqg=',
    ...(policy ? { sslPolicy: `${COMPUTE}/projects/${project}/global/sslPolicies/${policy}` } : {}),
  };
}

export function targetSslProxy(project: string, name: string, policy?: string) {
  return {
    kind: 'compute#targetSslProxy',
    id: id(`targetSslProxy/${project}/${name}`),
    creationTimestamp: '2024-03-04T08:17:09.111-08:00',
    name,
    selfLink: `${COMPUTE}/projects/${project}/global/targetSslProxies/${name}`,
    service: `${COMPUTE}/projects/${project}/global/backendServices/${name}-backend`,
    sslCertificates: [`${COMPUTE}/projects/${project}/global/sslCertificates/${name}-cert`],
    proxyHeader: 'NONE',
    ...(policy ? { sslPolicy: `${COMPUTE}/projects/${project}/global/sslPolicies/${policy}` } : {}),
  };
}

// ---- DNS ---------------------------------------------------------------------------------

export interface ZoneSpec {
  name: string;
  visibility?: 'public' | 'private';
  dnssec?: { ksk: string; zsk: string } | 'off';
}

export function managedZone(s: ZoneSpec): Record<string, unknown> {
  return {
    kind: 'dns#managedZone',
    name: s.name,
    dnsName: `${s.name}.shop.example.`,
    description: '',
    id: id(`managedZone/${s.name}`),
    nameServers: ['ns-cloud-c1.googledomains.com.', 'ns-cloud-c2.googledomains.com.'],
    creationTime: '2024-03-10T16:48:33.653Z',
    visibility: s.visibility ?? 'public',
    cloudLoggingConfig: { kind: 'dns#managedZoneCloudLoggingConfig' },
    ...(s.dnssec && s.dnssec !== 'off'
      ? {
          dnssecConfig: {
            kind: 'dns#managedZoneDnsSecConfig',
            state: 'on',
            nonExistence: 'nsec3',
            defaultKeySpecs: [
              { kind: 'dns#dnsKeySpec', keyType: 'keySigning', algorithm: s.dnssec.ksk, keyLength: 2048 },
              { kind: 'dns#dnsKeySpec', keyType: 'zoneSigning', algorithm: s.dnssec.zsk, keyLength: 1024 },
            ],
          },
        }
      : s.dnssec === 'off'
        ? { dnssecConfig: { kind: 'dns#managedZoneDnsSecConfig', state: 'off', nonExistence: 'nsec3' } }
        : {}),
    ...(s.visibility === 'private'
      ? {
          privateVisibilityConfig: {
            kind: 'dns#managedZonePrivateVisibilityConfig',
            networks: [{ networkUrl: `${COMPUTE}/projects/${PROD}/global/networks/shop-vpc` }],
          },
        }
      : {}),
  };
}

// ---- Cloud Storage -----------------------------------------------------------------------

export function bucket(number: string, name: string, uniform: boolean) {
  return {
    kind: 'storage#bucket',
    selfLink: `https://www.googleapis.com/storage/v1/b/${name}`,
    id: name,
    name,
    projectNumber: number,
    metageneration: '3',
    location: 'EU',
    storageClass: 'STANDARD',
    etag: 'CAM=',
    timeCreated: '2024-03-12T09:12:45.110Z',
    updated: '2024-03-12T09:12:45.110Z',
    iamConfiguration: {
      bucketPolicyOnly: { enabled: uniform },
      uniformBucketLevelAccess: { enabled: uniform },
      publicAccessPrevention: 'inherited',
    },
    locationType: 'multi-region',
    rpo: 'DEFAULT',
  };
}

export function bucketPolicy(
  project: string,
  name: string,
  extra: { role: string; members: string[] }[] = [],
) {
  return {
    kind: 'storage#policy',
    resourceId: `projects/_/buckets/${name}`,
    version: 1,
    etag: 'CAI=',
    bindings: [
      {
        role: 'roles/storage.legacyBucketOwner',
        members: [`projectEditor:${project}`, `projectOwner:${project}`],
      },
      { role: 'roles/storage.legacyBucketReader', members: [`projectViewer:${project}`] },
      ...extra,
    ],
  };
}

// ---- Cloud SQL ---------------------------------------------------------------------------

export interface SqlSpec {
  name: string;
  databaseVersion: string;
  publicIp?: boolean;
  authorizedNetworks?: string[];
  sslMode?: string;
  backups?: boolean;
  flags?: Record<string, string>;
}

export function sqlInstance(project: string, s: SqlSpec): Record<string, unknown> {
  return {
    kind: 'sql#instance',
    state: 'RUNNABLE',
    databaseVersion: s.databaseVersion,
    settings: {
      authorizedGaeApplications: [],
      tier: 'db-custom-2-7680',
      kind: 'sql#settings',
      availabilityType: 'ZONAL',
      pricingPlan: 'PER_USE',
      replicationType: 'SYNCHRONOUS',
      activationPolicy: 'ALWAYS',
      ipConfiguration: {
        authorizedNetworks: (s.authorizedNetworks ?? []).map((value, i) => ({
          value,
          name: `net-${i}`,
          kind: 'sql#aclEntry',
        })),
        ipv4Enabled: s.publicIp ?? false,
        ...(s.publicIp ? {} : { privateNetwork: `projects/${project}/global/networks/shop-vpc` }),
        sslMode: s.sslMode ?? 'ENCRYPTED_ONLY',
        requireSsl: s.sslMode === 'ENCRYPTED_ONLY' || s.sslMode === undefined,
      },
      locationPreference: { zone: 'europe-west1-b', kind: 'sql#locationPreference' },
      dataDiskType: 'PD_SSD',
      backupConfiguration: {
        startTime: '02:00',
        kind: 'sql#backupConfiguration',
        backupRetentionSettings: { retentionUnit: 'COUNT', retainedBackups: 7 },
        enabled: s.backups ?? true,
        transactionLogRetentionDays: 7,
      },
      ...(s.flags
        ? { databaseFlags: Object.entries(s.flags).map(([name, value]) => ({ name, value })) }
        : {}),
      settingsVersion: '4',
      storageAutoResize: true,
      dataDiskSizeGb: '10',
      deletionProtectionEnabled: true,
    },
    etag: '782d45a4b889d9264114999a8aa4efa0ba8d55a45da2a5c7b2fa68f60daa6bd0',
    ipAddresses: s.publicIp
      ? [{ type: 'PRIMARY', ipAddress: '34.77.12.9' }]
      : [{ type: 'PRIVATE', ipAddress: '10.20.0.3' }],
    instanceType: 'CLOUD_SQL_INSTANCE',
    project,
    backendType: 'SECOND_GEN',
    selfLink: `https://sqladmin.googleapis.com/v1/projects/${project}/instances/${s.name}`,
    connectionName: `${project}:europe-west1:${s.name}`,
    name: s.name,
    region: 'europe-west1',
    gceZone: 'europe-west1-b',
  };
}

export const GOOD_MYSQL_FLAGS = { skip_show_database: 'on', local_infile: 'off' };
export const GOOD_POSTGRES_FLAGS = {
  log_error_verbosity: 'default',
  log_connections: 'on',
  log_disconnections: 'on',
  log_statement: 'ddl',
  log_min_messages: 'warning',
  log_min_error_statement: 'error',
  log_min_duration_statement: '-1',
  'cloudsql.enable_pgaudit': 'on',
};
export const GOOD_SQLSERVER_FLAGS = {
  'external scripts enabled': 'off',
  'cross db ownership chaining': 'off',
  'user connections': '0',
  'remote access': 'off',
  '3625': 'on',
  'contained database authentication': 'off',
};

// ---- BigQuery ----------------------------------------------------------------------------

export function datasetListItem(project: string, datasetId: string) {
  return {
    kind: 'bigquery#dataset',
    id: `${project}:${datasetId}`,
    datasetReference: { datasetId, projectId: project },
    location: 'EU',
  };
}

export function dataset(
  project: string,
  datasetId: string,
  opts: { publicMember?: { iamMember?: string; specialGroup?: string; role: string }; kmsKey?: string } = {},
) {
  return {
    kind: 'bigquery#dataset',
    etag: '8bEApZUgaFnEC8oHWsexkA==',
    id: `${project}:${datasetId}`,
    selfLink: `https://bigquery.googleapis.com/bigquery/v2/projects/${project}/datasets/${datasetId}`,
    datasetReference: { datasetId, projectId: project },
    access: [
      { role: 'WRITER', specialGroup: 'projectWriters' },
      { role: 'OWNER', specialGroup: 'projectOwners' },
      { role: 'READER', specialGroup: 'projectReaders' },
      ...(opts.publicMember ? [opts.publicMember] : []),
    ],
    creationTime: '1710234193635',
    lastModifiedTime: '1710239501954',
    location: 'EU',
    type: 'DEFAULT',
    ...(opts.kmsKey ? { defaultEncryptionConfiguration: { kmsKeyName: opts.kmsKey } } : {}),
  };
}

export function tableListItem(project: string, datasetId: string, tableId: string, type = 'TABLE') {
  return {
    kind: 'bigquery#table',
    id: `${project}:${datasetId}.${tableId}`,
    tableReference: { projectId: project, datasetId, tableId },
    type,
    creationTime: '1710245349829',
  };
}

export function table(project: string, datasetId: string, tableId: string, kmsKey?: string) {
  return {
    kind: 'bigquery#table',
    etag: 'dTpNKEFHEbwj6eoQ/cnR4Q==',
    id: `${project}:${datasetId}.${tableId}`,
    selfLink: `https://bigquery.googleapis.com/bigquery/v2/projects/${project}/datasets/${datasetId}/tables/${tableId}`,
    tableReference: { projectId: project, datasetId, tableId },
    schema: { fields: [{ name: 'id', type: 'STRING', mode: 'NULLABLE' }] },
    numBytes: '0',
    numLongTermBytes: '0',
    numRows: '0',
    creationTime: '1710245349829',
    lastModifiedTime: '1710245349875',
    type: 'TABLE',
    location: 'EU',
    ...(kmsKey ? { encryptionConfiguration: { kmsKeyName: kmsKey } } : {}),
  };
}

// ---- Dataproc ----------------------------------------------------------------------------

export function dataprocCluster(project: string, name: string, kmsKey?: string) {
  return {
    projectId: project,
    clusterName: name,
    config: {
      configBucket: `dataproc-staging-${name}`,
      gceClusterConfig: {
        zoneUri: `${COMPUTE}/projects/${project}/zones/us-central1-a`,
        internalIpOnly: true,
        serviceAccountScopes: [CLOUD_PLATFORM],
      },
      masterConfig: { numInstances: 1, machineTypeUri: 'n2-standard-4' },
      ...(kmsKey ? { encryptionConfig: { gcePdKmsKeyName: kmsKey } } : {}),
    },
    status: { state: 'RUNNING', stateStartTime: '2024-03-13T10:01:12.123Z' },
    clusterUuid: `0f5d6a3e-8c1b-4c1e-9b6e-${id(`cluster/${project}/${name}`).slice(-12)}`,
    labels: { 'goog-dataproc-cluster-name': name },
  };
}

export function region(project: string, name: string) {
  return {
    kind: 'compute#region',
    id: id(`region/${name}`),
    name,
    status: 'UP',
    selfLink: `${COMPUTE}/projects/${project}/regions/${name}`,
    zones: [`${COMPUTE}/projects/${project}/zones/${name}-b`],
  };
}

const KEY = `projects/${PROD}/locations/europe/keyRings/shop/cryptoKeys/data`;

// ---- the estate --------------------------------------------------------------------------

/** The estate's workloads: Google's answers per route. */
/** A Cloud DNS server policy (dns#policy) attached to networks of the project. */
export function dnsPolicy(project: string, name: string, enableLogging: boolean, networks: string[]) {
  return {
    kind: 'dns#policy',
    id: String(7230493650438195000n + BigInt(name.length)),
    name,
    description: '',
    enableInboundForwarding: false,
    enableLogging,
    networks: networks.map((n) => ({
      kind: 'dns#policyNetwork',
      networkUrl: `${COMPUTE}/projects/${project}/global/networks/${n}`,
    })),
  };
}

/** A compute#backendService, global or regional; logConfig left out as Google does when never set. */
export function backendService(
  project: string,
  name: string,
  protocol: string,
  logConfig?: { enable: boolean; sampleRate?: number },
  region?: string,
) {
  const where = region ? `regions/${region}` : 'global';
  return {
    kind: 'compute#backendService',
    id: String(3017634553431123000n + BigInt(name.length)),
    creationTimestamp: '2024-03-01T12:38:59.990-07:00',
    name,
    selfLink: `${COMPUTE}/projects/${project}/${where}/backendServices/${name}`,
    ...(region ? { region: `${COMPUTE}/projects/${project}/regions/${region}` } : {}),
    protocol,
    loadBalancingScheme: 'EXTERNAL_MANAGED',
    timeoutSec: 30,
    port: 80,
    portName: 'http',
    sessionAffinity: 'NONE',
    ...(logConfig ? { logConfig } : {}),
    fingerprint: 'x8pLm1Zk0yE=',
  };
}

export function workloadRoutes(): Routes {
  const routes: Routes = {};
  const computeList = (project: string, what: string, items: unknown[]) => {
    routes[`compute GET compute/v1/projects/${project}/global/${what}`] = pagedList('items', items, {
      pageSize: 2,
      extra: { kind: `compute#${what.replace(/s$/, '')}List`, id: `projects/${project}/global/${what}` },
    });
  };

  // networks
  computeList(PROD, 'networks', [
    network(PROD, 'default', 'auto'),
    network(PROD, 'legacy-net', 'legacy'),
    network(PROD, 'shop-vpc', 'custom'),
  ]);
  computeList(DEV, 'networks', [network(DEV, 'dev-vpc', 'custom')]);

  // subnets, by region
  routes[`compute GET compute/v1/projects/${PROD}/aggregated/subnetworks`] = aggregated(
    'subnetworks',
    {
      'regions/us-central1': [
        subnetwork(PROD, { name: 'shop-web', region: 'us-central1' }),
        subnetwork(PROD, {
          name: 'shop-data',
          region: 'us-central1',
          flowLogs: FULL_FLOW_LOGS,
          privateIpGoogleAccess: true,
        }),
      ],
      'regions/europe-west1': [
        subnetwork(PROD, { name: 'shop-app', region: 'europe-west1', flowLogs: { flowSampling: 0.5 } }),
        subnetwork(PROD, {
          name: 'shop-proxy-only',
          region: 'europe-west1',
          purpose: 'REGIONAL_MANAGED_PROXY',
        }),
      ],
      'regions/asia-east1': [],
    },
    {
      scopesPerPage: 2,
      kind: 'compute#subnetworkAggregatedList',
      id: `projects/${PROD}/aggregated/subnetworks`,
    },
  );
  routes[`compute GET compute/v1/projects/${DEV}/aggregated/subnetworks`] = aggregated('subnetworks', {
    'regions/us-central1': [
      subnetwork(DEV, {
        name: 'dev-subnet',
        region: 'us-central1',
        flowLogs: FULL_FLOW_LOGS,
        privateIpGoogleAccess: true,
      }),
    ],
  });

  // instances, by zone, and the projects' metadata
  routes[`compute GET compute/v1/projects/${PROD}/aggregated/instances`] = aggregated(
    'instances',
    {
      'zones/us-central1-a': [
        instance(PROD, {
          name: 'web-1',
          serviceAccount: { email: defaultServiceAccount(PROD_NUMBER), scopes: [CLOUD_PLATFORM] },
          metadata: { 'serial-port-enable': 'TRUE' },
          canIpForward: true,
          shielded: null,
          confidential: false,
          externalIp: '34.118.2.10',
        }),
      ],
      'zones/europe-west1-b': [instance(PROD, { name: 'app-1', zone: 'europe-west1-b', ...GOOD_INSTANCE })],
      'zones/asia-east1-a': [],
    },
    { scopesPerPage: 1, kind: 'compute#instanceAggregatedList', id: `projects/${PROD}/aggregated/instances` },
  );
  routes[`compute GET compute/v1/projects/${DEV}/aggregated/instances`] = aggregated('instances', {
    'zones/us-central1-a': [
      instance(DEV, { name: 'dev-app', ...GOOD_INSTANCE, metadata: { 'block-project-ssh-keys': 'true' } }),
    ],
  });
  routes[`compute GET compute/v1/projects/${PROD}`] = {
    body: computeProject(PROD, PROD_NUMBER, { 'startup-script': '#!/bin/sh\necho hi' }),
  };
  routes[`compute GET compute/v1/projects/${DEV}`] = {
    body: computeProject(DEV, DEV_NUMBER, { 'enable-oslogin': 'TRUE' }),
  };

  // load balancers and their SSL policies
  for (const project of [PROD, DEV]) {
    routes[`compute GET compute/v1/projects/${project}/aggregated/sslPolicies`] = aggregated(
      'sslPolicies',
      project === PROD
        ? {
            global: [
              sslPolicy(PROD, 'tls12-modern', 'MODERN', 'TLS_1_2'),
              sslPolicy(PROD, 'legacy-clients', 'COMPATIBLE', 'TLS_1_0'),
            ],
            'regions/europe-west1': [],
          }
        : { global: [] },
    );
    routes[`compute GET compute/v1/projects/${project}/aggregated/targetHttpsProxies`] = aggregated(
      'targetHttpsProxies',
      project === PROD
        ? {
            global: [
              targetHttpsProxy(PROD, 'shop-web-proxy', 'tls12-modern'),
              targetHttpsProxy(PROD, 'shop-legacy-proxy', 'legacy-clients'),
              targetHttpsProxy(PROD, 'shop-default-proxy'),
            ],
          }
        : { global: [] },
    );
    routes[`compute GET compute/v1/projects/${project}/global/targetSslProxies`] = pagedList(
      'items',
      project === PROD ? [targetSslProxy(PROD, 'shop-tcp-proxy', 'tls12-modern')] : [],
    );
  }

  // DNS
  routes[`dns GET dns/v1/projects/${PROD}/managedZones`] = pagedList(
    'managedZones',
    [
      managedZone({ name: 'shop-public' }),
      managedZone({ name: 'shop-sha1-signed', dnssec: { ksk: 'rsasha1', zsk: 'rsasha1' } }),
      managedZone({ name: 'shop-signed', dnssec: { ksk: 'rsasha256', zsk: 'ecdsap256sha256' } }),
      managedZone({ name: 'shop-internal', visibility: 'private' }),
    ],
    { pageSize: 3, extra: { kind: 'dns#managedZonesListResponse' } },
  );
  routes[`dns GET dns/v1/projects/${DEV}/managedZones`] = pagedList('managedZones', [], {
    extra: { kind: 'dns#managedZonesListResponse' },
  });

  // buckets and their policies
  const buckets: Record<string, [string, string, boolean, { role: string; members: string[] }[]][]> = {
    [PROD]: [
      [
        PROD_NUMBER,
        'shop-public-assets',
        true,
        [{ role: 'roles/storage.objectViewer', members: ['allUsers'] }],
      ],
      [PROD_NUMBER, 'shop-legacy-acl', false, []],
      [
        PROD_NUMBER,
        'shop-private',
        true,
        [{ role: 'roles/storage.objectViewer', members: ['group:ops@shop.example'] }],
      ],
    ],
    [DEV]: [[DEV_NUMBER, 'shop-dev-scratch', true, []]],
  };
  routes['storage GET storage/v1/b'] = (req) =>
    pagedList(
      'items',
      (buckets[req.query.get('project') ?? ''] ?? []).map(([n, name, uniform]) => bucket(n, name, uniform)),
      { pageSize: 2, extra: { kind: 'storage#buckets' } },
    )(req);
  for (const [project, list] of Object.entries(buckets)) {
    for (const [, name, , extra] of list) {
      routes[`storage GET storage/v1/b/${name}/iam`] = { body: bucketPolicy(project, name, extra) };
    }
  }

  // Cloud SQL: shop-prod's instances; the API is not enabled in shop-dev
  routes[`sqladmin GET v1/projects/${PROD}/instances`] = pagedList(
    'items',
    [
      sqlInstance(PROD, {
        name: 'orders-mysql',
        databaseVersion: 'MYSQL_8_0',
        publicIp: true,
        authorizedNetworks: ['0.0.0.0/0'],
        sslMode: 'ALLOW_UNENCRYPTED_AND_ENCRYPTED',
        backups: false,
      }),
      sqlInstance(PROD, { name: 'catalog-mysql', databaseVersion: 'MYSQL_8_0', flags: GOOD_MYSQL_FLAGS }),
      sqlInstance(PROD, {
        name: 'ledger-postgres',
        databaseVersion: 'POSTGRES_15',
        flags: {
          log_error_verbosity: 'verbose',
          log_statement: 'none',
          log_min_messages: 'error',
          log_min_error_statement: 'notice',
          log_min_duration_statement: '100',
        },
      }),
      sqlInstance(PROD, {
        name: 'audit-postgres',
        databaseVersion: 'POSTGRES_15',
        flags: GOOD_POSTGRES_FLAGS,
      }),
      sqlInstance(PROD, {
        name: 'billing-sqlserver',
        databaseVersion: 'SQLSERVER_2019_STANDARD',
        flags: {
          'external scripts enabled': 'on',
          'cross db ownership chaining': 'on',
          'user connections': '100',
          'user options': '32',
          'contained database authentication': 'on',
        },
      }),
      sqlInstance(PROD, {
        name: 'erp-sqlserver',
        databaseVersion: 'SQLSERVER_2019_STANDARD',
        flags: GOOD_SQLSERVER_FLAGS,
      }),
    ],
    { pageSize: 4, extra: { kind: 'sql#instancesList' } },
  );
  routes[`sqladmin GET v1/projects/${DEV}/instances`] = googleErrors.accessNotConfigured(
    'sqladmin.googleapis.com',
    'Cloud SQL Admin API',
    DEV_NUMBER,
  );

  // BigQuery
  const bq = `bigquery GET bigquery/v2/projects/${PROD}/datasets`;
  routes[bq] = pagedList(
    'datasets',
    [datasetListItem(PROD, 'public_reports'), datasetListItem(PROD, 'finance')],
    {
      pageSize: 1,
      extra: { kind: 'bigquery#datasetList', etag: 'S2SBhHqBCNfXnk3zX1Y8sQ==' },
    },
  );
  routes[`${bq}/public_reports`] = {
    body: dataset(PROD, 'public_reports', { publicMember: { role: 'READER', iamMember: 'allUsers' } }),
  };
  routes[`${bq}/finance`] = { body: dataset(PROD, 'finance', { kmsKey: KEY }) };
  routes[`${bq}/public_reports/tables`] = pagedList(
    'tables',
    [tableListItem(PROD, 'public_reports', 'daily')],
    {
      extra: { kind: 'bigquery#tableList', totalItems: 1 },
    },
  );
  routes[`${bq}/finance/tables`] = pagedList(
    'tables',
    [tableListItem(PROD, 'finance', 'ledger'), tableListItem(PROD, 'finance', 'ledger_view', 'VIEW')],
    { pageSize: 1, extra: { kind: 'bigquery#tableList', totalItems: 2 } },
  );
  routes[`${bq}/public_reports/tables/daily`] = { body: table(PROD, 'public_reports', 'daily') };
  routes[`${bq}/finance/tables/ledger`] = { body: table(PROD, 'finance', 'ledger', KEY) };
  routes[`bigquery GET bigquery/v2/projects/${DEV}/datasets`] = {
    body: { kind: 'bigquery#datasetList', etag: 'x' },
  };

  // Dataproc, per region; the API is not enabled in shop-dev
  for (const project of [PROD, DEV]) {
    routes[`compute GET compute/v1/projects/${project}/regions`] = pagedList(
      'items',
      [region(project, 'us-central1'), region(project, 'europe-west1')],
      { extra: { kind: 'compute#regionList' } },
    );
  }
  routes[`dataproc GET v1/projects/${PROD}/regions/us-central1/clusters`] = pagedList('clusters', [
    dataprocCluster(PROD, 'etl-plain'),
  ]);
  routes[`dataproc GET v1/projects/${PROD}/regions/europe-west1/clusters`] = pagedList('clusters', [
    dataprocCluster(PROD, 'etl-cmek', KEY),
  ]);
  for (const r of ['us-central1', 'europe-west1']) {
    routes[`dataproc GET v1/projects/${DEV}/regions/${r}/clusters`] = googleErrors.serviceDisabled(
      'dataproc.googleapis.com',
      'Cloud Dataproc API',
      DEV_NUMBER,
    );
  }
  // DNS server policies (query logging per network) and load balancer backends
  routes[`dns GET dns/v1/projects/${PROD}/policies`] = pagedList(
    'policies',
    [dnsPolicy(PROD, 'shop-dns-logging', true, ['shop-vpc'])],
    { extra: { kind: 'dns#policiesListResponse' } },
  );
  routes[`dns GET dns/v1/projects/${DEV}/policies`] = pagedList(
    'policies',
    [dnsPolicy(DEV, 'dev-dns-logging', true, ['dev-vpc'])],
    { extra: { kind: 'dns#policiesListResponse' } },
  );
  routes[`compute GET compute/v1/projects/${PROD}/aggregated/backendServices`] = aggregated(
    'backendServices',
    {
      global: [
        backendService(PROD, 'shop-web-backend', 'HTTPS', { enable: true, sampleRate: 1 }),
        backendService(PROD, 'shop-api-backend', 'HTTP'),
      ],
      'regions/europe-west1': [backendService(PROD, 'shop-tcp-backend', 'TCP', undefined, 'europe-west1')],
      'regions/us-central1': [],
    },
    { kind: 'compute#backendServiceAggregatedList', id: `projects/${PROD}/aggregated/backendServices` },
  );
  routes[`compute GET compute/v1/projects/${DEV}/aggregated/backendServices`] = aggregated(
    'backendServices',
    { global: [backendService(DEV, 'dev-web-backend', 'HTTP', { enable: true }, undefined)] },
    { kind: 'compute#backendServiceAggregatedList', id: `projects/${DEV}/aggregated/backendServices` },
  );
  return routes;
}

/** What a CIS v5.0 scan must report failing in shop-prod (check id -> resource names). */
export const WORKLOAD_PLANTED: Record<string, string[]> = {
  'gcp.compute.no_default_network': ['default'],
  'gcp.compute.no_legacy_network': ['legacy-net'],
  'gcp.compute.subnet_flow_logs_enabled': ['shop-web', 'shop-app'],
  'gcp.dns.zone_dnssec_enabled': ['shop-public'],
  'gcp.dns.zone_ksk_not_rsasha1': ['shop-sha1-signed'],
  'gcp.dns.zone_zsk_not_rsasha1': ['shop-sha1-signed'],
  ...Object.fromEntries(
    [
      'instance_no_default_service_account',
      'instance_default_sa_no_full_api_access',
      'instance_blocks_project_ssh_keys',
      'instance_os_login_enabled',
      'instance_serial_port_disabled',
      'instance_no_ip_forwarding',
      'instance_disks_csek',
      'instance_shielded_vm',
      'instance_no_public_ip',
      'instance_confidential_computing',
    ].map((c) => [`gcp.compute.${c}`, ['web-1']]),
  ),
  'gcp.compute.project_os_login_enabled': [PROD],
  'gcp.storage.bucket_not_public': ['shop-public-assets'],
  'gcp.storage.bucket_uniform_access': ['shop-legacy-acl'],
  'gcp.sql.instance_ssl_required': ['orders-mysql'],
  'gcp.sql.instance_no_open_authorized_networks': ['orders-mysql'],
  'gcp.sql.instance_no_public_ip': ['orders-mysql'],
  'gcp.sql.instance_backups_enabled': ['orders-mysql'],
  'gcp.sql.mysql_skip_show_database_on': ['orders-mysql'],
  'gcp.sql.mysql_local_infile_off': ['orders-mysql'],
  ...Object.fromEntries(
    [
      'log_error_verbosity',
      'log_connections_on',
      'log_disconnections_on',
      'log_statement_ddl',
      'log_min_messages_warning',
      'log_min_error_statement_error',
      'log_min_duration_statement_off',
      'pgaudit_on',
    ].map((c) => [`gcp.sql.postgres_${c}`, ['ledger-postgres']]),
  ),
  ...Object.fromEntries(
    [
      'external_scripts_off',
      'cross_db_ownership_chaining_off',
      'user_connections_unlimited',
      'user_options_unset',
      'remote_access_off',
      'trace_flag_3625_on',
      'contained_db_auth_off',
    ].map((c) => [`gcp.sql.sqlserver_${c}`, ['billing-sqlserver']]),
  ),
  'gcp.bigquery.dataset_not_public': ['public_reports'],
  'gcp.bigquery.dataset_default_cmek': ['public_reports'],
  'gcp.bigquery.table_cmek': ['public_reports.daily'],
  'gcp.dataproc.cluster_cmek': ['etl-plain'],
  'gcp.dns.network_dns_logging_enabled': ['default', 'legacy-net'],
  'gcp.compute.backend_service_logging_enabled': ['shop-api-backend'],
};

/** Compliant counterparts: no finding may name them. */
export const WORKLOAD_COMPLIANT: string[] = [
  'shop-vpc',
  'dev-vpc',
  'shop-data',
  'shop-proxy-only',
  'dev-subnet',
  'app-1',
  'dev-app',
  DEV,
  'shop-signed',
  'shop-internal',
  'shop-private',
  'shop-dev-scratch',
  'catalog-mysql',
  'audit-postgres',
  'erp-sqlserver',
  'finance',
  'finance.ledger',
  'finance.ledger_view',
  'etl-cmek',
  'shop-web-backend',
  'shop-tcp-backend',
  'dev-web-backend',
];
