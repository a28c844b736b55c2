import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import type { ComputeCom } from '../../../core/shapes.js';
import { gkeNodeExcluded, INSTANCE_TRIGGERS } from './instance-common.js';

export default defineCheck({
  id: 'gcp.compute.instance_no_public_ip',
  title: 'Instances have no external IP address',
  severity: 'medium',
  resource: 'gcp.compute.instance',
  triggers: INSTANCE_TRIGGERS,
  description: 'A network interface of the instance has an external IPv4 or IPv6 address.',
  risk: 'An external address makes the instance reachable from the internet wherever a firewall rule allows it, and lets it reach out without NAT or a proxy in between.',
  remediation: {
    text: 'Remove the access configuration; reach the instance through Identity-Aware Proxy or a load balancer, and the internet through Cloud NAT.',
    cli: 'gcloud compute instances delete-access-config <instance> --zone <zone> --access-config-name "external-nat"',
  },
  references: [
    'https://cloud.google.com/compute/docs/ip-addresses/reserve-static-external-ip-address#IP_assign',
  ],
  evaluate: (r) => {
    const gke = gkeNodeExcluded(r);
    if (gke) return gke;
    const ips = (r.com as typeof r.com & Partial<ComputeCom>).public_ips;
    if (!Array.isArray(ips)) return error('the network interfaces could not be read');
    if (ips.length === 0) return pass('no external address');
    return fail(`instance ${r.com.name} has external address(es) ${ips.join(', ')}`, {
      evidence: { public_ips: ips },
    });
  },
});
