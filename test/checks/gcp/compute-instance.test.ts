import blocksKeys from '../../../src/checks/gcp/compute/instance-blocks-project-ssh-keys.js';
import confidential from '../../../src/checks/gcp/compute/instance-confidential-computing.js';
import fullAccess from '../../../src/checks/gcp/compute/instance-default-sa-no-full-access.js';
import csek from '../../../src/checks/gcp/compute/instance-disks-csek.js';
import defaultSa from '../../../src/checks/gcp/compute/instance-no-default-service-account.js';
import ipForwarding from '../../../src/checks/gcp/compute/instance-no-ip-forwarding.js';
import publicIp from '../../../src/checks/gcp/compute/instance-no-public-ip.js';
import osLogin from '../../../src/checks/gcp/compute/instance-os-login-not-disabled.js';
import serialPort from '../../../src/checks/gcp/compute/instance-serial-port-disabled.js';
import shielded from '../../../src/checks/gcp/compute/instance-shielded-vm.js';
import projectOsLogin from '../../../src/checks/gcp/compute/project-os-login.js';
import type { ResourceRecord } from '../../../src/core/record.js';
import computeInstance from '../../../src/providers/gcp/resources/compute-instance.js';
import computeProject from '../../../src/providers/gcp/resources/compute-project.js';
import { checkTester } from '../../helpers/check-tester.js';
import {
  CLOUD_PLATFORM,
  defaultServiceAccount,
  GOOD_INSTANCE,
  type InstanceSpec,
  instance,
  computeProject as projectAnswer,
} from '../../providers/gcp/estate-workloads.js';
import { failedRead, P, P_NUMBER, recordOf, without } from './records.js';

const OS_LOGIN_ON = projectAnswer(P, P_NUMBER, { 'enable-oslogin': 'TRUE' });
const NOTHING_SET = projectAnswer(P, P_NUMBER, {});

function vm(spec: Partial<InstanceSpec>, project: unknown = NOTHING_SET): ResourceRecord {
  return recordOf(computeInstance, {
    item: instance(P, { name: 'vm', ...GOOD_INSTANCE, ...spec }),
    projectMetadata: project,
  });
}

const good = vm({});
const DEFAULT_SA = { email: defaultServiceAccount(P_NUMBER), scopes: [CLOUD_PLATFORM] };
const gke = vm({
  serviceAccount: DEFAULT_SA,
  externalIp: '34.1.2.3',
  canIpForward: true,
  labels: { 'goog-gke-node': '' },
});

checkTester(defaultSa, {
  pass: [
    { name: 'a dedicated service account', input: good },
    { name: 'no service account', input: vm({ serviceAccount: null }) },
  ],
  fail: [
    { name: 'the default account', input: vm({ serviceAccount: DEFAULT_SA }), message: '-compute@developer' },
  ],
  error: [{ name: 'service accounts not read', input: without(good, 'default_service_account') }],
  not_applicable: [{ name: 'a GKE node', input: gke }],
});

checkTester(fullAccess, {
  pass: [
    { name: 'a dedicated account with cloud-platform', input: good },
    {
      name: 'the default account with narrow scopes',
      input: vm({
        serviceAccount: { ...DEFAULT_SA, scopes: ['https://www.googleapis.com/auth/devstorage.read_only'] },
      }),
    },
  ],
  fail: [{ name: 'the default account with cloud-platform', input: vm({ serviceAccount: DEFAULT_SA }) }],
  error: [{ name: 'scopes not read', input: without(good, 'default_service_account_full_access') }],
});

checkTester(blocksKeys, {
  pass: [{ name: 'block-project-ssh-keys TRUE', input: good }],
  fail: [
    { name: 'unset', input: vm({ metadata: {} }), message: 'project-wide' },
    { name: 'false', input: vm({ metadata: { 'block-project-ssh-keys': 'false' } }) },
  ],
  error: [{ name: 'metadata not read', input: without(good, 'block_project_ssh_keys') }],
  not_applicable: [{ name: 'a GKE node', input: gke }],
});

