import type { ResourceCheck } from '../../../core/check.js';
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
  azureSettingCheck({
    id: 'azure.mysql.flexible_server_azure_services_access_disabled',
    title: 'MySQL flexible servers do not admit every Azure service',
    severity: 'medium',
    resource: MYSQL_FLEXIBLE,
    fact: 'firewall_allows_azure_services',
    want: false,
    triggers: ['Microsoft.DBforMySQL/flexibleServers/firewallRules/write'],
    description:
      'The MySQL flexible server has the 0.0.0.0 firewall rule ("Allow public access from any Azure service within Azure to this server").',
    risk: "Any resource in Azure, in any customer's subscription, can reach the server; only its login stands in the way.",
    remediation: {
      text: 'Delete the 0.0.0.0 firewall rule and admit only the ranges that need the server, or use private access.',
      cli: 'az mysql flexible-server firewall-rule delete --resource-group <group> --name <server> --rule-name <rule>',
    },
    references: [`${DOCS}concepts-firewall-rules`],
    passed: (n) => `${n} does not admit every Azure service`,
    failed: (n) => `${n} admits connections from every Azure service (0.0.0.0 rule)`,
  }),
  azureSettingCheck({
    id: 'azure.mysql.flexible_server_no_firewall_rule_open_to_internet',
    title: 'MySQL flexible server firewalls do not admit every IP address',
    severity: 'high',
    resource: MYSQL_FLEXIBLE,
    fact: 'firewall_allows_any_ip',
    want: false,
    triggers: ['Microsoft.DBforMySQL/flexibleServers/firewallRules/write'],
    description: 'A firewall rule of the MySQL flexible server admits 0.0.0.0-255.255.255.255.',
    risk: 'Anyone on the internet can reach the server and try passwords against it.',
    remediation: {
      text: 'Delete the rule and admit only the address ranges that need the server, or use private access.',
      cli: 'az mysql flexible-server firewall-rule delete --resource-group <group> --name <server> --rule-name <rule>',
    },
    references: [`${DOCS}concepts-firewall-rules`],
    passed: (n) => `${n} has no firewall rule admitting every address`,
    failed: (n) => `${n} has a firewall rule admitting 0.0.0.0-255.255.255.255`,
  }),
];

export default checks;
