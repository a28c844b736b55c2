import type { AccountBatch, Collection } from '../../src/core/provider.js';
import type { OrgLevel } from '../../src/core/scan-store.js';
import {
  backendService,
  bucket,
  bucketPolicy,
  CLOUD_PLATFORM,
  computeProject,
  dataprocCluster,
  dataset,
  datasetListItem,
  defaultServiceAccount,
  dnsPolicy,
  FULL_FLOW_LOGS,
  GOOD_INSTANCE,
  GOOD_MYSQL_FLAGS,
  GOOD_POSTGRES_FLAGS,
  GOOD_SQLSERVER_FLAGS,
  instance,
  managedZone,
  network,
  sqlInstance,
  sslPolicy,
  subnetwork,
  table,
  tableListItem,
  targetHttpsProxy,
} from './gcp/estate-workloads.js';

/**
 * The demo's Google Cloud workloads beyond firewalls: networks, subnets, instances, project
 * metadata, DNS zones, a bucket with object ACLs, Cloud SQL flags, load balancer proxies,
 * BigQuery, Dataproc, DNS server policies and load balancer backends, each misconfiguration next
 * to a compliant counterpart (built with the end-to-end estate's builders of Google's answer
 * shapes), and a second project whose metadata turns OS Login on and whose network logs DNS.
 */

type Json = Record<string, unknown>;
const NUMBER = '123456789012';
export const GCP_DEV_PROJECT = 'cloudward-demo-dev';

/** The demo organisation, with a folder per environment (the projects' place in views). */
const GCP_ORG: OrgLevel = { kind: 'organization', id: '684000000001', name: 'acme.example' };
export const GCP_DEMO_PATHS = {
  prod: [GCP_ORG, { kind: 'folder', id: '684000000101', name: 'Production' }],
  dev: [GCP_ORG, { kind: 'folder', id: '684000000102', name: 'Development' }],
} satisfies Record<string, OrgLevel[]>;

/** The demo project's compute settings: project-wide metadata without OS Login. */
export const demoProjectMetadata = (project: string) =>
  computeProject(project, NUMBER, { 'startup-script': '#!/bin/sh\necho ready' });

export function gcpWorkloadCollections(project: string): { instances: Json[]; collections: Collection[] } {
  const meta = demoProjectMetadata(project);
  const col = (type: string, items: Json[]): Collection => ({
    cloud: 'gcp',
    account: project,
    region: 'global',
    type,
    items,
  });
  const key = `projects/${project}/locations/europe/keyRings/prod/cryptoKeys/data`;
  const policies = [
    sslPolicy(project, 'modern-tls12', 'MODERN', 'TLS_1_2'),
    sslPolicy(project, 'legacy-compat', 'COMPATIBLE', 'TLS_1_0'),
  ];
  return {
    instances: [
      {
        item: instance(project, {
          name: 'batch-worker',
          zone: 'europe-west1-d',
          serviceAccount: { email: defaultServiceAccount(NUMBER), scopes: [CLOUD_PLATFORM] },
          metadata: { 'serial-port-enable': 'TRUE' },
          canIpForward: true,
          shielded: null,
          confidential: false,
          externalIp: '34.0.1.30',
        }),
        projectMetadata: meta,
      },
      {
        item: instance(project, { name: 'ledger-vm', zone: 'europe-west1-b', ...GOOD_INSTANCE }),
        projectMetadata: meta,
      },
    ],
    collections: [
      col('gcp.compute.network', [
        { item: network(project, 'default', 'auto') },
        { item: network(project, 'legacy-net', 'legacy') },
        { item: network(project, 'prod-vpc', 'custom') },
      ]),
      col('gcp.compute.subnetwork', [
        { item: subnetwork(project, { name: 'prod-web', region: 'europe-west1' }) },
        {
          item: subnetwork(project, {
            name: 'prod-data',
            region: 'europe-west1',
            flowLogs: FULL_FLOW_LOGS,
            privateIpGoogleAccess: true,
          }),
        },
      ]),
      col('gcp.compute.project', [{ item: meta }]),
      // DNS query logging on prod-vpc only; default and legacy-net log nothing
      col('gcp.dns.policy', [{ item: dnsPolicy(project, 'prod-dns-logging', true, ['prod-vpc']) }]),
      col('gcp.compute.backend_service', [
        { item: backendService(project, 'shop-web-backend', 'HTTPS', { enable: true, sampleRate: 1 }) },
        { item: backendService(project, 'old-api-backend', 'HTTP') },
      ]),
      col('gcp.dns.managed_zone', [
        { item: managedZone({ name: 'demo-public' }) },
        { item: managedZone({ name: 'demo-sha1', dnssec: { ksk: 'rsasha1', zsk: 'rsasha1' } }) },
        { item: managedZone({ name: 'demo-signed', dnssec: { ksk: 'rsasha256', zsk: 'ecdsap256sha256' } }) },
      ]),
      col('gcp.compute.target_proxy', [
        { item: targetHttpsProxy(project, 'shop-web-proxy', 'modern-tls12'), sslPolicies: policies },
        { item: targetHttpsProxy(project, 'old-api-proxy'), sslPolicies: policies },
      ]),
      col('gcp.bigquery.dataset', [
        {
          item: datasetListItem(project, 'public_reports'),
          dataset: dataset(project, 'public_reports', {
            publicMember: { role: 'READER', iamMember: 'allUsers' },
          }),
        },
        { item: datasetListItem(project, 'finance'), dataset: dataset(project, 'finance', { kmsKey: key }) },
      ]),
      col('gcp.bigquery.table', [
        {
          item: tableListItem(project, 'public_reports', 'daily'),
          table: table(project, 'public_reports', 'daily'),
        },
        {
          item: tableListItem(project, 'finance', 'ledger'),
          table: table(project, 'finance', 'ledger', key),
        },
      ]),
      col('gcp.dataproc.cluster', [
        { item: dataprocCluster(project, 'etl-plain'), region: 'europe-west1' },
        { item: dataprocCluster(project, 'etl-cmek', key), region: 'europe-west1' },
      ]),
    ],
  };
}

