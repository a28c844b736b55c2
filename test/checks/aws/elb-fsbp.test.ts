import classicAcm from '../../../src/checks/aws/elb/acm-certificate.js';
import draining from '../../../src/checks/aws/elb/connection-draining-enabled.js';
import crossZone from '../../../src/checks/aws/elb/cross-zone-load-balancing.js';
import classicDesync from '../../../src/checks/aws/elb/desync-mitigation-mode.js';
import classicMultiAz from '../../../src/checks/aws/elb/multi-az.js';
import predefined from '../../../src/checks/aws/elb/predefined-tls-policy.js';
import deletion from '../../../src/checks/aws/elbv2/deletion-protection-enabled.js';
import desync from '../../../src/checks/aws/elbv2/desync-mitigation-mode.js';
import dropHeaders from '../../../src/checks/aws/elbv2/drop-invalid-header-fields.js';
import multiAz from '../../../src/checks/aws/elbv2/multi-az.js';
import { checkTester } from '../../helpers/check-tester.js';
import { rec } from './scope.js';

const alb = (ext: Record<string, unknown> = {}) =>
  rec(
    'aws.elbv2.load_balancer',
    {
      type: 'application',
      drop_invalid_header_fields: true,
      deletion_protection: true,
      desync_mitigation_mode: 'defensive',
      availability_zones: ['eu-west-1a', 'eu-west-1b'],
      ...ext,
    },
    { name: 'web' },
  );
const attributesDenied = {
  unknown_facts: { attributes: 'AccessDenied: elasticloadbalancing:DescribeLoadBalancerAttributes' },
};

checkTester(dropHeaders, {
  pass: [{ name: 'dropped', input: alb() }],
  fail: [{ name: 'forwarded', input: alb({ drop_invalid_header_fields: false }) }],
  error: [
    {
      name: 'attributes unreadable',
      input: alb({ drop_invalid_header_fields: null, ...attributesDenied }),
      message: 'AccessDenied',
    },
  ],
  not_applicable: [
    { name: 'network load balancer', input: alb({ type: 'network', drop_invalid_header_fields: false }) },
  ],
});

checkTester(deletion, {
  pass: [
    { name: 'on', input: alb() },
    { name: 'network load balancer', input: alb({ type: 'network' }) },
  ],
  fail: [{ name: 'off', input: alb({ deletion_protection: false }) }],
  error: [{ name: 'attributes unreadable', input: alb({ deletion_protection: null }) }],
});

checkTester(desync, {
  pass: [
    { name: 'defensive', input: alb() },
    { name: 'strictest', input: alb({ desync_mitigation_mode: 'strictest' }) },
  ],
  fail: [{ name: 'monitor', input: alb({ desync_mitigation_mode: 'monitor' }), message: 'monitor' }],
  error: [{ name: 'attributes unreadable', input: alb({ desync_mitigation_mode: null }) }],
  not_applicable: [
    { name: 'gateway load balancer', input: alb({ type: 'gateway', desync_mitigation_mode: null }) },
  ],
});

checkTester(multiAz, {
  pass: [{ name: 'two zones', input: alb() }],
  fail: [
    { name: 'one zone', input: alb({ availability_zones: ['eu-west-1a'] }), message: 'eu-west-1a' },
    { name: 'two under a minimum of three', input: alb(), params: { min_availability_zones: 3 } },
  ],
  error: [{ name: 'unreadable', input: alb({ availability_zones: null }) }],
});

const classic = (ext: Record<string, unknown> = {}) =>
  rec(
    'aws.elb.load_balancer',
    {
      type: 'classic',
      listeners: [
        {
          port: 443,
          protocol: 'HTTPS',
          tls: true,
          certificate_id: 'arn:aws:acm:eu-west-1:111122223333:certificate/abc',
        },
      ],
      availability_zones: ['eu-west-1a', 'eu-west-1b'],
      connection_draining: true,
      cross_zone_load_balancing: true,
      desync_mitigation_mode: 'defensive',
      listener_security_policies: [{ port: 443, policy: 'ELBSecurityPolicy-TLS-1-2-2017-01' }],
      ...ext,
    },
    { name: 'legacy' },
  );

checkTester(classicAcm, {
  pass: [{ name: 'ACM certificate', input: classic() }],
  fail: [
    {
      name: 'IAM certificate',
      input: classic({
        listeners: [
          {
            port: 443,
            protocol: 'HTTPS',
            tls: true,
            certificate_id: 'arn:aws:iam::111122223333:server-certificate/old',
          },
        ],
      }),
      message: 'server-certificate/old',
    },
  ],
  error: [
    { name: 'listeners unreadable', input: classic({ listeners: null }) },
    {
      name: 'certificate not in the answer',
      input: classic({ listeners: [{ port: 443, protocol: 'HTTPS', tls: true, certificate_id: null }] }),
    },
  ],
  not_applicable: [
    {
      name: 'HTTP only',
      input: classic({ listeners: [{ port: 80, protocol: 'HTTP', tls: false, certificate_id: null }] }),
    },
  ],
});

checkTester(classicMultiAz, {
  pass: [{ name: 'two zones', input: classic() }],
  fail: [{ name: 'one zone', input: classic({ availability_zones: ['eu-west-1a'] }) }],
  error: [{ name: 'unreadable', input: classic({ availability_zones: null }) }],
});

checkTester(draining, {
  pass: [{ name: 'on', input: classic() }],
  fail: [{ name: 'off', input: classic({ connection_draining: false }) }],
  error: [{ name: 'unreadable', input: classic({ connection_draining: null }) }],
});

checkTester(crossZone, {
  pass: [{ name: 'on', input: classic() }],
  fail: [{ name: 'off', input: classic({ cross_zone_load_balancing: false }) }],
  error: [{ name: 'unreadable', input: classic({ cross_zone_load_balancing: null }) }],
});

checkTester(classicDesync, {
  pass: [{ name: 'defensive', input: classic() }],
  fail: [{ name: 'monitor', input: classic({ desync_mitigation_mode: 'monitor' }) }],
  error: [{ name: 'unreadable', input: classic({ desync_mitigation_mode: null }) }],
});

checkTester(predefined, {
  pass: [
    { name: 'the required policy', input: classic() },
    {
      name: 'another required policy by parameter',
      input: classic({ listener_security_policies: [{ port: 443, policy: 'ELBSecurityPolicy-2016-08' }] }),
      params: { predefined_policy_name: 'ELBSecurityPolicy-2016-08' },
    },
  ],
  fail: [
    {
      name: 'an old policy',
      input: classic({ listener_security_policies: [{ port: 443, policy: 'ELBSecurityPolicy-2016-08' }] }),
      message: 'ELBSecurityPolicy-2016-08',
    },
    {
      name: 'a custom policy',
      input: classic({ listener_security_policies: [{ port: 443, policy: null }] }),
      message: 'custom',
    },
  ],
  error: [
    {
      name: 'policies unreadable',
      input: classic({ listener_security_policies: null, unknown_facts: { policies: 'Throttling' } }),
      message: 'Throttling',
    },
  ],
  not_applicable: [{ name: 'no TLS listener', input: classic({ listener_security_policies: [] }) }],
});
