import audit from '../../../src/checks/aws/opensearch/domain-audit-logging.js';
import encrypted from '../../../src/checks/aws/opensearch/domain-encrypted-at-rest.js';
import errors from '../../../src/checks/aws/opensearch/domain-error-logging.js';
import fgac from '../../../src/checks/aws/opensearch/domain-fine-grained-access-control.js';
import inVpc from '../../../src/checks/aws/opensearch/domain-in-vpc.js';
import n2n from '../../../src/checks/aws/opensearch/domain-node-to-node-encryption.js';
import software from '../../../src/checks/aws/opensearch/domain-software-current.js';
import dataNodes from '../../../src/checks/aws/opensearch/domain-three-data-nodes.js';
import primaries from '../../../src/checks/aws/opensearch/domain-three-dedicated-primary-nodes.js';
import tls from '../../../src/checks/aws/opensearch/domain-tls-policy-current.js';
import { checkTester } from '../../helpers/check-tester.js';
import { rec } from './scope.js';

const domain = (ext: Record<string, unknown> = {}) =>
  rec(
    'aws.opensearch.domain',
    {
      in_vpc: true,
      encrypted_at_rest: true,
      node_to_node_encryption: true,
      fine_grained_access_control: true,
      enforce_https: true,
      tls_policy: 'Policy-Min-TLS-1-2-PFS-2023-10',
      application_logs: true,
      audit_logs: true,
      data_nodes: 3,
      zone_awareness: true,
      dedicated_primary_nodes: 3,
      software_update_available: false,
      ...ext,
    },
    { name: 'search' },
  );

for (const [check, fact] of [
  [encrypted, 'encrypted_at_rest'],
  [inVpc, 'in_vpc'],
  [n2n, 'node_to_node_encryption'],
  [errors, 'application_logs'],
  [audit, 'audit_logs'],
  [fgac, 'fine_grained_access_control'],
] as const) {
  checkTester(check, {
    pass: [{ name: 'on', input: domain() }],
    fail: [{ name: 'off', input: domain({ [fact]: false }), message: 'search' }],
    error: [{ name: 'unknown', input: domain({ [fact]: null }) }],
  });
}

checkTester(tls, {
  pass: [
    { name: 'PFS 2023', input: domain() },
    { name: 'TLS 1.2 2019', input: domain({ tls_policy: 'Policy-Min-TLS-1-2-2019-07' }) },
  ],
  fail: [
    { name: 'HTTP allowed', input: domain({ enforce_https: false }), message: 'HTTP' },
    {
      name: 'TLS 1.0 policy',
      input: domain({ tls_policy: 'Policy-Min-TLS-1-0-2019-07' }),
      message: 'TLS-1-0',
    },
  ],
  error: [{ name: 'policy unknown', input: domain({ tls_policy: null }) }],
});

checkTester(dataNodes, {
  pass: [{ name: 'three across zones', input: domain() }],
  fail: [
    { name: 'two nodes', input: domain({ data_nodes: 2 }), message: '2 data' },
    { name: 'one zone', input: domain({ data_nodes: 4, zone_awareness: false }), message: 'zone' },
  ],
  error: [{ name: 'unknown', input: domain({ data_nodes: null }) }],
});

checkTester(primaries, {
  pass: [{ name: 'three', input: domain() }],
  fail: [{ name: 'none', input: domain({ dedicated_primary_nodes: 0 }) }],
  error: [{ name: 'unknown', input: domain({ dedicated_primary_nodes: null }) }],
});

checkTester(software, {
  pass: [{ name: 'current', input: domain() }],
  fail: [{ name: 'update waiting', input: domain({ software_update_available: true }) }],
  error: [{ name: 'unknown', input: domain({ software_update_available: null }) }],
});
