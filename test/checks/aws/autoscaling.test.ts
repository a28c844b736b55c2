import elbHealth from '../../../src/checks/aws/autoscaling/group-elb-health-check.js';
import multiAz from '../../../src/checks/aws/autoscaling/group-multi-az.js';
import instanceTypes from '../../../src/checks/aws/autoscaling/group-multiple-instance-types.js';
import usesTemplate from '../../../src/checks/aws/autoscaling/group-uses-launch-template.js';
import lcImds from '../../../src/checks/aws/autoscaling/launch-configuration-imdsv2-required.js';
import lcPublicIp from '../../../src/checks/aws/autoscaling/launch-configuration-no-public-ip.js';
import { checkTester } from '../../helpers/check-tester.js';
import { rec } from './scope.js';

const group = (ext: Record<string, unknown>) =>
  rec(
    'aws.autoscaling.group',
    {
      availability_zones: ['eu-west-1a', 'eu-west-1b'],
      load_balancers: ['arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/1'],
      health_check_types: ['ELB'],
      launch_configuration: null,
      launch_template: 'lt-1',
      instance_types: ['m7g.large', 'm6g.large'],
      ...ext,
    },
    { name: 'web-asg' },
  );

checkTester(elbHealth, {
  pass: [
    { name: 'ELB', input: group({}) },
    { name: 'ELB among several', input: group({ health_check_types: ['EC2', 'ELB'] }) },
  ],
  fail: [{ name: 'EC2 only', input: group({ health_check_types: ['EC2'] }), message: 'EC2' }],
  error: [{ name: 'unreadable', input: group({ load_balancers: null }) }],
  not_applicable: [
    { name: 'no load balancer', input: group({ load_balancers: [], health_check_types: ['EC2'] }) },
  ],
});
checkTester(multiAz, {
  pass: [{ name: 'two zones', input: group({}) }],
  fail: [{ name: 'one zone', input: group({ availability_zones: ['eu-west-1a'] }) }],
  error: [{ name: 'unreadable', input: group({ availability_zones: null }) }],
});
checkTester(usesTemplate, {
  pass: [{ name: 'launch template', input: group({}) }],
  fail: [
    {
      name: 'launch configuration',
      input: group({ launch_template: null, launch_configuration: 'old-lc' }),
      message: 'old-lc',
    },
  ],
});
checkTester(instanceTypes, {
  pass: [{ name: 'two types, two zones', input: group({}) }],
  fail: [
    { name: 'one type', input: group({ instance_types: [] }) },
    {
      name: 'one zone',
      input: group({ availability_zones: ['eu-west-1a'] }),
      message: 'one Availability Zone',
    },
  ],
  error: [{ name: 'unreadable', input: group({ instance_types: null }) }],
});

const lc = (ext: Record<string, unknown>) =>
  rec(
    'aws.autoscaling.launch_configuration',
    { associate_public_ip: false, http_tokens: 'required', ...ext },
    { name: 'web-lc' },
  );
checkTester(lcImds, {
  pass: [
    { name: 'required', input: lc({}) },
    { name: 'endpoint disabled', input: lc({ http_tokens: null, metadata_endpoint: 'disabled' }) },
  ],
  fail: [
    { name: 'optional', input: lc({ http_tokens: 'optional' }) },
    { name: 'not set', input: lc({ http_tokens: null }) },
  ],
});
checkTester(lcPublicIp, {
  pass: [
    { name: 'false', input: lc({}) },
    { name: 'unset (the subnet decides)', input: lc({ associate_public_ip: null }) },
  ],
  fail: [{ name: 'true', input: lc({ associate_public_ip: true }) }],
});
