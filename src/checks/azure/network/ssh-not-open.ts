import { internetInboundCheck, tcpPorts } from './internet-inbound.js';

export default internetInboundCheck({
  id: 'azure.network.nsg_ssh_not_open_to_internet',
  title: 'Network security groups do not allow SSH from the internet',
  traffic: 'SSH',
  severity: 'critical',
  description: 'An inbound Allow rule admits TCP port 22 (SSH) from any internet address.',
  risk: 'SSH reachable from the internet is scanned continuously and faces brute force and exploits of unpatched daemons.',
  remediation: {
    text: 'Delete the rule or narrow its source to the addresses that need it; reach VMs through Azure Bastion or just-in-time VM access.',
    cli: 'az network nsg rule update -g <rg> --nsg-name <nsg> -n <rule> --source-address-prefixes <trusted-cidr>',
  },
  exposes: tcpPorts([22]),
});
