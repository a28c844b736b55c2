import type { Normaliser } from '../../../core/provider.js';
import type { GcpCollector } from '../collector.js';
import type { GcpResource } from '../resource.js';
import bigqueryDataset from './bigquery-dataset.js';
import bigqueryTable from './bigquery-table.js';
import computeFirewall from './compute-firewall.js';
import computeInstance from './compute-instance.js';
import computeNetwork from './compute-network.js';
import computeProject from './compute-project.js';
import computeSslPolicy from './compute-ssl-policy.js';
import computeSubnetwork from './compute-subnetwork.js';
import computeTargetProxy from './compute-target-proxy.js';
import dataprocCluster from './dataproc-cluster.js';
import dnsManagedZone from './dns-managed-zone.js';
import sqlInstance from './sql-instance.js';
import storageBucket from './storage-bucket.js';

/** Every GCP resource type collected live, in the order their collections are reported. Add a new type here. */
export const GCP_RESOURCES: readonly GcpResource[] = [
  computeFirewall,
  computeNetwork,
  computeSubnetwork,
  computeInstance,
  computeProject,
  computeSslPolicy,
  computeTargetProxy,
  dnsManagedZone,
  sqlInstance,
  storageBucket,
  bigqueryDataset,
  bigqueryTable,
  dataprocCluster,
];

export const GCP_COLLECTORS: readonly GcpCollector[] = GCP_RESOURCES.map((r) => r.collector);

export const GCP_NORMALISERS: readonly Normaliser[] = GCP_RESOURCES.map((r) => r.normaliser);

const BY_TYPE = new Map(GCP_RESOURCES.map((r) => [r.collector.type, r]));

export function gcpResource(type: string): GcpResource | undefined {
  return BY_TYPE.get(type);
}
