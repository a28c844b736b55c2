import strongTls from '../../../src/checks/gcp/compute/target-proxy-strong-tls.js';
import computeTargetProxy from '../../../src/providers/gcp/resources/compute-target-proxy.js';
import { checkTester } from '../../helpers/check-tester.js';
import { sslPolicy, targetHttpsProxy, targetSslProxy } from '../../providers/gcp/estate-workloads.js';
import { failedRead, P, recordOf } from './records.js';

const POLICIES = [
  sslPolicy(P, 'modern', 'MODERN', 'TLS_1_2'),
  sslPolicy(P, 'restricted13', 'RESTRICTED', 'TLS_1_3'),
  sslPolicy(P, 'compat12', 'COMPATIBLE', 'TLS_1_2'),
  sslPolicy(P, 'modern10', 'MODERN', 'TLS_1_0'),
];
const proxy = (item: Record<string, unknown>, policies: unknown = POLICIES) =>
  recordOf(computeTargetProxy, { item, sslPolicies: policies });

checkTester(strongTls, {
  pass: [
    { name: 'MODERN from TLS 1.2', input: proxy(targetHttpsProxy(P, 'web', 'modern')) },
    {
      name: 'an SSL proxy with RESTRICTED from TLS 1.3',
      input: proxy(targetSslProxy(P, 'tcp', 'restricted13')),
    },
  ],
  fail: [
    {
      name: "no policy: Google's default",
      input: proxy(targetHttpsProxy(P, 'web')),
      message: 'TLS 1.0 and the COMPATIBLE profile',
    },
    {
      name: 'the COMPATIBLE profile',
      input: proxy(targetHttpsProxy(P, 'web', 'compat12')),
      message: 'COMPATIBLE',
    },
    { name: 'TLS 1.0 allowed', input: proxy(targetHttpsProxy(P, 'web', 'modern10')), message: 'TLS 1.0' },
  ],
  error: [
    {
      name: 'the policies could not be listed',
      input: proxy(targetHttpsProxy(P, 'web', 'modern'), failedRead('compute.sslPolicies.list')),
      message: 'PERMISSION_DENIED',
    },
    {
      name: 'a policy missing from the list',
      input: proxy(targetHttpsProxy(P, 'web', 'gone'), []),
      message: 'gone',
    },
  ],
});
