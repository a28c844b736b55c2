import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';

export default defineCheck({
  id: 'gcp.compute.subnet_private_google_access',
  title: 'Subnets reach Google APIs through Private Google Access',
  severity: 'low',
  resource: 'gcp.compute.subnetwork',
  triggers: ['v1.compute.subnetworks.setPrivateIpGoogleAccess', 'v1.compute.subnetworks.insert'],
  description:
    'Private Google Access is off for the subnet: instances without an external address cannot reach Google APIs.',
  risk: 'Workloads that need Google APIs are then given external addresses or broad NAT, which widens what reaches them from the internet.',
  remediation: {
    text: 'Turn Private Google Access on for the subnet.',
    cli: 'gcloud compute networks subnets update <subnet> --region <region> --enable-private-ip-google-access',
  },
  references: ['https://cloud.google.com/vpc/docs/configure-private-google-access'],
  evaluate: (r) => {
    const purpose = r.ext.purpose;
    if (typeof purpose === 'string' && purpose !== 'PRIVATE' && purpose !== 'PRIVATE_RFC_1918') {
      return notApplicable(`a ${purpose} subnet carries no VM traffic`);
    }
    if (typeof r.ext.private_google_access !== 'boolean')
      return error('privateIpGoogleAccess could not be read');
    return r.ext.private_google_access
      ? pass('Private Google Access is on')
      : fail(`subnet ${r.com.name} (${r.com.region}) has Private Google Access off`);
  },
});
