import insights from '../../../src/checks/aws/ecs/cluster-container-insights.js';
import fargateLatest from '../../../src/checks/aws/ecs/service-fargate-latest-platform.js';
import servicePublicIp from '../../../src/checks/aws/ecs/service-no-public-ip.js';
import hostNetworkNonRoot from '../../../src/checks/aws/ecs/task-definition-host-network-non-root.js';
import logging from '../../../src/checks/aws/ecs/task-definition-logging-configured.js';
import credentials from '../../../src/checks/aws/ecs/task-definition-no-credential-variables.js';
import hostPid from '../../../src/checks/aws/ecs/task-definition-no-host-pid.js';
import privileged from '../../../src/checks/aws/ecs/task-definition-no-privileged-containers.js';
import readOnlyRoot from '../../../src/checks/aws/ecs/task-definition-read-only-root.js';
import taskSetPublicIp from '../../../src/checks/aws/ecs/task-set-no-public-ip.js';
import { checkTester } from '../../helpers/check-tester.js';
import { rec } from './scope.js';

const def = (ext: Record<string, unknown>) =>
  rec(
    'aws.ecs.task_definition',
    {
      network_mode: 'awsvpc',
      pid_mode: null,
      containers: 1,
      privileged_containers: [],
      writable_root_containers: [],
      containers_without_logging: [],
      root_containers: [],
      credential_variables: [],
      unknown_facts: {},
      ...ext,
    },
    { name: 'web:3' },
  );
const unreadable = {
  network_mode: null,
  containers: null,
  privileged_containers: null,
  writable_root_containers: null,
  containers_without_logging: null,
  root_containers: null,
  credential_variables: null,
  unknown_facts: { definition: 'AccessDeniedException: ecs:DescribeTaskDefinition' },
};

for (const [check, fact] of [
  [privileged, 'privileged_containers'],
  [readOnlyRoot, 'writable_root_containers'],
  [logging, 'containers_without_logging'],
  [credentials, 'credential_variables'],
] as const) {
  checkTester(check, {
    pass: [{ name: 'no offending container', input: def({}) }],
    fail: [{ name: 'one offending container', input: def({ [fact]: ['collector'] }), message: 'collector' }],
    error: [{ name: 'definition unreadable', input: def(unreadable), message: 'AccessDeniedException' }],
  });
}

checkTester(hostPid, {
  pass: [
    { name: 'task pid mode', input: def({ pid_mode: 'task' }) },
    { name: 'not set', input: def({}) },
  ],
  fail: [{ name: 'host pid mode', input: def({ pid_mode: 'host' }) }],
  error: [{ name: 'definition unreadable', input: def(unreadable) }],
});

checkTester(hostNetworkNonRoot, {
  pass: [{ name: 'host network, named users', input: def({ network_mode: 'host' }) }],
  fail: [
    {
      name: 'host network, root container',
      input: def({ network_mode: 'host', root_containers: ['sidecar'] }),
      message: 'sidecar',
    },
  ],
  error: [{ name: 'definition unreadable', input: def(unreadable) }],
  not_applicable: [{ name: 'awsvpc network', input: def({ root_containers: ['app'] }) }],
});

const svc = (ext: Record<string, unknown>) =>
  rec(
    'aws.ecs.service',
    {
      fargate: true,
      launch_type: 'FARGATE',
      platform_version: 'LATEST',
      platform_family: 'Linux',
      assigns_public_ip: false,
      task_sets: 0,
      task_sets_with_public_ip: [],
      ...ext,
    },
    { name: 'web' },
  );

checkTester(servicePublicIp, {
  pass: [{ name: 'private', input: svc({}) }],
  fail: [{ name: 'public IPs', input: svc({ assigns_public_ip: true }) }],
  error: [{ name: 'unknown', input: svc({ assigns_public_ip: null }) }],
});

checkTester(taskSetPublicIp, {
  pass: [{ name: 'private task sets', input: svc({ task_sets: 2 }) }],
  fail: [
    {
      name: 'a public task set',
      input: svc({ task_sets: 2, task_sets_with_public_ip: ['ecs-svc/1'] }),
      message: 'ecs-svc/1',
    },
  ],
  error: [{ name: 'unknown', input: svc({ task_sets: null }) }],
  not_applicable: [{ name: 'no task sets', input: svc({}) }],
});

checkTester(fargateLatest, {
  pass: [
    { name: 'LATEST', input: svc({}) },
    { name: 'latest Linux number', input: svc({ platform_version: '1.4.0' }) },
    {
      name: 'latest Windows number',
      input: svc({ platform_version: '1.0.0', platform_family: 'WINDOWS_SERVER_2019_FULL' }),
    },
  ],
  fail: [
    { name: 'old Linux version', input: svc({ platform_version: '1.3.0' }), message: '1.3.0' },
    {
      name: 'Windows on a Linux number',
      input: svc({ platform_version: '1.4.0', platform_family: 'WINDOWS_SERVER_2022_CORE' }),
    },
  ],
  not_applicable: [{ name: 'EC2 launch type', input: svc({ fargate: false, launch_type: 'EC2' }) }],
});

const cluster = (value: string | null) =>
  rec('aws.ecs.cluster', { container_insights: value }, { name: 'prod' });

checkTester(insights, {
  pass: [
    { name: 'enabled', input: cluster('enabled') },
    { name: 'enhanced', input: cluster('enhanced') },
  ],
  fail: [{ name: 'disabled', input: cluster('disabled'), message: 'disabled' }],
  error: [{ name: 'settings missing', input: cluster(null) }],
});
