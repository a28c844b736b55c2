import auroraMysqlAudit from '../../../src/checks/aws/rds/aurora-mysql-cluster-exports-audit-logs.js';
import auroraPostgresLogs from '../../../src/checks/aws/rds/aurora-postgres-cluster-exports-logs.js';
import clusterAutoMinor from '../../../src/checks/aws/rds/cluster-auto-minor-version-upgrade.js';
import backtracking from '../../../src/checks/aws/rds/cluster-backtracking.js';
import clusterCopyTags from '../../../src/checks/aws/rds/cluster-copies-tags-to-snapshots.js';
import clusterAdmin from '../../../src/checks/aws/rds/cluster-custom-admin-username.js';
import clusterDeletion from '../../../src/checks/aws/rds/cluster-deletion-protection.js';
import clusterIam from '../../../src/checks/aws/rds/cluster-iam-authentication.js';
import clusterMultiAz from '../../../src/checks/aws/rds/cluster-multi-az.js';
import clusterSnapshotEncrypted from '../../../src/checks/aws/rds/cluster-snapshot-encrypted.js';
import clusterSnapshotPublic from '../../../src/checks/aws/rds/cluster-snapshot-not-public.js';
import clusterEncrypted from '../../../src/checks/aws/rds/cluster-storage-encrypted.js';
import subCluster from '../../../src/checks/aws/rds/event-subscription-covers-cluster-events.js';
import subInstance from '../../../src/checks/aws/rds/event-subscription-covers-instance-events.js';
import subParams from '../../../src/checks/aws/rds/event-subscription-covers-parameter-group-events.js';
import subSg from '../../../src/checks/aws/rds/event-subscription-covers-security-group-events.js';
import backups from '../../../src/checks/aws/rds/instance-automatic-backups.js';
import copyTags from '../../../src/checks/aws/rds/instance-copies-tags-to-snapshots.js';
import admin from '../../../src/checks/aws/rds/instance-custom-admin-username.js';
import deletion from '../../../src/checks/aws/rds/instance-deletion-protection.js';
import monitoring from '../../../src/checks/aws/rds/instance-enhanced-monitoring.js';
import iam from '../../../src/checks/aws/rds/instance-iam-authentication.js';
import inVpc from '../../../src/checks/aws/rds/instance-in-vpc.js';
import defaultPort from '../../../src/checks/aws/rds/instance-no-default-port.js';
import mariadbLogs from '../../../src/checks/aws/rds/mariadb-instance-exports-logs.js';
import postgresLogs from '../../../src/checks/aws/rds/postgres-instance-exports-logs.js';
import snapshotEncrypted from '../../../src/checks/aws/rds/snapshot-encrypted.js';
import snapshotPublic from '../../../src/checks/aws/rds/snapshot-not-public.js';
import sqlserverLogs from '../../../src/checks/aws/rds/sqlserver-instance-exports-logs.js';
import { checkTester } from '../../helpers/check-tester.js';
import { rec } from './scope.js';

const db = (ext: Record<string, unknown> = {}, engine = 'postgres') =>
  rec(
    'aws.rds.db_instance',
    {
      monitoring_interval: 60,
      deletion_protection: true,
      iam_auth: true,
      backup_retention_days: 7,
      copy_tags_to_snapshot: true,
      vpc_id: 'vpc-1',
      port: 6432,
      master_username: 'orders_admin',
      log_exports: ['postgresql', 'upgrade'],
      cluster_identifier: null,
      read_replica_source: null,
      ...ext,
    },
    { name: 'orders', com: { record_type: 'rdbms', engine } },
  );
const auroraMember = db({ cluster_identifier: 'c1' }, 'aurora-postgresql');

checkTester(monitoring, {
  pass: [{ name: 'every 60 s', input: db() }],
  fail: [{ name: 'off', input: db({ monitoring_interval: 0 }) }],
  error: [{ name: 'unknown', input: db({ monitoring_interval: null }) }],
});

checkTester(deletion, {
  pass: [{ name: 'on', input: db() }],
  fail: [{ name: 'off', input: db({ deletion_protection: false }) }],
  error: [{ name: 'unknown', input: db({ deletion_protection: null }) }],
});

checkTester(iam, {
  pass: [{ name: 'postgres with IAM auth', input: db() }],
  fail: [{ name: 'mysql without', input: db({ iam_auth: false }, 'mysql') }],
  error: [{ name: 'unknown', input: db({ iam_auth: null }) }],
  not_applicable: [
    { name: 'oracle', input: db({ iam_auth: false }, 'oracle-ee') },
    { name: 'Aurora member', input: auroraMember },
  ],
});

