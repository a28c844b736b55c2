import type { ResourceCheck } from '../../../core/check.js';
import { flexibleServerFirewallChecks } from '../flexible-server-firewall.js';
import { azureSettingCheck } from '../setting-check.js';

export const PG_FLEXIBLE = 'azure.postgresql.flexible_server';
const DOCS = 'https://learn.microsoft.com/azure/postgresql/flexible-server/';
const PARAMETER_WRITES = [
  'Microsoft.DBforPostgreSQL/flexibleServers/configurations/write',
  'Microsoft.DBforPostgreSQL/flexibleServers/updateConfigurations/action',
];

/** A server parameter a PostgreSQL flexible server should have on. */
function parameterOn(def: {
  id: string;
  title: string;
  fact: string;
  parameter: string;
  value: string;
  severity: 'low' | 'medium';
  description: string;
  risk: string;
  reference: string;
}): ResourceCheck {
  return azureSettingCheck({
    id: def.id,
    title: def.title,
    severity: def.severity,
    resource: PG_FLEXIBLE,
    fact: def.fact,
    want: true,
    triggers: PARAMETER_WRITES,
    description: def.description,
    risk: def.risk,
    remediation: {
      text: `Set the server parameter ${def.parameter} to ${def.value}.`,
      cli: `az postgres flexible-server parameter set --resource-group <group> --server-name <server> --name ${def.parameter} --value ${def.value}`,
    },
    references: [`${DOCS}${def.reference}`],
    passed: (n) => `${n} has ${def.parameter} ${def.value}`,
    failed: (n) => `${n} does not have ${def.parameter} ${def.value}`,
  });
}

const checks: ResourceCheck[] = [
  parameterOn({
    id: 'azure.postgresql.flexible_server_min_tls_1_2',
    title: 'PostgreSQL flexible servers require TLS 1.2 or later',
    fact: 'min_tls_1_2',
    parameter: 'ssl_min_protocol_version',
    value: 'TLSv1.2',
    severity: 'medium',
    description:
      'The PostgreSQL flexible server accepts TLS versions older than 1.2 (ssl_min_protocol_version).',
    risk: 'Clients may negotiate TLS 1.0 or 1.1, whose weaknesses let traffic be decrypted or tampered with.',
    reference: 'concepts-networking-ssl-tls',
  }),
  parameterOn({
    id: 'azure.postgresql.flexible_server_log_checkpoints',
    title: 'PostgreSQL flexible servers log checkpoints',
    fact: 'log_checkpoints',
    parameter: 'log_checkpoints',
    value: 'on',
    severity: 'low',
    description: 'The PostgreSQL flexible server does not log checkpoints (log_checkpoints is off).',
    risk: 'Checkpoint activity is missing from the server log, hiding performance problems and some signs of tampering or abuse.',
    reference: 'concepts-logging',
  }),
  parameterOn({
    id: 'azure.postgresql.flexible_server_connection_throttling',
    title: 'PostgreSQL flexible servers throttle failed logins',
    fact: 'connection_throttling',
    parameter: 'connection_throttle.enable',
    value: 'on',
    severity: 'low',
    description:
      'The PostgreSQL flexible server does not throttle repeated failed logins (connection_throttle.enable is off).',
    risk: 'Password guessing and connection floods go unslowed, exhausting connections or finding a weak password.',
    reference: 'concepts-server-parameters',
  }),
  ...flexibleServerFirewallChecks({
    engine: 'postgresql',
    label: 'PostgreSQL',
    resource: PG_FLEXIBLE,
    namespace: 'Microsoft.DBforPostgreSQL',
    cli: 'postgres',
    docs: DOCS,
  }),
];

export default checks;
