import { describe, expect, it } from 'vitest';
import { SQL_FLAG_CHECKS } from '../../../src/checks/gcp/sql/database-flags.js';
import backups from '../../../src/checks/gcp/sql/instance-backups.js';
import openNetworks from '../../../src/checks/gcp/sql/instance-no-open-authorized-networks.js';
import publicIp from '../../../src/checks/gcp/sql/instance-no-public-ip.js';
import sslRequired from '../../../src/checks/gcp/sql/instance-ssl-required.js';
import sqlInstance from '../../../src/providers/gcp/resources/sql-instance.js';
import { checkTester } from '../../helpers/check-tester.js';
import {
  GOOD_MYSQL_FLAGS,
  GOOD_POSTGRES_FLAGS,
  GOOD_SQLSERVER_FLAGS,
  type SqlSpec,
  sqlInstance as sqlAnswer,
} from '../../providers/gcp/estate-workloads.js';
import { P, recordOf, without } from './records.js';

const db = (spec: Partial<SqlSpec>) =>
  recordOf(sqlInstance, { item: sqlAnswer(P, { name: 'db', databaseVersion: 'MYSQL_8_0', ...spec }) });
const good = db({ flags: GOOD_MYSQL_FLAGS });

checkTester(sslRequired, {
  pass: [
    { name: 'ENCRYPTED_ONLY', input: good },
    { name: 'client certificates required', input: db({ sslMode: 'TRUSTED_CLIENT_CERTIFICATE_REQUIRED' }) },
  ],
  fail: [
    {
      name: 'unencrypted allowed',
      input: db({ sslMode: 'ALLOW_UNENCRYPTED_AND_ENCRYPTED' }),
      message: 'ALLOW_UNENCRYPTED',
    },
  ],
  error: [
    { name: 'not read', input: { ...without(good, 'ssl_mode'), com: { ...good.com, tls_enforced: null } } },
  ],
});

checkTester(openNetworks, {
  pass: [
    { name: 'no authorised network', input: good },
    { name: 'an office range', input: db({ publicIp: true, authorizedNetworks: ['203.0.113.0/24'] }) },
  ],
  fail: [
    {
      name: '0.0.0.0/0',
      input: db({ publicIp: true, authorizedNetworks: ['203.0.113.0/24', '0.0.0.0/0'] }),
      message: '0.0.0.0/0',
    },
  ],
  error: [{ name: 'not read', input: without(good, 'authorized_networks') }],
});

checkTester(publicIp, {
  pass: [{ name: 'private IP only', input: good }],
  fail: [{ name: 'a public IP', input: db({ publicIp: true }) }],
  error: [{ name: 'not read', input: without(good, 'ipv4_enabled') }],
  not_applicable: [
    {
      name: 'a read replica',
      input: recordOf(sqlInstance, {
        item: {
          ...sqlAnswer(P, { name: 'r', databaseVersion: 'MYSQL_8_0', publicIp: true }),
          instanceType: 'READ_REPLICA_INSTANCE',
        },
      }),
    },
  ],
});

checkTester(backups, {
  pass: [{ name: 'on', input: good }],
  fail: [{ name: 'off', input: db({ backups: false }) }],
  error: [{ name: 'not read', input: without(good, 'backups_enabled') }],
});

const ENGINES = {
  mysql: ['MYSQL_8_0', GOOD_MYSQL_FLAGS],
  postgres: ['POSTGRES_15', GOOD_POSTGRES_FLAGS],
  sqlserver: ['SQLSERVER_2019_STANDARD', GOOD_SQLSERVER_FLAGS],
} as const;

/** For each flag check: a wrong value (the first), and whether leaving the flag out is compliant. */
const WRONG: Record<string, [string, boolean]> = {
  mysql_skip_show_database_on: ['off', false],
  mysql_local_infile_off: ['on', false],
  postgres_log_error_verbosity: ['verbose', true],
  postgres_log_connections_on: ['off', false],
  postgres_log_disconnections_on: ['off', false],
  postgres_log_statement_ddl: ['none', false],
  postgres_log_min_messages_warning: ['error', true],
  postgres_log_min_error_statement_error: ['notice', true],
  postgres_log_min_duration_statement_off: ['250', true],
  postgres_pgaudit_on: ['off', false],
  sqlserver_external_scripts_off: ['on', true],
  sqlserver_cross_db_ownership_chaining_off: ['on', true],
  sqlserver_user_connections_unlimited: ['100', true],
  sqlserver_user_options_unset: ['32', true],
  sqlserver_remote_access_off: ['on', false],
  sqlserver_trace_flag_3625_on: ['off', false],
  sqlserver_contained_db_auth_off: ['on', true],
};

describe('every CIS database flag control has its check', () => {
  it('covers the 17 flags', () => {
    expect(SQL_FLAG_CHECKS.map((c) => c.id.replace('gcp.sql.', '')).sort()).toEqual(
      Object.keys(WRONG).sort(),
    );
  });
});

for (const check of SQL_FLAG_CHECKS) {
  const key = check.id.replace('gcp.sql.', '');
  const engine = key.split('_')[0] as keyof typeof ENGINES;
  const [version, goodFlags] = ENGINES[engine];
  const flag = Object.keys(goodFlags).find((f) => check.description.includes(`"${f}"`)) ?? 'user options';
  const [wrong, unsetOk] = WRONG[key] ?? ['?', false];
  const withFlags = (flags: Record<string, string>) => db({ databaseVersion: version, flags });
  const rest = Object.fromEntries(Object.entries(goodFlags).filter(([f]) => f !== flag));
  const other = engine === 'mysql' ? 'POSTGRES_15' : 'MYSQL_8_0';
  checkTester(check, {
    pass: [
      { name: 'the compliant value', input: withFlags(goodFlags) },
      ...(unsetOk ? [{ name: 'not set (the default)', input: withFlags(rest) }] : []),
    ],
    fail: [
      { name: `"${flag}" = ${wrong}`, input: withFlags({ ...rest, [flag]: wrong }), message: flag },
      ...(unsetOk ? [] : [{ name: 'not set', input: withFlags(rest), message: 'not set' }]),
    ],
    error: [{ name: 'flags not read', input: without(withFlags(goodFlags), 'database_flags') }],
    not_applicable: [{ name: 'another engine', input: db({ databaseVersion: other }) }],
  });
}
