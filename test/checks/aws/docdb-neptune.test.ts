import docdbBackups from '../../../src/checks/aws/docdb/cluster-backup-retention.js';
import docdbDeletion from '../../../src/checks/aws/docdb/cluster-deletion-protection.js';
import docdbEncrypted from '../../../src/checks/aws/docdb/cluster-encrypted.js';
import docdbAudit from '../../../src/checks/aws/docdb/cluster-exports-audit-logs.js';
import docdbSnapshotPublic from '../../../src/checks/aws/docdb/cluster-snapshot-not-public.js';
import neptuneBackups from '../../../src/checks/aws/neptune/cluster-backup-retention.js';
import neptuneCopyTags from '../../../src/checks/aws/neptune/cluster-copies-tags-to-snapshots.js';
import neptuneDeletion from '../../../src/checks/aws/neptune/cluster-deletion-protection.js';
import neptuneEncrypted from '../../../src/checks/aws/neptune/cluster-encrypted.js';
import neptuneAudit from '../../../src/checks/aws/neptune/cluster-exports-audit-logs.js';
import neptuneIam from '../../../src/checks/aws/neptune/cluster-iam-authentication.js';
import neptuneMultiAz from '../../../src/checks/aws/neptune/cluster-multi-az.js';
import neptuneSnapshotEncrypted from '../../../src/checks/aws/neptune/cluster-snapshot-encrypted.js';
import neptuneSnapshotPublic from '../../../src/checks/aws/neptune/cluster-snapshot-not-public.js';
import { checkTester } from '../../helpers/check-tester.js';
import { rec } from './scope.js';

const cluster = (engine: string, ext: Record<string, unknown> = {}) =>
  rec(
    'aws.rds.db_cluster',
    {
      engine,
      storage_encrypted: true,
      deletion_protection: true,
      backup_retention_days: 7,
      log_exports: ['audit'],
      iam_auth: true,
      copy_tags_to_snapshot: true,
      multi_az: true,
      ...ext,
    },
    { name: 'graph' },
  );
const snapshot = (engine: string, ext: Record<string, unknown> = {}) =>
  rec('aws.rds.db_cluster_snapshot', { engine, shared_with: [], encrypted: true, ...ext }, { name: 'snap' });

for (const [engine, other, checks] of [
  [
    'docdb',
    'neptune',
    [
      [docdbEncrypted, 'storage_encrypted'],
      [docdbDeletion, 'deletion_protection'],
    ],
  ],
  [
    'neptune',
    'docdb',
    [
      [neptuneEncrypted, 'storage_encrypted'],
      [neptuneDeletion, 'deletion_protection'],
      [neptuneIam, 'iam_auth'],
      [neptuneCopyTags, 'copy_tags_to_snapshot'],
      [neptuneMultiAz, 'multi_az'],
    ],
  ],
] as const) {
  for (const [check, fact] of checks) {
    checkTester(check, {
      pass: [{ name: 'on', input: cluster(engine) }],
      fail: [{ name: 'off', input: cluster(engine, { [fact]: false }), message: 'graph' }],
      error: [{ name: 'unknown', input: cluster(engine, { [fact]: null }) }],
      not_applicable: [{ name: `a ${other} cluster`, input: cluster(other, { [fact]: false }) }],
    });
  }
}

for (const [check, engine] of [
  [docdbBackups, 'docdb'],
  [neptuneBackups, 'neptune'],
] as const) {
  checkTester(check, {
    pass: [{ name: '7 days', input: cluster(engine) }],
    fail: [{ name: '1 day', input: cluster(engine, { backup_retention_days: 1 }), message: 'under 7' }],
    error: [{ name: 'unknown', input: cluster(engine, { backup_retention_days: null }) }],
    not_applicable: [
      { name: 'an Aurora cluster', input: cluster('aurora-mysql', { backup_retention_days: 1 }) },
    ],
  });
}

for (const [check, engine] of [
  [docdbAudit, 'docdb'],
  [neptuneAudit, 'neptune'],
] as const) {
  checkTester(check, {
    pass: [{ name: 'exports audit', input: cluster(engine) }],
    fail: [{ name: 'exports nothing', input: cluster(engine, { log_exports: [] }), message: 'audit' }],
    error: [{ name: 'unknown', input: cluster(engine, { log_exports: null }) }],
    not_applicable: [{ name: 'an Aurora cluster', input: cluster('aurora-postgresql', { log_exports: [] }) }],
  });
}

for (const [check, engine] of [
  [docdbSnapshotPublic, 'docdb'],
  [neptuneSnapshotPublic, 'neptune'],
] as const) {
  checkTester(check, {
    pass: [{ name: 'not shared', input: snapshot(engine) }],
    fail: [{ name: 'public', input: snapshot(engine, { shared_with: ['all'] }), message: 'any AWS account' }],
    error: [{ name: 'unreadable', input: snapshot(engine, { shared_with: null }) }],
    not_applicable: [
      { name: 'an Aurora snapshot', input: snapshot('aurora-mysql', { shared_with: ['all'] }) },
    ],
  });
}

checkTester(neptuneSnapshotEncrypted, {
  pass: [{ name: 'encrypted', input: snapshot('neptune') }],
  fail: [{ name: 'plain', input: snapshot('neptune', { encrypted: false }) }],
  error: [{ name: 'unknown', input: snapshot('neptune', { encrypted: null }) }],
  not_applicable: [{ name: 'a DocumentDB snapshot', input: snapshot('docdb', { encrypted: false }) }],
});
