import logging from '../../../src/checks/aws/redshift/cluster-audit-logging.js';
import snapshots from '../../../src/checks/aws/redshift/cluster-automatic-snapshots.js';
import adminName from '../../../src/checks/aws/redshift/cluster-custom-admin-username.js';
import dbName from '../../../src/checks/aws/redshift/cluster-custom-database-name.js';
import encrypted from '../../../src/checks/aws/redshift/cluster-encrypted.js';
import vpcRouting from '../../../src/checks/aws/redshift/cluster-enhanced-vpc-routing.js';
import multiAz from '../../../src/checks/aws/redshift/cluster-multi-az.js';
import notPublic from '../../../src/checks/aws/redshift/cluster-not-public.js';
import tls from '../../../src/checks/aws/redshift/cluster-requires-tls.js';
import upgrades from '../../../src/checks/aws/redshift/cluster-version-upgrades.js';
import { checkTester } from '../../helpers/check-tester.js';
import { rec } from './scope.js';

const cluster = (ext: Record<string, unknown> = {}) =>
  rec(
    'aws.redshift.cluster',
    {
      publicly_accessible: false,
      encrypted: true,
      snapshot_retention_days: 7,
      allow_version_upgrade: true,
      enhanced_vpc_routing: true,
      master_username: 'warehouse_admin',
      database_name: 'analytics',
      multi_az: true,
      audit_logging: true,
      require_ssl: true,
      ...ext,
    },
    { name: 'warehouse' },
  );

for (const [check, fact] of [
  [encrypted, 'encrypted'],
  [logging, 'audit_logging'],
  [upgrades, 'allow_version_upgrade'],
  [vpcRouting, 'enhanced_vpc_routing'],
  [tls, 'require_ssl'],
  [multiAz, 'multi_az'],
] as const) {
  checkTester(check, {
    pass: [{ name: 'on', input: cluster() }],
    fail: [{ name: 'off', input: cluster({ [fact]: false }), message: 'warehouse' }],
    error: [
      {
        name: 'unknown',
        input: cluster({
          [fact]: null,
          unknown_facts: { logging: 'AccessDenied: no', parameters: 'AccessDenied: no' },
        }),
      },
    ],
  });
}

checkTester(notPublic, {
  pass: [{ name: 'private', input: cluster() }],
  fail: [{ name: 'public', input: cluster({ publicly_accessible: true }) }],
  error: [{ name: 'unknown', input: cluster({ publicly_accessible: null }) }],
});

checkTester(snapshots, {
  pass: [
    { name: '7 days', input: cluster() },
    {
      name: '1 day, 1 required',
      input: cluster({ snapshot_retention_days: 1 }),
      params: { min_retention_days: 1 },
    },
  ],
  fail: [
    { name: 'off', input: cluster({ snapshot_retention_days: 0 }) },
    { name: '3 days', input: cluster({ snapshot_retention_days: 3 }), message: 'under 7' },
  ],
  error: [{ name: 'unknown', input: cluster({ snapshot_retention_days: null }) }],
});

checkTester(adminName, {
  pass: [{ name: 'custom', input: cluster() }],
  fail: [{ name: 'awsuser', input: cluster({ master_username: 'awsuser' }), message: 'awsuser' }],
  error: [{ name: 'unknown', input: cluster({ master_username: null }) }],
});

checkTester(dbName, {
  pass: [{ name: 'custom', input: cluster() }],
  fail: [{ name: 'dev', input: cluster({ database_name: 'dev' }), message: 'dev' }],
  error: [{ name: 'unknown', input: cluster({ database_name: null }) }],
});
