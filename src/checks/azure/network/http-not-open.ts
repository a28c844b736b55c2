import { internetInboundCheck, tcpPorts } from './internet-inbound.js';

export default internetInboundCheck({
  id: 'azure.network.nsg_http_not_open_to_internet',
  title: 'Network security groups do not allow HTTP(S) from the internet without review',
  traffic: 'HTTP or HTTPS',
  severity: 'medium',
  description: 'An inbound Allow rule admits TCP port 80 or 443 from any internet address.',
  risk: 'A web listener open to the whole internet is attack surface; where it is not meant to be public it should sit behind an Application Gateway, Front Door or a narrowed source.',
  remediation: {
    text: 'Narrow the rule to the addresses that need it, or publish the service through Application Gateway or Front Door with a web application firewall; suppress the finding where a public web service is intended.',
    cli: 'az network nsg rule update -g <rg> --nsg-name <nsg> -n <rule> --source-address-prefixes <trusted-cidr>',
  },
  exposes: tcpPorts([80, 443]),
});
