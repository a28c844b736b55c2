import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';

export default defineCheck({
  id: 'gcp.compute.no_default_network',
  title: 'Projects have no default network',
  severity: 'medium',
  resource: 'gcp.compute.network',
  triggers: ['v1.compute.networks.insert'],
  description:
    'The project still has the network named default that Compute Engine creates with permissive firewall rules.',
  risk: 'The default network comes with rules allowing SSH, RDP and ICMP from anywhere and internal traffic on every port, and a subnet in every region: nobody designed it.',
  remediation: {
    text: 'Move workloads to a custom-mode network of your own design, then delete the default network and its firewall rules. Set the compute.skipDefaultNetworkCreation organisation policy.',
    cli: 'gcloud compute networks delete default --project <project>',
  },
  references: ['https://cloud.google.com/vpc/docs/vpc#default-network'],
  evaluate: (r) =>
    typeof r.ext.default !== 'boolean'
      ? error('the network could not be read')
      : r.ext.default === true
        ? fail(`project ${r.com.account} has the default network`, {
            evidence: { network: r.com.name, mode: r.ext.mode },
          })
        : pass(`network ${r.com.name} is not the default network`),
});
