import type { Normaliser } from '../../../core/provider.js';
import type { GcpCollector } from '../collector.js';
import type { GcpResource } from '../resource.js';
import accessapprovalSettings from './accessapproval-settings.js';
import apikeysKey from './apikeys-key.js';
import bigqueryDataset from './bigquery-dataset.js';
import bigqueryTable from './bigquery-table.js';
import cloudkmsCryptoKey from './cloudkms-crypto-key.js';
import computeBackendService from './compute-backend-service.js';
import computeFirewall from './compute-firewall.js';
import computeInstance from './compute-instance.js';
import computeNetwork from './compute-network.js';
import computeProject from './compute-project.js';
import computeSslPolicy from './compute-ssl-policy.js';
import computeSubnetwork from './compute-subnetwork.js';
import computeTargetProxy from './compute-target-proxy.js';
import dataprocCluster from './dataproc-cluster.js';
import dnsManagedZone from './dns-managed-zone.js';
import dnsPolicy from './dns-policy.js';
import essentialcontactsContact from './essentialcontacts-contact.js';
import iamServiceAccount from './iam-service-account.js';
import loggingBucket from './logging-bucket.js';
import loggingMetric from './logging-metric.js';
import loggingSink from './logging-sink.js';
import monitoringAlertPolicy from './monitoring-alert-policy.js';
import resourcemanagerProjectIamPolicy from './resourcemanager-project-iam-policy.js';
import securitycenterFinding from './securitycenter-finding.js';
import serviceusageService from './serviceusage-service.js';
import sqlInstance from './sql-instance.js';
import storageBucket from './storage-bucket.js';

/** Every GCP resource type collected live, in the order their collections are reported. Add a new type here. */
export const GCP_RESOURCES: readonly GcpResource[] = [
  computeFirewall,
  resourcemanagerProjectIamPolicy,
  iamServiceAccount,
  cloudkmsCryptoKey,
  apikeysKey,
  essentialcontactsContact,
  accessapprovalSettings,
  loggingSink,
  loggingBucket,
  loggingMetric,
  monitoringAlertPolicy,
  serviceusageService,
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
  computeBackendService,
  dnsPolicy,
  securitycenterFinding,
];

export const GCP_COLLECTORS: readonly GcpCollector[] = GCP_RESOURCES.map((r) => r.collector);

export const GCP_NORMALISERS: readonly Normaliser[] = GCP_RESOURCES.map((r) => r.normaliser);

const BY_TYPE = new Map(GCP_RESOURCES.map((r) => [r.collector.type, r]));

export function gcpResource(type: string): GcpResource | undefined {
  return BY_TYPE.get(type);
}
