import classicLogs from '../../../src/checks/aws/elb/access-logs-enabled.js';
import classicTls from '../../../src/checks/aws/elb/listeners-use-tls.js';
import logs from '../../../src/checks/aws/elbv2/access-logs-enabled.js';
import listenersTls from '../../../src/checks/aws/elbv2/listeners-use-tls.js';
import tlsPolicy from '../../../src/checks/aws/elbv2/tls-policy-current.js';
import { checkTester } from '../../helpers/check-tester.js';
import { rec } from './scope.js';

const HTTPS = {
  port: 443,
  protocol: 'HTTPS',
  tls: true,
  redirects_to_https: false,
  ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
  min_tls_version: '1.2',
};
const REDIRECT = {
  port: 80,
  protocol: 'HTTP',
  tls: false,
  redirects_to_https: true,
  ssl_policy: null,
  min_tls_version: null,
};
const PLAIN = {
  port: 8080,
  protocol: 'HTTP',
  tls: false,
  redirects_to_https: false,
  ssl_policy: null,
  min_tls_version: null,
};
const TCP = {
  port: 5432,
  protocol: 'TCP',
  tls: false,
  redirects_to_https: false,
  ssl_policy: null,
  min_tls_version: null,
};
const lb = (listeners: unknown, ext: Record<string, unknown> = {}) =>
  rec(
    'aws.elbv2.load_balancer',
    { type: 'application', listeners, access_logs_enabled: true, ...ext },
    { name: 'web' },
  );

checkTester(listenersTls, {
  pass: [
    { name: 'HTTPS and a redirect', input: lb([HTTPS, REDIRECT]) },
    { name: 'HTTPS only', input: lb([HTTPS]) },
  ],
  fail: [{ name: 'plain HTTP forward', input: lb([HTTPS, REDIRECT, PLAIN]), message: '8080' }],
  error: [{ name: 'listeners unreadable', input: lb(null) }],
  not_applicable: [{ name: 'TCP only (network load balancer)', input: lb([TCP], { type: 'network' }) }],
});

checkTester(tlsPolicy, {
  pass: [{ name: 'TLS 1.2 policy', input: lb([HTTPS, REDIRECT]) }],
  fail: [
    {
      name: 'ELBSecurityPolicy-2016-08',
      input: lb([{ ...HTTPS, ssl_policy: 'ELBSecurityPolicy-2016-08', min_tls_version: '1.0' }]),
      message: '2016-08',
    },
    { name: '1.2 under a 1.3 minimum', input: lb([HTTPS]), params: { min_version: '1.3' } },
  ],
  error: [
    {
      name: 'custom policy',
      input: lb([{ ...HTTPS, ssl_policy: 'custom', min_tls_version: null }]),
      message: 'custom',
    },
    { name: 'listeners unreadable', input: lb(null) },
  ],
  not_applicable: [{ name: 'no TLS listener', input: lb([REDIRECT]) }],
});

checkTester(logs, {
  pass: [{ name: 'on', input: lb([HTTPS]) }],
  fail: [{ name: 'off', input: lb([HTTPS], { access_logs_enabled: false }) }],
  error: [{ name: 'attributes unreadable', input: lb([HTTPS], { access_logs_enabled: null }) }],
  not_applicable: [{ name: 'gateway', input: lb([], { type: 'gateway', access_logs_enabled: null }) }],
});

const classic = (listeners: unknown, ext: Record<string, unknown> = {}) =>
  rec('aws.elb.load_balancer', { listeners, access_logs_enabled: true, ...ext }, { name: 'legacy' });
checkTester(classicTls, {
  pass: [{ name: 'HTTPS', input: classic([{ port: 443, protocol: 'HTTPS', tls: true }]) }],
  fail: [
    {
      name: 'HTTP',
      input: classic([
        { port: 443, protocol: 'HTTPS', tls: true },
        { port: 80, protocol: 'HTTP', tls: false },
      ]),
      message: 'HTTP 80',
    },
  ],
  error: [{ name: 'unreadable', input: classic(null) }],
});
checkTester(classicLogs, {
  pass: [{ name: 'on', input: classic([]) }],
  fail: [{ name: 'off', input: classic([], { access_logs_enabled: false }) }],
  error: [{ name: 'unknown', input: classic([], { access_logs_enabled: null }) }],
});
