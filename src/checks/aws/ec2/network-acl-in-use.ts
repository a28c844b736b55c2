import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extList } from '../facts.js';

export default defineCheck({
  id: 'aws.ec2.network_acl_in_use',
  title: 'Network ACLs are associated with a subnet',
  severity: 'low',
  resource: 'aws.ec2.network_acl',
  triggers: ['ReplaceNetworkAclAssociation'],
  description: 'The network ACL is not associated with any subnet.',
  risk: 'Unused network ACLs clutter the network configuration; one attached by mistake later brings rules nobody reviewed.',
  remediation: {
    text: 'Delete network ACLs that no subnet uses.',
    cli: 'aws ec2 delete-network-acl --network-acl-id <acl-id>',
  },
  references: ['https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html'],
  evaluate(acl) {
    const subnets = extList<string>(acl, 'associated_subnets');
    if (subnets === null) return error('the subnet associations could not be read');
    return subnets.length > 0
      ? pass(`associated with ${subnets.length} subnet(s)`)
      : fail(`${acl.com.name} is associated with no subnet`);
  },
});
