import backendLogging from '../../../src/checks/gcp/compute/backend-service-logging.js';
import dnsLogging from '../../../src/checks/gcp/dns/network-dns-logging.js';
import bucketLocked from '../../../src/checks/gcp/logging/sink-bucket-retention-locked.js';
import backendServices from '../../../src/providers/gcp/resources/compute-backend-service.js';
import networks from '../../../src/providers/gcp/resources/compute-network.js';
import dnsPolicies from '../../../src/providers/gcp/resources/dns-policy.js';
import sinks from '../../../src/providers/gcp/resources/logging-sink.js';
import { checkTester } from '../../helpers/check-tester.js';
import { failedRead, inventory, recordOf, recordsOf, without } from './records.js';

/** CIS GCP v5.0 2.4 / v4.0 2.3, 2.13 / 2.12, 2.17 / 2.16. */

const COMPUTE = 'https://www.googleapis.com/compute/v1/projects/shop-prod';

// ---- 2.4: Bucket Lock on the buckets sinks export to ----------------------------------------

const storageSink = (
  name: string,
  bucket: Record<string, unknown> | null | { __error: string },
  extra = {},
) =>
  recordsOf(sinks, {
    item: { name, destination: `storage.googleapis.com/${name}-bucket`, ...extra },
    destinationBucket: bucket,
  });
const locked = { name: 'b', retentionPolicy: { retentionPeriod: '31536000', isLocked: true } };
const unlocked = { name: 'b', retentionPolicy: { retentionPeriod: '31536000' } };
const inheritedSink = (name: string, bucket: Record<string, unknown> | null) =>
  recordsOf(sinks, {
    item: {
      name,
      destination: `storage.googleapis.com/${name}-bucket`,
      includeChildren: true,
      cloudwardInheritedFrom: 'organizations/123456789012',
    },
    destinationBucket: bucket,
  });
const unreadableAncestor = recordsOf(sinks, {
  item: {
    name: 'organizations/123456789012',
    cloudwardInheritedFrom: 'organizations/123456789012',
    cloudwardReadError: 'logging.sinks.list: PERMISSION_DENIED (HTTP 403)',
  },
});
const bigquerySink = recordsOf(sinks, {
  item: { name: 'to-bq', destination: 'bigquery.googleapis.com/projects/p/datasets/d' },
});

checkTester(bucketLocked, {
  pass: [
    {
      name: 'the sink bucket has a locked retention policy',
      input: inventory(storageSink('archive', locked)),
    },
    {
      name: 'an inherited organisation sink to a locked bucket',
      input: inventory([...bigquerySink, ...inheritedSink('org-archive', locked)]),
      message: 'aggregated, on organizations/123456789012',
    },
  ],
  fail: [
    {
      name: 'retention policy not locked',
      input: inventory(storageSink('archive', unlocked)),
      message: 'not locked',
    },
    {
      name: 'no retention policy',
      input: inventory(storageSink('archive', { name: 'b' })),
      message: 'no retention policy',
    },
    {
      name: 'the bucket does not exist',
      input: inventory(storageSink('archive', null)),
      message: 'does not exist',
    },
    {
      name: 'an inherited sink to an unlocked bucket',
      input: inventory(inheritedSink('org-archive', unlocked)),
    },
  ],
  error: [
    {
      name: 'the bucket could not be read',
      input: inventory(storageSink('archive', failedRead('storage.buckets.get'))),
    },
    { name: 'the sinks could not be listed', input: inventory([], ['gcp.logging.sink']) },
    {
      name: "the organisation's sinks could not be read",
      input: inventory(unreadableAncestor),
      message: 'PERMISSION_DENIED',
    },
  ],
  not_applicable: [{ name: 'no sink exports to Cloud Storage', input: inventory(bigquerySink) }],
});

// ---- 2.13: Cloud DNS logging on every VPC network -------------------------------------------

const network = (name: string) =>
  recordsOf(networks, {
    item: { name, selfLink: `${COMPUTE}/global/networks/${name}`, autoCreateSubnetworks: false },
  });
const dnsPolicy = (
  name: string,
  enableLogging: boolean,
  nets: string[],
  urlPrefix = `${COMPUTE}/global/networks/`,
) =>
  recordsOf(dnsPolicies, {
    item: {
      kind: 'dns#policy',
      id: '7230493650438195000',
      name,
      enableLogging,
      enableInboundForwarding: false,
      networks: nets.map((n) => ({ kind: 'dns#policyNetwork', networkUrl: `${urlPrefix}${n}` })),
    },
  });

checkTester(dnsLogging, {
  pass: [
    {
      name: 'every network has a logging DNS policy',
      input: inventory([
        ...network('shop-vpc'),
        ...network('data-vpc'),
        ...dnsPolicy('log-all', true, ['shop-vpc', 'data-vpc']),
      ]),
    },
    {
      name: 'network URLs written as relative names',
      input: inventory([
        ...network('shop-vpc'),
        ...dnsPolicy('log', true, ['shop-vpc'], 'projects/shop-prod/global/networks/'),
      ]),
    },
    { name: 'no networks', input: inventory([]) },
  ],
  fail: [
    {
      name: 'a network with no DNS policy',
      input: inventory([
        ...network('shop-vpc'),
        ...network('data-vpc'),
        ...dnsPolicy('log', true, ['shop-vpc']),
      ]),
      message: 'data-vpc is attached to no DNS policy',
    },
    {
      name: 'a DNS policy without logging',
      input: inventory([...network('shop-vpc'), ...dnsPolicy('forwarding', false, ['shop-vpc'])]),
      message: 'does not log queries',
    },
  ],
  error: [
    { name: 'DNS policies could not be listed', input: inventory(network('shop-vpc'), ['gcp.dns.policy']) },
    { name: 'networks could not be listed', input: inventory([], ['gcp.compute.network']) },
  ],
});

// ---- 2.17: HTTP(S) load balancer backends log requests ----------------------------------------

const backend = (name: string, protocol: string, logConfig?: Record<string, unknown>, region?: string) =>
  recordOf(backendServices, {
    item: {
      kind: 'compute#backendService',
      id: '5096338815862981000',
      name,
      protocol,
      loadBalancingScheme: 'EXTERNAL_MANAGED',
      ...(region ? { region: `${COMPUTE}/regions/${region}` } : {}),
      ...(logConfig ? { logConfig } : {}),
      selfLink: `${COMPUTE}/${region ? `regions/${region}` : 'global'}/backendServices/${name}`,
    },
  });

checkTester(backendLogging, {
  pass: [
    {
      name: 'HTTPS backend logging every request',
      input: backend('web', 'HTTPS', { enable: true, sampleRate: 1 }),
    },
    {
      name: 'regional HTTP backend with default sampling',
      input: backend('api', 'HTTP', { enable: true }, 'europe-west1'),
    },
  ],
  fail: [
    { name: 'logging never turned on', input: backend('web', 'HTTPS'), message: 'does not log requests' },
    { name: 'logging off', input: backend('web', 'HTTP2', { enable: false }) },
    {
      name: 'sample rate 0',
      input: backend('web', 'HTTPS', { enable: true, sampleRate: 0 }),
      message: 'sample rate of 0',
    },
  ],
  error: [{ name: 'settings not read', input: without(backend('web', 'HTTPS'), 'request_logging') }],
  not_applicable: [{ name: 'a TCP backend', input: backend('tcp-pool', 'TCP') }],
});
