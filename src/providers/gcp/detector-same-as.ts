/**
 * What Security Command Center's Security Health Analytics reports that a Cloudward check also
 * reports: its finding categories with the Cloudward checks of the same setting. A finding of
 * such a category, on a resource a failing one of them is about, is shown as one finding with both
 * sources (src/core/imported.ts). SCC also gives each finding the CIS GCP controls it fails
 * (`compliances: [{standard: "cis", version, ids}]`); those name Cloudward's requirement of the
 * same version where Cloudward has that framework. Threat findings (Event Threat Detection and
 * the like) report activity, which no Cloudward check does: they have no entry.
 */
export const SCC_CATEGORY_SAME_AS: Readonly<Record<string, readonly string[]>> = {
  // Cloud Storage
  PUBLIC_BUCKET_ACL: ['gcp.storage.bucket_not_public'],
  BUCKET_POLICY_ONLY_DISABLED: ['gcp.storage.bucket_uniform_access'],
  // firewall rules and networks
  OPEN_FIREWALL: ['common.network.no_sensitive_port_open_to_internet'],
  OPEN_SSH_PORT: [
    'gcp.compute.firewall_no_ssh_from_internet',
    'common.network.no_sensitive_port_open_to_internet',
  ],
  OPEN_RDP_PORT: [
    'gcp.compute.firewall_no_rdp_from_internet',
    'common.network.no_sensitive_port_open_to_internet',
  ],
  DEFAULT_NETWORK: ['gcp.compute.no_default_network'],
  LEGACY_NETWORK: ['gcp.compute.no_legacy_network'],
  FLOW_LOGS_DISABLED: ['gcp.compute.subnet_flow_logs_enabled'],
  PRIVATE_GOOGLE_ACCESS_DISABLED: ['gcp.compute.subnet_private_google_access'],
  WEAK_SSL_POLICY: ['gcp.compute.target_proxy_strong_tls'],
  DNS_LOGGING_DISABLED: ['gcp.dns.network_dns_logging_enabled'],
  DNSSEC_DISABLED: ['gcp.dns.zone_dnssec_enabled'],
  RSASHA1_FOR_SIGNING: ['gcp.dns.zone_ksk_not_rsasha1', 'gcp.dns.zone_zsk_not_rsasha1'],
  // Compute Engine instances and the project's settings
  PUBLIC_IP_ADDRESS: ['gcp.compute.instance_no_public_ip'],
  IP_FORWARDING_ENABLED: ['gcp.compute.instance_no_ip_forwarding'],
  OS_LOGIN_DISABLED: ['gcp.compute.instance_os_login_enabled', 'gcp.compute.project_os_login_enabled'],
  SERIAL_PORT_ENABLED: ['gcp.compute.instance_serial_port_disabled'],
  COMPUTE_PROJECT_WIDE_SSH_KEYS_ALLOWED: ['gcp.compute.instance_blocks_project_ssh_keys'],
  FULL_API_ACCESS: ['gcp.compute.instance_default_sa_no_full_api_access'],
  DEFAULT_SERVICE_ACCOUNT_USED: ['gcp.compute.instance_no_default_service_account'],
  SHIELDED_VM_DISABLED: ['gcp.compute.instance_shielded_vm'],
  CONFIDENTIAL_COMPUTING_DISABLED: ['gcp.compute.instance_confidential_computing'],
  // Cloud KMS, IAM, API keys
  KMS_KEY_NOT_ROTATED: ['gcp.cloudkms.key_rotated'],
  KMS_PUBLIC_KEY: ['gcp.cloudkms.key_not_public'],
  KMS_ROLE_SEPARATION: ['gcp.cloudkms.key_duties_separated'],
  SERVICE_ACCOUNT_ROLE_SEPARATION: ['gcp.iam.service_account_duties_separated'],
  SERVICE_ACCOUNT_KEY_NOT_ROTATED: ['gcp.iam.service_account_keys_rotated'],
  USER_MANAGED_SERVICE_ACCOUNT_KEY: ['gcp.iam.service_account_no_user_managed_keys'],
  ADMIN_SERVICE_ACCOUNT: ['gcp.iam.service_account_not_admin'],
  OVER_PRIVILEGED_SERVICE_ACCOUNT_USER: ['gcp.iam.no_project_level_service_account_user'],
  API_KEY_EXISTS: ['gcp.apikeys.no_api_keys'],
  API_KEY_APIS_UNRESTRICTED: ['gcp.apikeys.key_restricted_to_apis'],
  API_KEY_NOT_ROTATED: ['gcp.apikeys.key_rotated'],
  // logging
  AUDIT_LOGGING_DISABLED: ['gcp.logging.audit_logs_all_services'],
  LOCKED_RETENTION_POLICY_NOT_SET: ['gcp.logging.sink_bucket_retention_locked'],
  // BigQuery and Cloud SQL
  PUBLIC_DATASET: ['gcp.bigquery.dataset_not_public'],
  SQL_PUBLIC_IP: ['gcp.sql.instance_no_public_ip'],
  PUBLIC_SQL_INSTANCE: ['gcp.sql.instance_no_open_authorized_networks'],
  SSL_NOT_ENFORCED: ['gcp.sql.instance_ssl_required', 'common.database.tls_enforced'],
  AUTO_BACKUP_DISABLED: ['gcp.sql.instance_backups_enabled'],
  SQL_LOCAL_INFILE: ['gcp.sql.mysql_local_infile_off'],
  SQL_SKIP_SHOW_DATABASE_DISABLED: ['gcp.sql.mysql_skip_show_database_on'],
  SQL_LOG_CONNECTIONS_DISABLED: ['gcp.sql.postgres_log_connections_on'],
  SQL_LOG_DISCONNECTIONS_DISABLED: ['gcp.sql.postgres_log_disconnections_on'],
  SQL_LOG_MIN_DURATION_STATEMENT_ENABLED: ['gcp.sql.postgres_log_min_duration_statement_off'],
  SQL_LOG_MIN_ERROR_STATEMENT_SEVERITY: ['gcp.sql.postgres_log_min_error_statement_error'],
  SQL_LOG_MIN_MESSAGES: ['gcp.sql.postgres_log_min_messages_warning'],
  SQL_LOG_STATEMENT: ['gcp.sql.postgres_log_statement_ddl'],
  SQL_CONTAINED_DATABASE_AUTHENTICATION: ['gcp.sql.sqlserver_contained_db_auth_off'],
  SQL_CROSS_DB_OWNERSHIP_CHAINING: ['gcp.sql.sqlserver_cross_db_ownership_chaining_off'],
  SQL_EXTERNAL_SCRIPTS_ENABLED: ['gcp.sql.sqlserver_external_scripts_off'],
  SQL_REMOTE_ACCESS_ENABLED: ['gcp.sql.sqlserver_remote_access_off'],
  SQL_TRACE_FLAG_3625: ['gcp.sql.sqlserver_trace_flag_3625_on'],
  SQL_USER_CONNECTIONS_CONFIGURED: ['gcp.sql.sqlserver_user_connections_unlimited'],
  SQL_USER_OPTIONS_CONFIGURED: ['gcp.sql.sqlserver_user_options_unset'],
};

/** The CIS GCP versions Cloudward has a framework of (frameworks/cis-gcp-<version>.yaml). */
const CIS_GCP_FRAMEWORKS = new Set(['4.0', '5.0']);

/**
 * The Cloudward checks and requirements an SCC finding is: its category's checks, and the CIS
 * controls in its `compliances` of a CIS GCP version Cloudward has (`cis-gcp-5.0:3.6`).
 */
export function sccSameAs(category: string | null, compliances: unknown): string[] {
  const out = [...(SCC_CATEGORY_SAME_AS[category ?? ''] ?? [])];
  for (const c of Array.isArray(compliances) ? compliances : []) {
    if (!c || typeof c !== 'object') continue;
    const { standard, version, ids } = c as Record<string, unknown>;
    if (typeof standard !== 'string' || standard.toLowerCase() !== 'cis' || typeof version !== 'string')
      continue;
    const v = /^\d+\.\d+/.exec(version)?.[0];
    if (!v || !CIS_GCP_FRAMEWORKS.has(v) || !Array.isArray(ids)) continue;
    for (const id of ids) if (typeof id === 'string' && id) out.push(`cis-gcp-${v}:${id}`);
  }
  return [...new Set(out)];
}
