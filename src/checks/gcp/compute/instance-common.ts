import type { ResourceRecord } from '../../../core/record.js';
import { type CheckResult, notApplicable } from '../../../core/result.js';

/** The Cloud Audit Log methods that change an instance's settings. */
export const INSTANCE_TRIGGERS = [
  'insert',
  'setMetadata',
  'setServiceAccount',
  'updateShieldedInstanceConfig',
  'addAccessConfig',
  'deleteAccessConfig',
  'update',
].map((m) => `v1.compute.instances.${m}`);

/** The instance's name, for messages. */
export const instanceName = (r: ResourceRecord): string => r.com.name;

/**
 * GKE manages its nodes' service account, metadata, forwarding and addresses (CIS excludes
 * them from these controls): not applicable for a node of a GKE cluster, else undefined.
 */
export function gkeNodeExcluded(r: ResourceRecord): CheckResult | undefined {
  return r.ext.gke_node === true ? notApplicable('a GKE node: GKE manages this setting') : undefined;
}
