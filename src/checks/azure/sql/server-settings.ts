import type { ResourceCheck } from '../../../core/check.js';
import { azureSettingCheck } from '../setting-check.js';
import { SQL_DOCS, SQL_SERVER, SQL_SERVER_WRITES } from './server.js';

/** The Azure SQL server settings judged on one boolean fact each. */
const checks: ResourceCheck[] = [
  azureSettingCheck({
    id: 'azure.sql.server_auditing_enabled',
    title: 'Azure SQL servers have auditing on',
    severity: 'medium',
    resource: SQL_SERVER,
    fact: 'auditing_enabled',
    want: true,
    triggers: ['Microsoft.Sql/servers/auditingSettings/write'],
    description: 'The server-level auditing policy of the Azure SQL server is off.',
    risk: 'Logins, queries and permission changes on every database of the server leave no audit trail to investigate a breach or prove who read what.',
    remediation: {
      text: 'Turn on server auditing, to a Log Analytics workspace, storage account or event hub.',
      cli: 'az sql server audit-policy update --resource-group <group> --name <server> --state Enabled --lats Enabled --lawri <workspace id>',
    },
    references: [`${SQL_DOCS}auditing-overview`],
    passed: (n) => `${n} has server auditing on`,
    failed: (n) => `${n} has server auditing off`,
  }),
  azureSettingCheck({
    id: 'azure.sql.server_tde_customer_managed_key',
    title: 'Azure SQL servers protect TDE with a customer-managed key',
    severity: 'low',
    resource: SQL_SERVER,
    fact: 'tde_customer_managed_key',
    want: true,
    triggers: ['Microsoft.Sql/servers/encryptionProtector/write'],
    description:
      "The server's transparent data encryption protector is a service-managed key, not a key in the organisation's Key Vault.",
    risk: 'The organisation cannot revoke access to the data by revoking the key, nor control its rotation and audit its use.',
    remediation: {
      text: "Set the server's TDE protector to a key in Azure Key Vault (or a managed HSM).",
      cli: 'az sql server tde-key set --resource-group <group> --server <server> --server-key-type AzureKeyVault --kid <key id>',
    },
    references: [`${SQL_DOCS}transparent-data-encryption-byok-overview`],
    passed: (n) => `${n} protects TDE with a Key Vault key`,
    failed: (n) => `${n} protects TDE with a service-managed key`,
  }),
  azureSettingCheck({
    id: 'azure.sql.server_entra_admin_configured',
    title: 'Azure SQL servers have a Microsoft Entra ID administrator',
    severity: 'medium',
    resource: SQL_SERVER,
    fact: 'entra_admin_configured',
    want: true,
    triggers: ['Microsoft.Sql/servers/administrators/write', 'Microsoft.Sql/servers/administrators/delete'],
    description:
      'The Azure SQL server has no Microsoft Entra ID administrator: only SQL logins can administer it.',
    risk: 'Database access cannot be managed centrally with Entra ID identities, MFA and conditional access; SQL passwords are shared and rotated by hand.',
    remediation: {
      text: 'Set a Microsoft Entra ID group as the server administrator.',
      cli: 'az sql server ad-admin create --resource-group <group> --server-name <server> --display-name <group name> --object-id <group object id>',
    },
    references: [`${SQL_DOCS}authentication-aad-configure`],
    passed: (n) => `${n} has an Entra ID administrator`,
    failed: (n) => `${n} has no Entra ID administrator`,
  }),
  azureSettingCheck({
    id: 'azure.sql.server_no_firewall_rule_open_to_internet',
    title: 'Azure SQL server firewalls do not admit every IP address',
    severity: 'high',
    resource: SQL_SERVER,
    fact: 'firewall_allows_any_ip',
    want: false,
    triggers: ['Microsoft.Sql/servers/firewallRules/write'],
    description:
      'A firewall rule of the Azure SQL server admits 0.0.0.0-255.255.255.255: any address on the internet.',
    risk: 'Anyone on the internet can reach the server and try passwords against it.',
    remediation: {
      text: 'Delete the rule and admit only the address ranges that need the server, or use private endpoints.',
      cli: 'az sql server firewall-rule delete --resource-group <group> --server <server> --name <rule>',
    },
    references: [`${SQL_DOCS}firewall-configure`],
    passed: (n) => `${n} has no firewall rule admitting every address`,
    failed: (n) => `${n} has a firewall rule admitting 0.0.0.0-255.255.255.255`,
  }),
  azureSettingCheck({
    id: 'azure.sql.server_azure_services_access_disabled',
    title: 'Azure SQL servers do not admit every Azure service',
    severity: 'medium',
    resource: SQL_SERVER,
    fact: 'firewall_allows_azure_services',
    want: false,
    triggers: ['Microsoft.Sql/servers/firewallRules/write'],
    description:
      'The Azure SQL server has the 0.0.0.0 firewall rule (AllowAllWindowsAzureIps, "Allow Azure services and resources to access this server").',
    risk: "Any resource in Azure, in any customer's subscription, can reach the server; only its login stands in the way.",
    remediation: {
      text: 'Delete the AllowAllWindowsAzureIps rule (turn off "Allow Azure services and resources to access this server") and admit the services that need the server through private endpoints or virtual network rules.',
      cli: 'az sql server firewall-rule delete --resource-group <group> --server <server> --name AllowAllWindowsAzureIps',
    },
    references: [`${SQL_DOCS}firewall-configure#connections-from-inside-azure`],
    passed: (n) => `${n} does not admit every Azure service`,
    failed: (n) => `${n} admits connections from every Azure service (0.0.0.0 rule)`,
  }),
  azureSettingCheck({
    id: 'azure.sql.server_public_network_access_disabled',
    title: 'Azure SQL servers deny public network access',
    severity: 'medium',
    resource: SQL_SERVER,
    fact: 'public_network_access_enabled',
    want: false,
    triggers: SQL_SERVER_WRITES,
    description:
      'The Azure SQL server accepts connections from public networks (through its firewall rules).',
    risk: 'The server is reachable from the internet; a firewall rule too wide, or a leaked login, exposes its data.',
    remediation: {
      text: 'Deny public network access and connect through private endpoints.',
      cli: 'az sql server update --resource-group <group> --name <server> --enable-public-network false',
    },
    references: [`${SQL_DOCS}connectivity-settings#deny-public-network-access`],
    passed: (n) => `${n} denies public network access`,
    failed: (n) => `${n} accepts connections from public networks`,
  }),
  azureSettingCheck({
    id: 'azure.sql.server_min_tls_1_2',
    title: 'Azure SQL servers require TLS 1.2 or later',
    severity: 'medium',
    resource: SQL_SERVER,
    fact: 'min_tls_1_2',
    want: true,
    triggers: SQL_SERVER_WRITES,
    description: 'The Azure SQL server accepts connections over TLS versions older than 1.2.',
    risk: 'Clients may negotiate TLS 1.0 or 1.1, whose weaknesses let traffic be decrypted or tampered with.',
    remediation: {
      text: 'Set the minimal TLS version of the server to 1.2.',
      cli: 'az sql server update --resource-group <group> --name <server> --minimal-tls-version 1.2',
    },
    references: [`${SQL_DOCS}connectivity-settings#minimal-tls-version`],
    passed: (n) => `${n} requires TLS 1.2 or later`,
    failed: (n) => `${n} accepts TLS versions older than 1.2`,
  }),
];

export default checks;
