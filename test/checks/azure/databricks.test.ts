import { expect, it } from 'vitest';
import diagnosticLogs from '../../../src/checks/azure/databricks/diagnostic-logs-enabled.js';
import noPublicIp from '../../../src/checks/azure/databricks/no-public-ip.js';
import privateEndpoint from '../../../src/checks/azure/databricks/private-endpoint-used.js';
import publicNetwork from '../../../src/checks/azure/databricks/public-network-access-disabled.js';
import subnetsNsg from '../../../src/checks/azure/databricks/subnets-have-nsg.js';
import vnetInjected from '../../../src/checks/azure/databricks/vnet-injected.js';
import applicationInsights from '../../../src/checks/azure/monitor/application-insights-configured.js';
import { runScopeCheck } from '../../../src/core/evaluate.js';
import type { ResourceRecord } from '../../../src/core/record.js';
import { checkTester } from '../../helpers/check-tester.js';
import { makeResource } from '../../helpers/resource.js';
import { SUBSCRIPTION, subscription } from './scope.js';

const WORKSPACE = 'azure.databricks.workspace';
const VNET_TYPE = 'azure.network.virtual_network';
const VNET_ID = `/subscriptions/${SUBSCRIPTION}/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/vnet-analytics`;

const workspace = (ext: Record<string, unknown>, name = 'dbw-prod') =>
  makeResource({
    cloud: 'azure',
    type: WORKSPACE,
    extType: WORKSPACE,
    name,
    ext: { sku: 'premium', serverless: false, ...ext },
    com: {
      account: SUBSCRIPTION,
      reference: `/subscriptions/${SUBSCRIPTION}/resourceGroups/analytics/providers/Microsoft.Databricks/workspaces/${name}`,
    },
  });

const serverless = workspace({ serverless: true, compute_mode: 'Serverless' }, 'dbw-serverless');

checkTester(vnetInjected, {
  pass: [{ name: 'custom network', input: workspace({ vnet_injected: true }), message: 'customer-managed' }],
  fail: [
    { name: 'managed network', input: workspace({ vnet_injected: false }), message: 'no VNet injection' },
  ],
  error: [{ name: 'not known', input: workspace({}), message: 'vnet_injected' }],
  not_applicable: [{ name: 'serverless', input: serverless, message: 'serverless' }],
});

checkTester(noPublicIp, {
  pass: [
    {
      name: 'secure cluster connectivity',
      input: workspace({ no_public_ip: true }),
      message: 'no public IP',
    },
  ],
  fail: [{ name: 'public IPs', input: workspace({ no_public_ip: false }), message: 'public IP addresses' }],
  error: [{ name: 'enableNoPublicIp left out', input: workspace({}), message: 'no_public_ip' }],
  not_applicable: [{ name: 'serverless', input: serverless, message: 'serverless' }],
});

checkTester(publicNetwork, {
  pass: [
    { name: 'Disabled', input: workspace({ public_network_access_enabled: false }), message: 'refuses' },
  ],
  fail: [
    {
      name: 'Enabled',
      input: workspace({ public_network_access_enabled: true }),
      message: 'public networks',
    },
  ],
  error: [{ name: 'not known', input: workspace({}), message: 'public_network_access_enabled' }],
});

checkTester(privateEndpoint, {
  pass: [{ name: 'one approved', input: workspace({ private_endpoints: 1 }), message: '1 approved' }],
  fail: [
    { name: 'none', input: workspace({ private_endpoints: 0 }), message: 'no approved private endpoint' },
    {
      name: 'none, on the standard tier',
      input: workspace({ private_endpoints: 0, sku: 'standard' }),
      message: 'standard tier: Private Link needs the Premium tier',
    },
  ],
  error: [
    {
      name: 'the list could not be read',
      input: workspace({
        private_endpoints: null,
        unknown_facts: { private_endpoint_connected: 'AuthorizationFailed: denied (HTTP 403)' },
      }),
      message: 'AuthorizationFailed',
    },
  ],
});

checkTester(diagnosticLogs, {
  pass: [
    {
      name: 'all logs to a workspace',
      input: workspace({
        diagnostic_logs_enabled: true,
        diagnostic_log_settings: ['to-sentinel'],
        diagnostic_log_categories: ['alllogs'],
      }),
      message: 'to-sentinel',
    },
  ],
  fail: [
    {
      name: 'no setting sends logs',
      input: workspace({ diagnostic_logs_enabled: false, diagnostic_log_settings: [] }),
      message: 'sends its logs nowhere',
    },
    {
      name: 'a standard workspace',
      input: workspace({ diagnostic_logs_enabled: false, sku: 'standard' }),
      message: 'needs the Premium tier',
    },
  ],
  error: [
    {
      name: 'the settings could not be read',
      input: workspace({
        diagnostic_logs_enabled: null,
        unknown_facts: { diagnostic_logs_enabled: 'AuthorizationFailed: denied (HTTP 403)' },
      }),
      message: 'AuthorizationFailed',
    },
  ],
});

