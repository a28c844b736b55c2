import notPublic from '../../../src/checks/gcp/storage/bucket-not-public.js';
import uniform from '../../../src/checks/gcp/storage/bucket-uniform-access.js';
import storageBucket from '../../../src/providers/gcp/resources/storage-bucket.js';
import { checkTester } from '../../helpers/check-tester.js';
import { bucket, bucketPolicy } from '../../providers/gcp/estate-workloads.js';
import { failedRead, P, P_NUMBER, recordOf, without } from './records.js';

const b = (uniformAccess: boolean, policy: unknown) =>
  recordOf(storageBucket, { item: bucket(P_NUMBER, 'b', uniformAccess), iamPolicy: policy });

checkTester(notPublic, {
  pass: [
    { name: 'project roles only', input: b(true, bucketPolicy(P, 'b')) },
    {
      name: 'a group',
      input: b(
        true,
        bucketPolicy(P, 'b', [{ role: 'roles/storage.objectViewer', members: ['group:ops@shop.example'] }]),
      ),
    },
  ],
  fail: [
    {
      name: 'allUsers can read objects',
      input: b(true, bucketPolicy(P, 'b', [{ role: 'roles/storage.objectViewer', members: ['allUsers'] }])),
      message: 'allUsers has roles/storage.objectViewer',
    },
    {
      name: 'allAuthenticatedUsers can write',
      input: b(
        false,
        bucketPolicy(P, 'b', [
          { role: 'roles/storage.objectCreator', members: ['allAuthenticatedUsers', 'user:a@shop.example'] },
        ]),
      ),
      message: 'allAuthenticatedUsers has roles/storage.objectCreator',
    },
  ],
  error: [
    {
      name: 'the policy could not be read',
      input: b(true, failedRead('storage.buckets.getIamPolicy')),
      message: 'PERMISSION_DENIED',
    },
    {
      name: 'the policy was not collected',
      input: recordOf(storageBucket, { item: bucket(P_NUMBER, 'b', true) }),
    },
  ],
});

checkTester(uniform, {
  pass: [{ name: 'uniform access', input: b(true, null) }],
  fail: [
    { name: 'object ACLs allowed', input: b(false, null) },
    {
      name: 'iamConfiguration left out',
      input: recordOf(storageBucket, {
        item: { ...bucket(P_NUMBER, 'b', true), iamConfiguration: undefined },
      }),
    },
  ],
  error: [{ name: 'not read', input: without(b(true, null), 'uniform_bucket_level_access') }],
});
