import mysqlSettings from '../../../src/checks/azure/mysql/flexible-server-settings.js';
import pgSettings from '../../../src/checks/azure/postgresql/flexible-server-settings.js';
import pgLogRetention from '../../../src/checks/azure/postgresql/log-retention.js';
import auditRetention from '../../../src/checks/azure/sql/audit-retention.js';
import sqlSettings from '../../../src/checks/azure/sql/server-settings.js';
import type { ResourceCheck } from '../../../src/core/check.js';
import { checkTester } from '../../helpers/check-tester.js';
import { azureRec } from './scope.js';

const server = (type: string, ext: Record<string, unknown>) => azureRec(type, ext, 'db-prod');

/** A check over one boolean fact: the compliant value passes, the other fails, unknown is an error with the reason. */
function booleanFacts(type: string, checks: ResourceCheck[], want: Record<string, boolean>): void {
  for (const check of checks) {
    const fact = check.facts?.[type]?.[0] as string;
    const good = want[fact];
    if (good === undefined) throw new Error(`${check.id}: no expectation for ${fact}`);
    checkTester(check, {
      pass: [{ name: `${fact} ${good}`, input: server(type, { [fact]: good }), message: 'db-prod' }],
      fail: [{ name: `${fact} ${!good}`, input: server(type, { [fact]: !good }), message: 'db-prod' }],
      error: [
        {
          name: 'the read failed',
          input: server(type, {
            [fact]: null,
            unknown_facts: {
              [fact]: 'AuthorizationFailed: The client does not have authorization (HTTP 403)',
            },
          }),
          message: 'AuthorizationFailed',
        },
        { name: 'a snapshot without the read', input: server(type, {}), message: fact },
      ],
    });
  }
}

booleanFacts('azure.sql.server', sqlSettings, {
  auditing_enabled: true,
  tde_customer_managed_key: true,
  entra_admin_configured: true,
  firewall_allows_any_ip: false,
  firewall_allows_azure_services: false,
  public_network_access_enabled: false,
  min_tls_1_2: true,
});

booleanFacts('azure.postgresql.flexible_server', pgSettings, {
  min_tls_1_2: true,
  log_checkpoints: true,
  connection_throttling: true,
  firewall_allows_any_ip: false,
  firewall_allows_azure_services: false,
});

booleanFacts('azure.mysql.flexible_server', mysqlSettings, {
  min_tls_1_2: true,
  audit_log_enabled: true,
  audit_log_connection_events: true,
  firewall_allows_any_ip: false,
  firewall_allows_azure_services: false,
});

const sql = (ext: Record<string, unknown>) => server('azure.sql.server', ext);
checkTester(auditRetention, {
  pass: [
    { name: '90 days', input: sql({ auditing_enabled: true, audit_retention_days: 90 }), message: '90 days' },
    {
      name: '0: without limit',
      input: sql({ auditing_enabled: true, audit_retention_days: 0 }),
      message: 'without limit',
    },
  ],
  fail: [
    {
      name: '30 days',
      input: sql({ auditing_enabled: true, audit_retention_days: 30 }),
      message: 'fewer than 90',
    },
  ],
  error: [
    {
      name: 'the auditing policy could not be read',
      input: sql({
        auditing_enabled: null,
        audit_retention_days: null,
        unknown_facts: { audit_retention_days: 'InternalServerError: boom (HTTP 500)' },
      }),
      message: 'InternalServerError',
    },
  ],
  not_applicable: [
    { name: 'auditing off', input: sql({ auditing_enabled: false, audit_retention_days: null }) },
  ],
});

const pg = (ext: Record<string, unknown>) => server('azure.postgresql.flexible_server', ext);
checkTester(pgLogRetention, {
  pass: [{ name: '7 days', input: pg({ log_retention_days: 7 }), message: '7 days' }],
  fail: [{ name: '3 days', input: pg({ log_retention_days: 3 }), message: '3 or fewer' }],
  error: [
    {
      name: 'the configurations could not be read',
      input: pg({
        log_retention_days: null,
        unknown_facts: { log_retention_days: 'AuthorizationFailed: no (HTTP 403)' },
      }),
      message: 'AuthorizationFailed',
    },
  ],
});
