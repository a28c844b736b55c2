import httpOpen from '../../../src/checks/azure/network/http-not-open.js';
import rdpOpen from '../../../src/checks/azure/network/rdp-not-open.js';
import sshOpen from '../../../src/checks/azure/network/ssh-not-open.js';
import udpOpen from '../../../src/checks/azure/network/udp-not-open.js';
import { checkTester } from '../../helpers/check-tester.js';
import { makeResource } from '../../helpers/resource.js';

/** An NSG rule record as the network-nsg normaliser makes it; `com` overrides the defaults. */
const rule = (com: Record<string, unknown>, name = 'web-nsg/allow-in') =>
  makeResource({
    cloud: 'azure',
    type: 'firewall_rule',
    extType: 'azure.network.nsg_rule',
    name,
    com: {
      direction: 'inbound',
      access: 'allow',
      protocol: 'tcp',
      source_addresses: ['*'],
      destination_ports: ['443'],
      firewall:
        '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/web-nsg',
      priority: 100,
      ...com,
    },
  });

const common = {
  not_applicable: [
    { name: 'an outbound rule', input: rule({ direction: 'outbound', destination_ports: ['0-65535'] }) },
    { name: 'a deny rule', input: rule({ access: 'deny', destination_ports: ['0-65535'] }) },
  ],
  error: [
    { name: 'an unknown direction', input: rule({ direction: null }), message: 'direction' },
    {
      name: 'an unreadable port range',
      input: rule({ destination_ports: ['ssh'], protocol: 'all' }),
      message: 'ssh',
    },
    { name: 'sources missing', input: rule({ source_addresses: undefined }), message: 'could not be read' },
  ],
};

checkTester(rdpOpen, {
  pass: [
    {
      name: 'RDP from a trusted range',
      input: rule({ source_addresses: ['10.0.0.0/8'], destination_ports: ['3389'] }),
    },
    { name: 'HTTPS from anywhere', input: rule({ destination_ports: ['443'] }), message: 'no RDP' },
    { name: 'UDP 3389 (not RDP over TCP)', input: rule({ protocol: 'udp', destination_ports: ['3389'] }) },
  ],
  fail: [
    { name: '3389 from *', input: rule({ destination_ports: ['3389'] }), message: 'port 3389 from *' },
    {
      name: 'a range over 3389 from Internet',
      input: rule({ source_addresses: ['Internet'], destination_ports: ['3000-4000'] }),
    },
    {
      name: 'any port, any protocol from 0.0.0.0/0',
      input: rule({ protocol: 'all', source_addresses: ['0.0.0.0/0'], destination_ports: ['0-65535'] }),
    },
  ],
  ...common,
});

checkTester(sshOpen, {
  pass: [
    {
      name: 'SSH from a service tag',
      input: rule({ source_addresses: ['AzureLoadBalancer'], destination_ports: ['22'] }),
    },
  ],
  fail: [
    {
      name: '22 from Any',
      input: rule({ source_addresses: ['Any'], destination_ports: ['22'] }),
      message: '22',
    },
    {
      name: '22 among several from ::/0',
      input: rule({ source_addresses: ['::/0'], destination_ports: ['80', '20-23'] }),
    },
  ],
  ...common,
});

checkTester(udpOpen, {
  pass: [
    { name: 'TCP from anywhere', input: rule({ destination_ports: ['0-65535'] }), message: 'no UDP' },
    {
      name: 'UDP from a private range',
      input: rule({ protocol: 'udp', source_addresses: ['192.168.0.0/16'], destination_ports: ['53'] }),
    },
  ],
  fail: [
    {
      name: 'UDP 53 from Internet',
      input: rule({ protocol: 'udp', source_addresses: ['Internet'], destination_ports: ['53'] }),
      message: 'UDP to port(s) 53',
    },
    {
      name: 'any protocol from *',
      input: rule({ protocol: 'all', destination_ports: ['0-65535'] }),
      message: 'UDP included',
    },
  ],
  ...common,
});

checkTester(httpOpen, {
  pass: [
    {
      name: 'HTTP from a private range',
      input: rule({ source_addresses: ['10.1.0.0/16'], destination_ports: ['80'] }),
    },
  ],
  fail: [
    { name: '443 from *', input: rule({ destination_ports: ['443'] }), message: 'port 443' },
    { name: '80 and 443 in one range', input: rule({ destination_ports: ['80-443'] }), message: '80, 443' },
  ],
  ...common,
});