checkTester(osLogin, {
  pass: [
    { name: 'on in the instance', input: good },
    { name: 'inherited from the project', input: vm({ metadata: {} }, OS_LOGIN_ON) },
  ],
  fail: [
    {
      name: 'the instance turns it off though the project turns it on',
      input: vm({ metadata: { 'enable-oslogin': 'FALSE' } }, OS_LOGIN_ON),
      message: 'enable-oslogin=FALSE',
    },
    { name: 'neither sets it', input: vm({ metadata: {} }), message: 'inherits' },
  ],
  error: [
    {
      name: 'the project metadata could not be read',
      input: vm({ metadata: {} }, failedRead('compute.projects.get')),
    },
  ],
});

checkTester(projectOsLogin, {
  pass: [{ name: 'enable-oslogin TRUE', input: recordOf(computeProject, { item: OS_LOGIN_ON }) }],
  fail: [
    { name: 'unset', input: recordOf(computeProject, { item: NOTHING_SET }) },
    {
      name: 'FALSE',
      input: recordOf(computeProject, { item: projectAnswer(P, P_NUMBER, { 'enable-oslogin': 'FALSE' }) }),
    },
  ],
  error: [{ name: 'not read', input: without(recordOf(computeProject, { item: NOTHING_SET }), 'os_login') }],
});

checkTester(serialPort, {
  pass: [
    { name: 'FALSE on the instance', input: good },
    { name: 'unset anywhere', input: vm({ metadata: {} }) },
  ],
  fail: [
    { name: 'TRUE on the instance', input: vm({ metadata: { 'serial-port-enable': '1' } }) },
    {
      name: 'inherited from the project',
      input: vm({ metadata: {} }, projectAnswer(P, P_NUMBER, { 'serial-port-enable': 'true' })),
      message: 'inherits',
    },
  ],
  error: [{ name: 'the project metadata could not be read', input: vm({ metadata: {} }, failedRead('x')) }],
});

checkTester(ipForwarding, {
  pass: [{ name: 'off', input: good }],
  fail: [{ name: 'on', input: vm({ canIpForward: true }) }],
  error: [
    {
      name: 'unreadable',
      input: { ...good, ext: { ...good.ext, can_ip_forward: 'yes' } } as ResourceRecord,
    },
  ],
  not_applicable: [{ name: 'a GKE node', input: gke }],
});

checkTester(csek, {
  pass: [{ name: 'every disk with a customer-supplied key', input: good }],
  fail: [{ name: 'Google-managed keys', input: vm({ csek: false }), message: 'vm, vm-data' }],
  error: [{ name: 'disks not read', input: without(good, 'disks_without_csek') }],
});

checkTester(shielded, {
  pass: [{ name: 'vTPM and integrity monitoring', input: good }],
  fail: [
    { name: 'not a Shielded VM', input: vm({ shielded: null }), message: 'vTPM and integrity monitoring' },
    { name: 'no integrity monitoring', input: vm({ shielded: { vtpm: true, integrity: false } }) },
  ],
  error: [{ name: 'not read', input: without(good, 'vtpm') }],
});

checkTester(publicIp, {
  pass: [{ name: 'internal only', input: good }],
  fail: [{ name: 'an external address', input: vm({ externalIp: '34.118.2.10' }), message: '34.118.2.10' }],
  error: [
    {
      name: 'interfaces not read',
      input: { ...good, com: { ...good.com, public_ips: undefined } } as unknown as ResourceRecord,
    },
  ],
  not_applicable: [{ name: 'a GKE node', input: gke }],
});

checkTester(confidential, {
  pass: [{ name: 'a Confidential VM', input: good }],
  fail: [{ name: 'an ordinary VM', input: vm({ confidential: false }) }],
  error: [{ name: 'not read', input: without(good, 'confidential_compute') }],
});