checkTester(backups, {
  pass: [
    { name: '7 days', input: db() },
    {
      name: '3 days, 3 required',
      input: db({ backup_retention_days: 3 }),
      params: { min_retention_days: 3 },
    },
  ],
  fail: [
    { name: 'off', input: db({ backup_retention_days: 0 }), message: 'off' },
    { name: '1 day', input: db({ backup_retention_days: 1 }), message: 'under 7' },
  ],
  error: [{ name: 'unknown', input: db({ backup_retention_days: null }) }],
  not_applicable: [
    { name: 'read replica', input: db({ backup_retention_days: 0, read_replica_source: 'orders-primary' }) },
    { name: 'Aurora member', input: auroraMember },
  ],
});

checkTester(copyTags, {
  pass: [{ name: 'copies', input: db() }],
  fail: [{ name: 'does not', input: db({ copy_tags_to_snapshot: false }) }],
  error: [{ name: 'unknown', input: db({ copy_tags_to_snapshot: null }) }],
  not_applicable: [{ name: 'Aurora member', input: auroraMember }],
});

checkTester(inVpc, {
  pass: [{ name: 'in a VPC', input: db() }],
  fail: [{ name: 'EC2-Classic', input: db({ vpc_id: null }) }],
});

checkTester(defaultPort, {
  pass: [{ name: 'custom port', input: db() }],
  fail: [
    { name: 'postgres on 5432', input: db({ port: 5432 }), message: '5432' },
    { name: 'sqlserver on 1433', input: db({ port: 1433 }, 'sqlserver-se') },
  ],
  error: [{ name: 'port unknown', input: db({ port: null }) }],
  not_applicable: [{ name: 'unknown engine', input: db({ port: 1 }, 'custom-engine') }],
});

checkTester(admin, {
  pass: [{ name: 'custom name', input: db() }],
  fail: [
    { name: 'postgres', input: db({ master_username: 'postgres' }) },
    { name: 'Admin', input: db({ master_username: 'Admin' }, 'mysql') },
  ],
  error: [{ name: 'unknown', input: db({ master_username: null }) }],
  not_applicable: [{ name: 'Aurora member', input: auroraMember }],
});

checkTester(postgresLogs, {
  pass: [{ name: 'exports postgresql', input: db() }],
  fail: [{ name: 'exports upgrade only', input: db({ log_exports: ['upgrade'] }), message: 'postgresql' }],
  error: [{ name: 'unknown', input: db({ log_exports: null }) }],
  not_applicable: [{ name: 'mysql', input: db({}, 'mysql') }],
});

checkTester(sqlserverLogs, {
  pass: [{ name: 'agent and error', input: db({ log_exports: ['agent', 'error'] }, 'sqlserver-ee') }],
  fail: [{ name: 'error only', input: db({ log_exports: ['error'] }, 'sqlserver-ex'), message: 'agent' }],
  error: [{ name: 'unknown', input: db({ log_exports: null }, 'sqlserver-web') }],
  not_applicable: [{ name: 'postgres', input: db() }],
});

checkTester(mariadbLogs, {
  pass: [{ name: 'audit and error', input: db({ log_exports: ['audit', 'error', 'slowquery'] }, 'mariadb') }],
  fail: [{ name: 'none', input: db({ log_exports: [] }, 'mariadb'), message: 'audit, error' }],
  error: [{ name: 'unknown', input: db({ log_exports: null }, 'mariadb') }],
  not_applicable: [{ name: 'postgres', input: db() }],
});

const cluster = (ext: Record<string, unknown> = {}, engine = 'aurora-mysql') =>
  rec(
    'aws.rds.db_cluster',
    {
      engine,
      deletion_protection: true,
      iam_auth: true,
      backtrack_window_seconds: 86400,
      multi_az: true,
      copy_tags_to_snapshot: true,
      master_username: 'app_owner',
      storage_encrypted: true,
      log_exports: ['audit', 'postgresql'],
      auto_minor_version_upgrade: true,
      ...ext,
    },
    { name: 'ledger' },
  );
const docdb = cluster({ deletion_protection: false, multi_az: false, storage_encrypted: false }, 'docdb');

for (const [check, fact] of [
  [clusterDeletion, 'deletion_protection'],
  [clusterIam, 'iam_auth'],
  [clusterMultiAz, 'multi_az'],
  [clusterCopyTags, 'copy_tags_to_snapshot'],
  [clusterEncrypted, 'storage_encrypted'],
] as const) {
  checkTester(check, {
    pass: [{ name: 'on', input: cluster() }],
    fail: [{ name: 'off', input: cluster({ [fact]: false }), message: 'ledger' }],
    error: [{ name: 'unknown', input: cluster({ [fact]: null }) }],
    not_applicable: [{ name: 'DocumentDB cluster', input: docdb }],
  });
}

