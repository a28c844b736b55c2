import autoMinor from '../../../src/checks/aws/rds/instance-auto-minor-version-upgrade.js';
import logExports from '../../../src/checks/aws/rds/instance-log-exports-enabled.js';
import multiAz from '../../../src/checks/aws/rds/instance-multi-az.js';
import notPublic from '../../../src/checks/aws/rds/instance-not-publicly-accessible.js';
import reachable from '../../../src/checks/aws/rds/instance-not-reachable-from-internet.js';
import encrypted from '../../../src/checks/aws/rds/instance-storage-encrypted.js';
import { checkTester } from '../../helpers/check-tester.js';
import { rec, scope } from './scope.js';

const db = (com: Record<string, unknown> = {}, ext: Record<string, unknown> = {}) =>
  rec(
    'aws.rds.db_instance',
    {
      auto_minor_version_upgrade: true,
      multi_az: true,
      log_exports: ['postgresql'],
      port: 5432,
      vpc_security_groups: ['sg-db'],
      ...ext,
    },
    {
      name: 'orders',
      com: {
        record_type: 'rdbms',
        engine: 'postgres',
        tls_enforced: true,
        min_tls_version: null,
        storage_encrypted: true,
        publicly_accessible: false,
        ...com,
      },
    },
  );

checkTester(encrypted, {
  pass: [{ name: 'encrypted', input: db() }],
  fail: [{ name: 'plain', input: db({ storage_encrypted: false }) }],
  error: [{ name: 'unknown', input: db({ storage_encrypted: null }) }],
});

checkTester(autoMinor, {
  pass: [{ name: 'on', input: db() }],
  fail: [{ name: 'off', input: db({}, { auto_minor_version_upgrade: false }) }],
  error: [{ name: 'unknown', input: db({}, { auto_minor_version_upgrade: null }) }],
});

checkTester(notPublic, {
  pass: [{ name: 'private', input: db() }],
  fail: [{ name: 'public', input: db({ publicly_accessible: true }) }],
  error: [{ name: 'unknown', input: db({ publicly_accessible: null }) }],
});

checkTester(multiAz, {
  pass: [{ name: 'Multi-AZ', input: db() }],
  fail: [{ name: 'single AZ', input: db({}, { multi_az: false }) }],
  error: [{ name: 'unknown', input: db({}, { multi_az: null }) }],
  not_applicable: [
    { name: 'Aurora member', input: db({ engine: 'aurora-postgresql' }, { multi_az: false }) },
    { name: 'cluster member', input: db({}, { multi_az: false, cluster_identifier: 'c1' }) },
  ],
});

checkTester(logExports, {
  pass: [{ name: 'exports logs', input: db() }],
  fail: [{ name: 'exports nothing', input: db({}, { log_exports: [] }) }],
  error: [{ name: 'unknown', input: db({}, { log_exports: null }) }],
});

const group = (id: string) => rec('aws.ec2.security_group', { group_id: id });
const rule = (id: string, sources: string[], ports: string[], protocol = 'tcp', direction = 'inbound') =>
  rec(
    'aws.ec2.security_group_rule',
    { group_id: id },
    {
      com: {
        record_type: 'firewall_rule',
        direction,
        access: 'allow',
        protocol,
        source_addresses: sources,
        destination_ports: ports,
        firewall: id,
        priority: null,
      },
    },
  );
const pub = db({ publicly_accessible: true });

checkTester(reachable, {
  pass: [
    {
      name: 'private database',
      input: scope([db(), group('sg-db'), rule('sg-db', ['0.0.0.0/0'], ['5432'])]),
    },
    {
      name: 'public but only the app tier may connect',
      input: scope([pub, group('sg-db'), rule('sg-db', ['sg-app'], ['5432'])]),
    },
    {
      name: 'public, internet on another port',
      input: scope([pub, group('sg-db'), rule('sg-db', ['0.0.0.0/0'], ['443'])]),
    },
    {
      name: 'public, open outbound only',
      input: scope([pub, group('sg-db'), rule('sg-db', ['0.0.0.0/0'], ['0-65535'], 'all', 'outbound')]),
    },
    { name: 'no databases', input: scope([group('sg-db')]) },
  ],
  fail: [
    {
      name: 'public and 5432 from 0.0.0.0/0',
      input: scope([pub, group('sg-db'), rule('sg-db', ['0.0.0.0/0'], ['5432'])]),
      message: '5432',
    },
    {
      name: 'public and all traffic from ::/0',
      input: scope([pub, group('sg-db'), rule('sg-db', ['::/0'], ['0-65535'], 'all')]),
    },
    {
      name: 'public and a port range from anywhere',
      input: scope([pub, group('sg-db'), rule('sg-db', ['0.0.0.0/0'], ['5000-6000'])]),
    },
  ],
  error: [
    { name: 'security group not read', input: scope([pub]), message: 'sg-db' },
    {
      name: 'port unknown',
      input: scope([db({ publicly_accessible: true }, { port: null }), group('sg-db')]),
    },
    { name: 'public flag unknown', input: scope([db({ publicly_accessible: null }), group('sg-db')]) },
  ],
});
