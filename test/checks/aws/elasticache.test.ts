import autoMinor from '../../../src/checks/aws/elasticache/cluster-auto-minor-version-upgrade.js';
import backups from '../../../src/checks/aws/elasticache/cluster-automatic-backups.js';
import subnetGroup from '../../../src/checks/aws/elasticache/cluster-custom-subnet-group.js';
import failover from '../../../src/checks/aws/elasticache/replication-group-automatic-failover.js';
import atRest from '../../../src/checks/aws/elasticache/replication-group-encrypted-at-rest.js';
import inTransit from '../../../src/checks/aws/elasticache/replication-group-encrypted-in-transit.js';
import auth from '../../../src/checks/aws/elasticache/replication-group-requires-authentication.js';
import { checkTester } from '../../helpers/check-tester.js';
import { rec } from './scope.js';

const node = (ext: Record<string, unknown> = {}) =>
  rec(
    'aws.elasticache.cache_cluster',
    {
      engine: 'redis',
      snapshot_retention_days: 7,
      auto_minor_version_upgrade: true,
      subnet_group: 'cache-private',
      ...ext,
    },
    { name: 'sessions-001' },
  );

checkTester(backups, {
  pass: [{ name: '7 days', input: node() }],
  fail: [{ name: 'off', input: node({ snapshot_retention_days: 0 }), message: 'sessions-001' }],
  error: [{ name: 'unknown', input: node({ snapshot_retention_days: null }) }],
  not_applicable: [{ name: 'Memcached', input: node({ engine: 'memcached', snapshot_retention_days: 0 }) }],
});

checkTester(autoMinor, {
  pass: [{ name: 'on', input: node() }],
  fail: [{ name: 'off', input: node({ auto_minor_version_upgrade: false }) }],
  error: [{ name: 'unknown', input: node({ auto_minor_version_upgrade: null }) }],
});

checkTester(subnetGroup, {
  pass: [{ name: 'own group', input: node() }],
  fail: [
    { name: 'default group', input: node({ subnet_group: 'default' }), message: 'default' },
    { name: 'no VPC', input: node({ subnet_group: null }), message: 'VPC' },
  ],
});

const group = (ext: Record<string, unknown> = {}) =>
  rec(
    'aws.elasticache.replication_group',
    {
      at_rest_encryption: true,
      transit_encryption: true,
      automatic_failover_enabled: true,
      auth_token: false,
      user_groups: ['app-users'],
      ...ext,
    },
    { name: 'sessions' },
  );

for (const [check, fact] of [
  [atRest, 'at_rest_encryption'],
  [inTransit, 'transit_encryption'],
  [failover, 'automatic_failover_enabled'],
] as const) {
  checkTester(check, {
    pass: [{ name: 'on', input: group() }],
    fail: [{ name: 'off', input: group({ [fact]: false }), message: 'sessions' }],
    error: [{ name: 'unknown', input: group({ [fact]: null }) }],
  });
}

checkTester(auth, {
  pass: [
    { name: 'RBAC', input: group(), message: 'app-users' },
    { name: 'AUTH token', input: group({ auth_token: true, user_groups: [] }) },
  ],
  fail: [{ name: 'neither', input: group({ user_groups: [] }) }],
  error: [{ name: 'unknown', input: group({ auth_token: null }) }],
});
