import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';

export default defineCheck({
  id: 'gcp.compute.no_legacy_network',
  title: 'Projects have no legacy networks',
  severity: 'medium',
  resource: 'gcp.compute.network',
  triggers: ['v1.compute.networks.insert'],
  description: 'The network is a legacy network: one global IPv4 range and gateway, without subnets.',
  risk: "Legacy networks cannot have subnets, flow logs, Private Google Access or regional routing: their traffic cannot be segmented or observed as a VPC's can.",
  remediation: {
    text: 'Create a VPC network with subnets, move the workloads to it and delete the legacy network.',
    cli: 'gcloud compute networks delete <network> --project <project>',
  },
  references: ['https://cloud.google.com/vpc/docs/legacy'],
  evaluate: (r) => {
    if (typeof r.ext.mode !== 'string') return error('the network mode could not be read');
    if (r.ext.mode === 'legacy') {
      return fail(`network ${r.com.name} is a legacy network (${String(r.ext.ipv4_range)})`, {
        evidence: { network: r.com.name, ipv4_range: r.ext.ipv4_range },
      });
    }
    return pass(`a ${r.ext.mode}-mode VPC network`);
  },
});
