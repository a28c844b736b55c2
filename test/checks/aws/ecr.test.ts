import encryptedWithCmk from '../../../src/checks/aws/ecr/repository-encrypted-with-cmk.js';
import lifecyclePolicy from '../../../src/checks/aws/ecr/repository-lifecycle-policy.js';
import scanOnPush from '../../../src/checks/aws/ecr/repository-scan-on-push.js';
import tagsImmutable from '../../../src/checks/aws/ecr/repository-tags-immutable.js';
import { checkTester } from '../../helpers/check-tester.js';
import { rec } from './scope.js';

const repo = (ext: Record<string, unknown>) =>
  rec(
    'aws.ecr.repository',
    { repository_name: 'web/api', image_tag_mutability: 'IMMUTABLE', ...ext },
    { name: 'web/api' },
  );

checkTester(scanOnPush, {
  pass: [
    {
      name: 'a registry rule scans it',
      input: repo({ scan_on_push: true, scan_on_push_source: 'registry rule (BASIC SCAN_ON_PUSH)' }),
      message: 'registry rule',
    },
    {
      name: 'its own setting scans it',
      input: repo({ scan_on_push: true, scan_on_push_source: 'repository setting' }),
      message: 'repository setting',
    },
  ],
  fail: [{ name: 'nothing scans it', input: repo({ scan_on_push: false }), message: 'web/api' }],
  error: [
    {
      name: 'registry configuration unreadable',
      input: repo({
        scan_on_push: null,
        unknown_facts: { registryScanning: 'AccessDeniedException: not authorized' },
      }),
      message: 'AccessDeniedException',
    },
  ],
});

checkTester(tagsImmutable, {
  pass: [
    { name: 'immutable', input: repo({ image_tag_mutability: 'IMMUTABLE' }) },
    { name: 'immutable with exclusions', input: repo({ image_tag_mutability: 'IMMUTABLE_WITH_EXCLUSION' }) },
  ],
  fail: [
    { name: 'mutable', input: repo({ image_tag_mutability: 'MUTABLE' }), message: 'MUTABLE' },
    { name: 'mutable with exclusions', input: repo({ image_tag_mutability: 'MUTABLE_WITH_EXCLUSION' }) },
  ],
  error: [
    { name: 'setting missing', input: repo({ image_tag_mutability: null }) },
    {
      name: 'setting unknown to Cloudward',
      input: repo({ image_tag_mutability: 'SOMETIMES' }),
      message: 'SOMETIMES',
    },
  ],
});

checkTester(lifecyclePolicy, {
  pass: [{ name: 'has one', input: repo({ has_lifecycle_policy: true }) }],
  fail: [{ name: 'none', input: repo({ has_lifecycle_policy: false }), message: 'web/api' }],
  error: [
    {
      name: 'unreadable',
      input: repo({
        has_lifecycle_policy: null,
        unknown_facts: { lifecyclePolicy: 'AccessDeniedException: x' },
      }),
      message: 'AccessDeniedException',
    },
  ],
});

checkTester(encryptedWithCmk, {
  pass: [
    {
      name: 'customer key',
      input: repo({
        encryption_type: 'KMS',
        kms_key: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      }),
    },
  ],
  fail: [
    {
      name: 'AWS managed KMS key',
      input: repo({ encryption_type: 'KMS', kms_key: null }),
      message: 'default AWS managed key',
    },
  ],
  error: [{ name: 'encryption missing', input: repo({ encryption_type: null }) }],
  not_applicable: [{ name: 'AES256', input: repo({ encryption_type: 'AES256', kms_key: null }) }],
});
