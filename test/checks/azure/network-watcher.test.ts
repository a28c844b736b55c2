import nsgRetention from '../../../src/checks/azure/network/nsg-flow-log-retention.js';
import subnetNsg from '../../../src/checks/azure/network/subnet-nsg-attached.js';
import vnetRetention from '../../../src/checks/azure/network/vnet-flow-log-retention.js';
import watcherInRegions from '../../../src/checks/azure/network/watcher-in-used-regions.js';
import type { ResourceRecord } from '../../../src/core/record.js';
import { checkTester } from '../../helpers/check-tester.js';
import { makeResource } from '../../helpers/resource.js';
import { SUBSCRIPTION, subscription } from './scope.js';

const flowLog = (target: string, ext: Record<string, unknown>) =>
  makeResource({
    cloud: 'azure',
    type: 'azure.network.flow_log',
    extType: 'azure.network.flow_log',
    name: 'fl-web',
    ext: { target_kind: target, target_name: 'web', enabled: true, ...ext },
  });

for (const [check, target, other] of [
  [nsgRetention, 'network_security_group', 'virtual_network'],
  [vnetRetention, 'virtual_network', 'network_security_group'],
] as const) {
  checkTester(check, {
    pass: [
      {
        name: '90 days',
        input: flowLog(target, { retention_days: 90, retention_unlimited: false }),
        message: '90 days',
      },
      {
        name: 'no retention limit',
        input: flowLog(target, { retention_days: null, retention_unlimited: true }),
        message: 'without a retention limit',
      },
    ],
    fail: [
      {
        name: '30 days',
        input: flowLog(target, { retention_days: 30, retention_unlimited: false }),
        message: 'fewer than 90',
      },
      {
        name: 'off',
        input: flowLog(target, { enabled: false, retention_unlimited: true }),
        message: 'is off',
      },
    ],
    error: [
      { name: 'target unknown', input: flowLog(target, { target_kind: null }), message: 'target' },
      {
        name: 'retention unreadable',
        input: flowLog(target, { retention_days: null }),
        message: 'retention',
      },
    ],
    not_applicable: [{ name: `a flow log of a ${other}`, input: flowLog(other, { retention_days: 7 }) }],
  });
}

const rec = (type: string, name: string, region: string, ext: Record<string, unknown>): ResourceRecord =>
  makeResource({ cloud: 'azure', type, extType: type, name, ext, com: { account: SUBSCRIPTION, region } });
const vnet = (name: string, region: string) =>
  rec('azure.network.virtual_network', name, region, { address_prefixes: ['10.0.0.0/16'] });
const watcher = (region: string, state = 'Succeeded') =>
  rec('azure.network.watcher', `NetworkWatcher_${region}`, region, { provisioning_state: state });

checkTester(watcherInRegions, {
  pass: [
    {
      name: 'a watcher in each region with networks',
      input: subscription([
        vnet('a', 'westeurope'),
        vnet('b', 'northeurope'),
        watcher('westeurope'),
        watcher('northeurope'),
        watcher('eastus'),
      ]),
    },
    { name: 'no virtual network', input: subscription([watcher('eastus')]), message: 'no virtual network' },
  ],
  fail: [
    {
      name: 'no watcher where a network is',
      input: subscription([
        vnet('a', 'westeurope'),
        vnet('b', 'northeurope'),
        watcher('westeurope', 'Failed'),
        watcher('eastus'),
      ]),
    },
  ],
  error: [
    {
      name: 'the watchers could not be read',
      input: subscription([vnet('a', 'westeurope')], ['azure.network.watcher']),
      message: 'AuthorizationFailed',
    },
    {
      name: 'the networks could not be read',
      input: subscription([watcher('westeurope')], ['azure.network.virtual_network']),
      message: 'AuthorizationFailed',
    },
  ],
});

const net = (ext: Record<string, unknown>) =>
  rec('azure.network.virtual_network', 'vnet-hub', 'westeurope', ext);
checkTester(subnetNsg, {
  pass: [{ name: 'every subnet has one', input: net({ subnets_without_nsg: [] }), message: 'every subnet' }],
  fail: [
    {
      name: 'two subnets without',
      input: net({ subnets_without_nsg: ['app', 'data'] }),
      message: 'app, data',
    },
  ],
  error: [{ name: 'subnets unreadable', input: net({}), message: 'could not be read' }],
});
