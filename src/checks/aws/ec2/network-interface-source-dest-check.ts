import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { extBool, extStr } from '../facts.js';

export default defineCheck({
  id: 'aws.ec2.network_interface_source_dest_check',
  title: 'Network interfaces check source and destination addresses',
  severity: 'low',
  resource: 'aws.ec2.network_interface',
  triggers: ['ModifyNetworkInterfaceAttribute', 'ModifyInstanceAttribute'],
  description: 'Source/destination checking is off on a network interface that users manage.',
  risk: 'The interface forwards traffic that is neither from nor for it, so the instance can route or spoof traffic across the VPC; only NAT and network appliances need that.',
  remediation: {
    text: 'Turn source/destination checking back on unless the instance is a NAT or routing appliance.',
    cli: 'aws ec2 modify-network-interface-attribute --network-interface-id <eni-id> --source-dest-check',
  },
  references: [
    'https://docs.aws.amazon.com/vpc/latest/userguide/VPC_NAT_Instance.html#EIP_Disable_SrcDestCheck',
  ],
  evaluate(eni) {
    if (extBool(eni, 'requester_managed') === true)
      return notApplicable('the interface is managed by an AWS service');
    const type = extStr(eni, 'interface_type');
    if (type !== null && type !== 'interface') return notApplicable(`interface type ${type}`);
    const check = extBool(eni, 'source_dest_check');
    if (check === null) return error('the source/destination check attribute could not be read');
    return check
      ? pass('source/destination checking is on')
      : fail(`${eni.com.name} has source/destination checking off`);
  },
});
