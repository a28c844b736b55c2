import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { gkeNodeExcluded, INSTANCE_TRIGGERS } from './instance-common.js';

export default defineCheck({
  id: 'gcp.compute.instance_no_ip_forwarding',
  title: 'Instances do not forward IP packets',
  severity: 'medium',
  resource: 'gcp.compute.instance',
  triggers: INSTANCE_TRIGGERS,
  description:
    'The instance has canIpForward on: it may send and receive packets for addresses that are not its own.',
  risk: 'An instance that forwards packets can route around firewall rules and spoof sources, so traffic no longer matches what the network design shows.',
  remediation: {
    text: 'Recreate the instance without IP forwarding (it cannot be changed on an existing instance), unless it is a deliberate router or NAT appliance.',
    cli: 'gcloud compute instances create <instance> --zone <zone> --no-can-ip-forward ...',
  },
  references: ['https://cloud.google.com/vpc/docs/using-routes#canipforward'],
  evaluate: (r) => {
    const gke = gkeNodeExcluded(r);
    if (gke) return gke;
    const forward = r.ext.can_ip_forward;
    // Compute Engine leaves canIpForward out when it is off
    if (forward === true) {
      return fail(`instance ${r.com.name} forwards IP packets (canIpForward is true)`, {
        evidence: { can_ip_forward: true },
      });
    }
    if (forward === false || forward === null || forward === undefined) return pass('IP forwarding is off');
    return error('canIpForward could not be read');
  },
});