checkTester(backtracking, {
  pass: [{ name: 'a day', input: cluster() }],
  fail: [{ name: 'off', input: cluster({ backtrack_window_seconds: 0 }) }],
  error: [{ name: 'unknown', input: cluster({ backtrack_window_seconds: null }) }],
  not_applicable: [
    { name: 'Aurora PostgreSQL', input: cluster({ backtrack_window_seconds: 0 }, 'aurora-postgresql') },
  ],
});

checkTester(clusterAdmin, {
  pass: [{ name: 'custom', input: cluster() }],
  fail: [{ name: 'admin', input: cluster({ master_username: 'admin' }), message: 'admin' }],
  error: [{ name: 'unknown', input: cluster({ master_username: null }) }],
  not_applicable: [{ name: 'Neptune', input: cluster({ master_username: 'admin' }, 'neptune') }],
});

checkTester(clusterAutoMinor, {
  pass: [{ name: 'Multi-AZ DB cluster, on', input: cluster({}, 'postgres') }],
  fail: [
    { name: 'Multi-AZ DB cluster, off', input: cluster({ auto_minor_version_upgrade: false }, 'mysql') },
  ],
  error: [{ name: 'unknown', input: cluster({ auto_minor_version_upgrade: null }, 'postgres') }],
  not_applicable: [{ name: 'Aurora (per instance)', input: cluster({ auto_minor_version_upgrade: null }) }],
});

checkTester(auroraMysqlAudit, {
  pass: [{ name: 'exports audit', input: cluster() }],
  fail: [{ name: 'exports slowquery only', input: cluster({ log_exports: ['slowquery'] }) }],
  error: [{ name: 'unknown', input: cluster({ log_exports: null }) }],
  not_applicable: [{ name: 'Aurora PostgreSQL', input: cluster({}, 'aurora-postgresql') }],
});

checkTester(auroraPostgresLogs, {
  pass: [{ name: 'exports postgresql', input: cluster({}, 'aurora-postgresql') }],
  fail: [{ name: 'exports nothing', input: cluster({ log_exports: [] }, 'aurora-postgresql') }],
  error: [{ name: 'unknown', input: cluster({ log_exports: null }, 'aurora-postgresql') }],
  not_applicable: [{ name: 'Aurora MySQL', input: cluster() }],
});

for (const [publicCheck, encryptedCheck, type] of [
  [snapshotPublic, snapshotEncrypted, 'aws.rds.db_snapshot'],
  [clusterSnapshotPublic, clusterSnapshotEncrypted, 'aws.rds.db_cluster_snapshot'],
] as const) {
  const snap = (ext: Record<string, unknown>) =>
    rec(type, { snapshot_type: 'manual', shared_with: [], encrypted: true, ...ext }, { name: 'snap-1' });
  checkTester(publicCheck, {
    pass: [
      { name: 'not shared', input: snap({}) },
      { name: 'shared with one account', input: snap({ shared_with: ['444455556666'] }), message: 'named' },
    ],
    fail: [{ name: 'restorable by all', input: snap({ shared_with: ['all'] }), message: 'any AWS account' }],
    error: [
      {
        name: 'attributes unreadable',
        input: snap({ shared_with: null, unknown_facts: { attributes: 'AccessDenied: no' } }),
        message: 'AccessDenied',
      },
    ],
  });
  checkTester(encryptedCheck, {
    pass: [{ name: 'encrypted', input: snap({}) }],
    fail: [{ name: 'plain', input: snap({ encrypted: false }) }],
    error: [{ name: 'unknown', input: snap({ encrypted: null }) }],
  });
}

const sub = (source_type: string | null, event_categories: string[], enabled = true) =>
  rec('aws.rds.event_subscription', { source_type, event_categories, enabled }, { name: 'dba-alerts' });

for (const [check, type, needed] of [
  [subCluster, 'db-cluster', ['failure', 'maintenance']],
  [subInstance, 'db-instance', ['failure', 'low storage', 'maintenance', 'configuration change']],
  [subParams, 'db-parameter-group', ['configuration change']],
  [subSg, 'db-security-group', ['configuration change', 'failure']],
] as const) {
  checkTester(check, {
    pass: [
      { name: 'every category', input: sub(type, []), message: 'every' },
      { name: 'the critical ones', input: sub(type, [...needed, 'notification']) },
    ],
    fail: [
      { name: 'disabled', input: sub(type, [], false), message: 'disabled' },
      { name: 'misses one', input: sub(type, needed.slice(1).length ? needed.slice(1) : ['deletion']) },
    ],
    error: [
      { name: 'unreadable', input: rec('aws.rds.event_subscription', { source_type: type, enabled: null }) },
    ],
    not_applicable: [{ name: 'another source type', input: sub('db-snapshot', []) }],
  });
}
