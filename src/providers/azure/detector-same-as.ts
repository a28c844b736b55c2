/**
 * What Defender for Cloud recommends that a Cloudward check also reports: its recommendations
 * (assessments), by their documented display name, with the Cloudward checks of the same
 * setting. An unhealthy assessment so named, on a resource a failing one of them is about, is
 * shown as one finding with both sources (src/core/imported.ts). Display names, not assessment
 * keys, because Defender gives a built-in recommendation one name across its key's revisions (and
 * its Azure Defender / Microsoft Defender renaming is listed under both). Defender's security
 * alerts report activity, which no Cloudward check does: they have no entry.
 */
export const DEFENDER_ASSESSMENT_SAME_AS: Readonly<Record<string, readonly string[]>> = {
  // storage accounts (CIS Azure, storage section)
  'secure transfer to storage accounts should be enabled': ['azure.storage.account_secure_transfer_required'],
  'storage account public access should be disallowed': [
    'azure.storage.account_blob_anonymous_access_disabled',
  ],
  'storage accounts should restrict network access': ['azure.storage.account_default_network_action_deny'],
  'storage accounts should restrict network access using virtual network rules': [
    'azure.storage.account_default_network_action_deny',
  ],
  'storage accounts should prevent shared key access': ['azure.storage.account_shared_key_access_disabled'],
  'storage account should use a private link connection': ['azure.storage.account_private_endpoint_used'],
  // App Service
  'web application should only be accessible over https': ['azure.web.https_only'],
  'app service apps should only be accessible over https': ['azure.web.https_only'],
  // SQL and the open-source databases
  'auditing on sql server should be enabled': ['azure.sql.server_auditing_enabled'],
  'an azure active directory administrator should be provisioned for sql servers': [
    'azure.sql.server_entra_admin_configured',
  ],
  'public network access on azure sql database should be disabled': [
    'azure.sql.server_public_network_access_disabled',
  ],
  'sql servers should use customer-managed keys to encrypt data at rest': [
    'azure.sql.server_tde_customer_managed_key',
  ],
  'enforce ssl connection should be enabled for postgresql database servers': [
    'common.database.tls_enforced',
  ],
  'enforce ssl connection should be enabled for mysql database servers': ['common.database.tls_enforced'],
  // Defender for Cloud's own settings on the subscription (CIS Azure, Defender section)
  'subscriptions should have a contact email address for security issues': [
    'azure.defender.security_contact_email',
  ],
  'email notification for high severity alerts should be enabled': ['azure.defender.alert_notifications'],
  'email notification to subscription owner for high severity alerts should be enabled': [
    'azure.defender.owners_notified',
  ],
  'azure defender for servers should be enabled': ['azure.defender.servers_enabled'],
  'microsoft defender for servers should be enabled': ['azure.defender.servers_enabled'],
  'azure defender for storage should be enabled': ['azure.defender.storage_enabled'],
  'microsoft defender for storage should be enabled': ['azure.defender.storage_enabled'],
  'azure defender for key vault should be enabled': ['azure.defender.key_vault_enabled'],
  'microsoft defender for key vault should be enabled': ['azure.defender.key_vault_enabled'],
  'microsoft defender for containers should be enabled': ['azure.defender.containers_enabled'],
  'azure defender for app service should be enabled': ['azure.defender.app_service_enabled'],
  'microsoft defender for app service should be enabled': ['azure.defender.app_service_enabled'],
  'azure defender for azure sql database servers should be enabled': ['azure.defender.sql_databases_enabled'],
  'microsoft defender for azure sql database servers should be enabled': [
    'azure.defender.sql_databases_enabled',
  ],
  'azure defender for sql servers on machines should be enabled': [
    'azure.defender.sql_servers_on_machines_enabled',
  ],
  'microsoft defender for sql servers on machines should be enabled': [
    'azure.defender.sql_servers_on_machines_enabled',
  ],
  'azure defender for resource manager should be enabled': ['azure.defender.resource_manager_enabled'],
  'microsoft defender for resource manager should be enabled': ['azure.defender.resource_manager_enabled'],
  'azure defender for open-source relational databases should be enabled': [
    'azure.defender.open_source_databases_enabled',
  ],
  'microsoft defender for azure cosmos db should be enabled': ['azure.defender.cosmos_db_enabled'],
};

/** The Cloudward checks a Defender recommendation is, by its display name (any case). */
export function defenderAssessmentSameAs(displayName: string | null): string[] {
  if (!displayName) return [];
  return [...(DEFENDER_ASSESSMENT_SAME_AS[displayName.trim().toLowerCase()] ?? [])];
}
