import type { ResourceCheck } from '../../../core/check.js';
import { flexibleServerFirewallChecks } from '../flexible-server-firewall.js';
import { azureSettingCheck } from '../setting-check.js';

export const MYSQL_FLEXIBLE = 'azure.mysql.flexible_server';
const DOCS = 'https://learn.microsoft.com/azure/mysql/flexible-server/';
const PARAMETER_WRITES = [
  'Microsoft.DBforMySQL/flexibleServers/configurations/write',
  'Microsoft.DBforMySQL/flexibleServers/updateConfigurations/action',
];

const checks: ResourceCheck[] = [
  azureSettingCheck({
    id: 'azure.mysql.flexible_server_min_tls_1_2',
    title: 'MySQL flexible servers allow TLS 1.2 or later only',
    severity: 'medium',
    resource: MYSQL_FLEXIBLE,
    fact: 'min_tls_1_2',
    want: true,
    triggers: PARAMETER_WRITES,
    description: 'The MySQL flexible server allows TLS versions older than 1.2 (tls_version).',
    risk: 'Clients may negotiate TLS 1.0 or 1.1, whose weaknesses let traffic be decrypted or tampered with.',
    remediation: {
      text: 'Set the server parameter tls_version to TLSv1.2 (or TLSv1.2,TLSv1.3).',
      cli: 'az mysql flexible-server parameter set --resource-group <group> --server-name <server> --name tls_version --value TLSv1.2',
    },
    references: [`${DOCS}concepts-networking#tls-and-ssl`],
    passed: (n) => `${n} allows TLS 1.2 or later only`,
    failed: (n) => `${n} allows TLS versions older than 1.2`,
  }),
  azureSettingCheck({
    id: 'azure.mysql.flexible_server_audit_log_enabled',
    title: 'MySQL flexible servers have the audit log on',
    severity: 'medium',
    resource: MYSQL_FLEXIBLE,
    fact: 'audit_log_enabled',
    want: true,
    triggers: PARAMETER_WRITES,
    description: 'The MySQL flexible server does not write an audit log (audit_log_enabled is OFF).',
    risk: 'Connections, queries and administrative changes leave no trace to investigate an incident.',
    remediation: {
      text: 'Set the server parameter audit_log_enabled to ON, and send MySqlAuditLogs to a workspace through a diagnostic setting.',
      cli: 'az mysql flexible-server parameter set --resource-group <group> --server-name <server> --name audit_log_enabled --value ON',
    },
    references: [`${DOCS}concepts-audit-logs`],
    passed: (n) => `${n} has the audit log on`,
    failed: (n) => `${n} has the audit log off`,
  }),
  azureSettingCheck({
    id: 'azure.mysql.flexible_server_audit_log_connection_events',
    title: 'MySQL flexible servers audit connection events',
    severity: 'low',
    resource: MYSQL_FLEXIBLE,
    fact: 'audit_log_connection_events',
    want: true,
    triggers: PARAMETER_WRITES,
    description:
      'The audit log of the MySQL flexible server does not record connections (audit_log_events lacks CONNECTION).',
    risk: 'Logins, failed logins and disconnections are not recorded: password guessing and stolen credentials go unnoticed.',
    remediation: {
      text: 'Add CONNECTION to the server parameter audit_log_events.',
      cli: 'az mysql flexible-server parameter set --resource-group <group> --server-name <server> --name audit_log_events --value CONNECTION',
    },
    references: [`${DOCS}concepts-audit-logs`],
    passed: (n) => `${n} audits connection events`,
    failed: (n) => `${n} does not audit connection events`,
  }),
  ...flexibleServerFirewallChecks({
    engine: 'mysql',
    label: 'MySQL',
    resource: MYSQL_FLEXIBLE,
    namespace: 'Microsoft.DBforMySQL',
    cli: 'mysql',
    docs: DOCS,
  }),
];

export default checks;
