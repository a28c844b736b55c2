import automationLogging from '../../../src/checks/aws/ssm/automation-logging-enabled.js';
import docNotPublic from '../../../src/checks/aws/ssm/document-not-public.js';
import publicSharingBlocked from '../../../src/checks/aws/ssm/documents-public-sharing-blocked.js';
import instancesManaged from '../../../src/checks/aws/ssm/ec2-instances-managed.js';
import association from '../../../src/checks/aws/ssm/instance-association-compliant.js';
import patch from '../../../src/checks/aws/ssm/instance-patch-compliant.js';
import { checkTester } from '../../helpers/check-tester.js';
import { rec, scope, unreadable } from './scope.js';

const doc = (ext: Record<string, unknown>) =>
  rec(
    'aws.ssm.document',
    { public: false, shared_with: [], unknown_facts: {}, ...ext },
    { name: 'deploy-app' },
  );

checkTester(docNotPublic, {
  pass: [
    { name: 'private', input: doc({}) },
    { name: 'shared with one account', input: doc({ shared_with: ['444455556666'] }) },
  ],
  fail: [
    { name: 'public', input: doc({ public: true, shared_with: ['all'] }), message: 'every AWS account' },
  ],
  error: [
    {
      name: 'unreadable',
      input: doc({ public: null, shared_with: null, unknown_facts: { sharing: 'AccessDeniedException: x' } }),
      message: 'AccessDeniedException',
    },
  ],
});

const node = (ext: Record<string, unknown>) =>
  rec(
    'aws.ssm.managed_instance',
    { instance_id: 'i-1', patch_compliance: 'COMPLIANT', association_compliance: 'COMPLIANT', ...ext },
    { name: 'web-1' },
  );

for (const [check, fact] of [
  [patch, 'patch_compliance'],
  [association, 'association_compliance'],
] as const) {
  checkTester(check, {
    pass: [{ name: 'compliant', input: node({}) }],
    fail: [{ name: 'non-compliant', input: node({ [fact]: 'NON_COMPLIANT' }), message: 'NON_COMPLIANT' }],
    not_applicable: [{ name: 'no data of that type', input: node({ [fact]: null }) }],
  });
}

const instance = (id: string, state = 'running', region = 'us-east-1') =>
  rec('aws.ec2.instance', { instance_id: id }, { name: id, region, com: { state } });
const managed = (id: string, region = 'us-east-1') =>
  rec('aws.ssm.managed_instance', { instance_id: id }, { region });

checkTester(instancesManaged, {
  pass: [
    {
      name: 'every running instance is managed',
      input: scope([instance('i-1'), managed('i-1'), instance('i-2', 'stopped')]),
    },
    { name: 'no instances', input: scope([]) },
  ],
  fail: [{ name: 'an unmanaged instance', input: scope([instance('i-1'), managed('i-9')]), message: 'i-1' }],
  error: [
    {
      name: 'the managed nodes of its region are unreadable',
      input: scope([instance('i-1')], '111122223333', [unreadable('aws.ssm.managed_instance', 'us-east-1')]),
      message: 'could not be read',
    },
  ],
});

const settings = (ext: Record<string, unknown>) =>
  rec(
    'aws.ssm.service_settings',
    { public_sharing_blocked: true, automation_log_destination: 'CloudWatch', unknown_facts: {}, ...ext },
    { region: 'eu-west-1' },
  );

checkTester(publicSharingBlocked, {
  pass: [{ name: 'blocked', input: settings({}) }],
  fail: [{ name: 'allowed', input: settings({ public_sharing_blocked: false }), message: 'eu-west-1' }],
  error: [{ name: 'missing', input: settings({ public_sharing_blocked: null }) }],
});

checkTester(automationLogging, {
  pass: [{ name: 'CloudWatch', input: settings({}) }],
  fail: [{ name: 'none', input: settings({ automation_log_destination: 'None' }), message: 'None' }],
  error: [{ name: 'missing', input: settings({ automation_log_destination: null }) }],
});