const vnet = (subnets: [string, string | null][]) =>
  makeResource({
    cloud: 'azure',
    type: VNET_TYPE,
    extType: VNET_TYPE,
    name: 'vnet-analytics',
    ext: {
      subnets: subnets.map(([name, nsg]) => ({
        name,
        address_prefix: '10.1.0.0/24',
        network_security_group: nsg,
      })),
    },
    com: { account: SUBSCRIPTION, reference: VNET_ID },
  });

const NSG = `/subscriptions/${SUBSCRIPTION}/resourceGroups/net/providers/Microsoft.Network/networkSecurityGroups/dbw-nsg`;

const injected = (name = 'dbw-prod', vnetId = VNET_ID) =>
  workspace(
    {
      vnet_injected: true,
      // Resource Manager ids are case-insensitive: the workspace may spell its network differently
      virtual_network_id: vnetId.toUpperCase(),
      public_subnet: 'dbw-public',
      private_subnet: 'dbw-private',
    },
    name,
  );

const both = (records: ResourceRecord[], unreadable: string[] = []) => subscription(records, unreadable);

checkTester(subnetsNsg, {
  pass: [
    {
      name: 'both subnets have an NSG',
      input: both([
        injected(),
        vnet([
          ['dbw-public', NSG],
          ['dbw-private', NSG],
          ['other', null],
        ]),
      ]),
      message: 'have network security groups',
    },
  ],
  fail: [
    {
      name: 'the private subnet has none',
      input: both([
        injected(),
        vnet([
          ['dbw-public', NSG],
          ['dbw-private', null],
        ]),
      ]),
      message: 'dbw-private of vnet-analytics have no network security group',
    },
  ],
  error: [
    {
      name: 'the virtual networks could not be read',
      input: both([injected()], [VNET_TYPE]),
      message: 'AuthorizationFailed',
    },
    {
      name: 'the network is not in the subscription',
      input: both([injected('dbw-elsewhere', VNET_ID.replace('vnet-analytics', 'vnet-gone'))]),
      message: 'not among the subscription',
    },
    {
      name: 'a subnet is not in the network',
      input: both([injected(), vnet([['dbw-public', NSG]])]),
      message: 'dbw-private are not in vnet-analytics',
    },
    {
      name: 'the workspaces could not be read',
      input: both([], [WORKSPACE]),
      message: 'could not be collected',
    },
  ],
  not_applicable: [
    {
      name: 'a workspace in the network Databricks manages',
      input: both([workspace({ vnet_injected: false, virtual_network_id: null }), vnet([])]),
      message: 'not injected',
    },
    { name: 'a serverless workspace', input: both([serverless]), message: 'serverless' },
  ],
});

it('azure.databricks.workspace_subnets_have_nsg: names each workspace, and says nothing without one', () => {
  const results = runScopeCheck(
    subnetsNsg,
    both([
      injected('dbw-a'),
      workspace({ vnet_injected: false }, 'dbw-b'),
      vnet([
        ['dbw-public', null],
        ['dbw-private', NSG],
      ]),
    ]),
    {},
  );
  expect(results.map((r) => [r.resource?.name, r.status])).toEqual([
    ['dbw-a', 'fail'],
    ['dbw-b', 'not_applicable'],
  ]);
  expect(runScopeCheck(subnetsNsg, both([vnet([])]), {})).toEqual([]);
});

const component = (name: string) =>
  makeResource({
    cloud: 'azure',
    type: 'azure.monitor.application_insights',
    extType: 'azure.monitor.application_insights',
    name,
    ext: { provisioning_state: 'Succeeded' },
    com: { account: SUBSCRIPTION },
  });

checkTester(applicationInsights, {
  pass: [
    { name: 'a component', input: subscription([component('shop-insights')]), message: 'shop-insights' },
  ],
  fail: [{ name: 'none', input: subscription([]), message: 'no component in the subscription' }],
  error: [
    {
      name: 'the list could not be read',
      input: subscription([], ['azure.monitor.application_insights']),
      message: 'AuthorizationFailed',
    },
  ],
});
