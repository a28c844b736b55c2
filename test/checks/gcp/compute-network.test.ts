import noDefault from '../../../src/checks/gcp/compute/no-default-network.js';
import noLegacy from '../../../src/checks/gcp/compute/no-legacy-network.js';
import flowLogs from '../../../src/checks/gcp/compute/subnet-flow-logs.js';
import privateAccess from '../../../src/checks/gcp/compute/subnet-private-google-access.js';
import computeNetwork from '../../../src/providers/gcp/resources/compute-network.js';
import computeSubnetwork from '../../../src/providers/gcp/resources/compute-subnetwork.js';
import { checkTester } from '../../helpers/check-tester.js';
import {
  FULL_FLOW_LOGS,
  network,
  type SubnetSpec,
  subnetwork,
} from '../../providers/gcp/estate-workloads.js';
import { P, recordOf, without } from './records.js';

const net = (name: string, mode: 'auto' | 'custom' | 'legacy') =>
  recordOf(computeNetwork, { item: network(P, name, mode) });
const subnet = (spec: Partial<SubnetSpec>) =>
  recordOf(computeSubnetwork, { item: subnetwork(P, { name: 's', region: 'us-central1', ...spec }) });

checkTester(noDefault, {
  pass: [{ name: 'a custom network', input: net('shop-vpc', 'custom') }],
  fail: [{ name: 'the default network', input: net('default', 'auto'), message: 'default network' }],
  error: [{ name: 'not read', input: without(net('x', 'custom'), 'default') }],
});

checkTester(noLegacy, {
  pass: [
    { name: 'custom mode', input: net('shop-vpc', 'custom') },
    { name: 'auto mode', input: net('default', 'auto') },
  ],
  fail: [{ name: 'a legacy network', input: net('old', 'legacy'), message: '10.240.0.0/16' }],
  error: [{ name: 'mode not read', input: without(net('x', 'custom'), 'mode') }],
});

checkTester(flowLogs, {
  pass: [{ name: 'every flow with all metadata', input: subnet({ flowLogs: FULL_FLOW_LOGS }) }],
  fail: [
    { name: 'off', input: subnet({}), message: 'does not record' },
    { name: 'half the flows', input: subnet({ flowLogs: { flowSampling: 0.5 } }), message: 'sampling 0.5' },
    {
      name: 'a 10-minute interval and a filter',
      input: subnet({
        flowLogs: {
          aggregationInterval: 'INTERVAL_10_MIN',
          filterExpr: 'inIpRange(connection.src_ip, "10.0.0.0/8")',
        },
      }),
      message: 'INTERVAL_10_MIN',
    },
    {
      name: 'enabled through the legacy field only (Google defaults: 0.5 sampling)',
      input: recordOf(computeSubnetwork, {
        item: { ...subnetwork(P, { name: 'old', region: 'us-central1' }), enableFlowLogs: true },
      }),
    },
  ],
  error: [{ name: 'not read', input: without(subnet({}), 'flow_logs') }],
  not_applicable: [{ name: 'a proxy-only subnet', input: subnet({ purpose: 'REGIONAL_MANAGED_PROXY' }) }],
});

checkTester(privateAccess, {
  pass: [{ name: 'on', input: subnet({ privateIpGoogleAccess: true }) }],
  fail: [{ name: 'off', input: subnet({ privateIpGoogleAccess: false }) }],
  error: [{ name: 'not read', input: without(subnet({}), 'private_google_access') }],
  not_applicable: [
    { name: 'a Private Service Connect subnet', input: subnet({ purpose: 'PRIVATE_SERVICE_CONNECT' }) },
  ],
});
