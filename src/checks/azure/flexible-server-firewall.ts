import type { ResourceCheck } from '../../core/check.js';
import { azureSettingCheck } from './setting-check.js';

/** A flexible server engine (MySQL, PostgreSQL) whose firewall rules Azure keeps alike. */
export interface FlexibleServerEngine {
  /** the check id segment: azure.<engine>.flexible_server_… */
  engine: 'mysql' | 'postgresql';
  /** its name in prose: MySQL, PostgreSQL */
  label: string;
  /** the ext record type of its servers */
  resource: string;
  /** its Resource Manager namespace: Microsoft.DBforMySQL, Microsoft.DBforPostgreSQL */
  namespace: string;
  /** its az CLI group: mysql, postgres */
  cli: string;
  /** its documentation, ending in `/` */
  docs: string;
}

/** The two firewall checks every flexible server engine has: Azure services admitted, the internet admitted. */
export function flexibleServerFirewallChecks(e: FlexibleServerEngine): ResourceCheck[] {
  const triggers = [`${e.namespace}/flexibleServers/firewallRules/write`];
  const deleteRule = `az ${e.cli} flexible-server firewall-rule delete --resource-group <group> --name <server> --rule-name <rule>`;
  return [
    azureSettingCheck({
      id: `azure.${e.engine}.flexible_server_azure_services_access_disabled`,
      title: `${e.label} flexible servers do not admit every Azure service`,
      severity: 'medium',
      resource: e.resource,
      fact: 'firewall_allows_azure_services',
      want: false,
      triggers,
      description: `The ${e.label} flexible server has the 0.0.0.0 firewall rule ("Allow public access from any Azure service within Azure to this server").`,
      risk: "Any resource in Azure, in any customer's subscription, can reach the server; only its login stands in the way.",
      remediation: {
        text: 'Delete the 0.0.0.0 firewall rule and admit only the ranges that need the server, or use private access.',
        cli: deleteRule,
      },
      references: [`${e.docs}concepts-firewall-rules`],
      passed: (n) => `${n} does not admit every Azure service`,
      failed: (n) => `${n} admits connections from every Azure service (0.0.0.0 rule)`,
    }),
    azureSettingCheck({
      id: `azure.${e.engine}.flexible_server_no_firewall_rule_open_to_internet`,
      title: `${e.label} flexible server firewalls do not admit every IP address`,
      severity: 'high',
      resource: e.resource,
      fact: 'firewall_allows_any_ip',
      want: false,
      triggers,
      description: `A firewall rule of the ${e.label} flexible server admits 0.0.0.0-255.255.255.255.`,
      risk: 'Anyone on the internet can reach the server and try passwords against it.',
      remediation: {
        text: 'Delete the rule and admit only the address ranges that need the server, or use private access.',
        cli: deleteRule,
      },
      references: [`${e.docs}concepts-firewall-rules`],
      passed: (n) => `${n} has no firewall rule admitting every address`,
      failed: (n) => `${n} has a firewall rule admitting 0.0.0.0-255.255.255.255`,
    }),
  ];
}
