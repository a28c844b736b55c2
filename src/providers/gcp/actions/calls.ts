import type { RestCallSpec } from '../../kit/rest-action.js';

/*
 * The Google Cloud calls GCP remediation actions may make, each named by the IAM permission that
 * allows it (the custom role of `cloudward policy gcp --remediation` lists exactly these, with
 * what they also need). Paths are below each API's root, as the transport takes them. The write
 * client refuses any other request.
 */

const SEG = '[^/?#]+';
const FIREWALL = new RegExp(`^compute/v1/projects/${SEG}/global/firewalls/${SEG}$`);
const BUCKET_IAM = new RegExp(`^storage/v1/b/${SEG}/iam$`);

export const GCP_ACTION_CALLS: readonly RestCallSpec[] = [
  { action: 'compute.firewalls.get', method: 'GET', api: 'compute', path: FIREWALL },
  {
    action: 'compute.firewalls.update',
    method: 'PATCH',
    api: 'compute',
    path: FIREWALL,
    // firewalls.patch changes the network's policy as well
    alsoNeeds: ['compute.networks.updatePolicy'],
  },
  { action: 'storage.buckets.getIamPolicy', method: 'GET', api: 'storage', path: BUCKET_IAM },
  { action: 'storage.buckets.setIamPolicy', method: 'PUT', api: 'storage', path: BUCKET_IAM },
];
