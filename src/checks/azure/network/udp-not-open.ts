import { internetInboundCheck } from './internet-inbound.js';

export default internetInboundCheck({
  id: 'azure.network.nsg_udp_not_open_to_internet',
  title: 'Network security groups do not allow UDP from the internet',
  traffic: 'UDP',
  severity: 'high',
  description: 'An inbound Allow rule admits UDP (protocol UDP or Any) from any internet address.',
  risk: 'Internet-facing UDP services (DNS, NTP, SSDP, CLDAP...) are abused as amplifiers in reflected denial-of-service attacks.',
  remediation: {
    text: 'Delete the rule, narrow its source to the addresses that need it, or limit its protocol to TCP.',
    cli: 'az network nsg rule update -g <rg> --nsg-name <nsg> -n <rule> --source-address-prefixes <trusted-cidr>',
  },
  exposes: (protocol, ranges) =>
    (protocol === 'udp' || protocol === 'all') && ranges.length > 0
      ? `${protocol === 'all' ? 'any protocol, UDP included,' : 'UDP'} to port(s) ${ranges
          .map((r) => (r.from === r.to ? `${r.from}` : `${r.from}-${r.to}`))
          .join(', ')}`
      : null,
});
