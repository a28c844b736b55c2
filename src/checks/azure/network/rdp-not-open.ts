import { internetInboundCheck, tcpPorts } from './internet-inbound.js';

export default internetInboundCheck({
  id: 'azure.network.nsg_rdp_not_open_to_internet',
  title: 'Network security groups do not allow RDP from the internet',
  traffic: 'RDP',
  severity: 'critical',
  description: 'An inbound Allow rule admits TCP port 3389 (RDP) from any internet address.',
  risk: 'RDP reachable from the internet is scanned continuously and faces password spraying and exploits of unpatched Remote Desktop services.',
  remediation: {
    text: 'Delete the rule or narrow its source to the addresses that need it; reach VMs through Azure Bastion or just-in-time VM access.',
    cli: 'az network nsg rule update -g <rg> --nsg-name <nsg> -n <rule> --source-address-prefixes <trusted-cidr>',
  },
  exposes: tcpPorts([3389]),
});