/** More items of the demo project's bucket and Cloud SQL collections. */
export function gcpWorkloadExtras(project: string): { buckets: Json[]; sql: Json[] } {
  return {
    buckets: [
      {
        item: bucket(NUMBER, 'cloudward-demo-legacy-acl', false),
        iamPolicy: bucketPolicy(project, 'cloudward-demo-legacy-acl'),
      },
    ],
    sql: [
      {
        item: sqlInstance(project, {
          name: 'catalog-mysql',
          databaseVersion: 'MYSQL_8_0',
          flags: GOOD_MYSQL_FLAGS,
        }),
      },
      {
        item: sqlInstance(project, {
          name: 'audit-postgres',
          databaseVersion: 'POSTGRES_15',
          flags: GOOD_POSTGRES_FLAGS,
        }),
      },
      {
        item: sqlInstance(project, {
          name: 'ledger-postgres',
          databaseVersion: 'POSTGRES_15',
          flags: {
            log_error_verbosity: 'verbose',
            log_connections: 'off',
            log_statement: 'none',
            log_min_messages: 'error',
            log_min_error_statement: 'notice',
            log_min_duration_statement: '100',
          },
        }),
      },
      {
        item: sqlInstance(project, {
          name: 'billing-sqlserver',
          databaseVersion: 'SQLSERVER_2019_STANDARD',
          backups: false,
          flags: {
            'external scripts enabled': 'on',
            'cross db ownership chaining': 'on',
            'user connections': '100',
            'user options': '32',
            'contained database authentication': 'on',
          },
        }),
      },
      {
        item: sqlInstance(project, {
          name: 'erp-sqlserver',
          databaseVersion: 'SQLSERVER_2019_STANDARD',
          flags: GOOD_SQLSERVER_FLAGS,
        }),
      },
    ],
  };
}

/** The second demo project: OS Login on for the whole project, one compliant instance. */
export function gcpDev(): AccountBatch {
  const meta = computeProject(GCP_DEV_PROJECT, '123456789013', { 'enable-oslogin': 'TRUE' });
  const col = (type: string, items: Json[]): Collection => ({
    cloud: 'gcp',
    account: GCP_DEV_PROJECT,
    region: 'global',
    type,
    items,
  });
  return {
    cloud: 'gcp',
    account: GCP_DEV_PROJECT,
    account_name: 'Cloudward demo (dev)',
    path: GCP_DEMO_PATHS.dev,
    collections: [
      col('gcp.compute.project', [{ item: meta }]),
      col('gcp.compute.network', [{ item: network(GCP_DEV_PROJECT, 'dev-vpc', 'custom') }]),
      col('gcp.dns.policy', [{ item: dnsPolicy(GCP_DEV_PROJECT, 'dev-dns-logging', true, ['dev-vpc']) }]),
      col('gcp.compute.instance', [
        {
          item: instance(GCP_DEV_PROJECT, {
            name: 'dev-vm',
            ...GOOD_INSTANCE,
            metadata: { 'block-project-ssh-keys': 'TRUE' },
          }),
          projectMetadata: meta,
        },
      ]),
    ],
  };
}
