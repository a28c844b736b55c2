import type { AnyCheck } from '../../core/check.js';
import authorizationNoCustomSubscriptionOwnerRole from './authorization/no-custom-subscription-owner-role.js';
import defenderAlertNotifications from './defender/alert-notifications.js';
import defenderApisEnabled from './defender/apis-enabled.js';
import defenderAppServiceEnabled from './defender/app-service-enabled.js';
import defenderAttackPathNotifications from './defender/attack-path-notifications.js';
import defenderContainersEnabled from './defender/containers-enabled.js';
import defenderCosmosDbEnabled from './defender/cosmos-db-enabled.js';
import defenderCspmEnabled from './defender/cspm-enabled.js';
import defenderEndpointProtection from './defender/endpoint-protection.js';
import defenderKeyVaultEnabled from './defender/key-vault-enabled.js';
import defenderOpenSourceDatabasesEnabled from './defender/open-source-databases-enabled.js';
import defenderOwnersNotified from './defender/owners-notified.js';
import defenderResourceManagerEnabled from './defender/resource-manager-enabled.js';
import defenderSecurityContactEmail from './defender/security-contact-email.js';
import defenderServersEnabled from './defender/servers-enabled.js';
import defenderSqlDatabasesEnabled from './defender/sql-databases-enabled.js';
import defenderSqlServersOnMachinesEnabled from './defender/sql-servers-on-machines-enabled.js';
import defenderStorageEnabled from './defender/storage-enabled.js';
import entraGuestAccessRestricted from './entra/guest-access-restricted.js';
import entraGuestInvitesRestricted from './entra/guest-invites-restricted.js';
import entraSecurityDefaultsEnabled from './entra/security-defaults-enabled.js';
import entraUserMfaRegistered from './entra/user-mfa-registered.js';
import entraUsersCannotCreateTenants from './entra/users-cannot-create-tenants.js';
import entraUsersCannotRegisterApps from './entra/users-cannot-register-apps.js';
import monitorActivityLogCategories from './monitor/activity-log-categories.js';
import monitorActivityLogExported from './monitor/activity-log-exported.js';
import monitorNsgDeleteAlert from './monitor/nsg-delete-alert.js';
import monitorNsgWriteAlert from './monitor/nsg-write-alert.js';
import monitorPolicyAssignmentDeleteAlert from './monitor/policy-assignment-delete-alert.js';
import monitorPolicyAssignmentWriteAlert from './monitor/policy-assignment-write-alert.js';
import monitorPublicIpDeleteAlert from './monitor/public-ip-delete-alert.js';
import monitorPublicIpWriteAlert from './monitor/public-ip-write-alert.js';
import monitorSecuritySolutionDeleteAlert from './monitor/security-solution-delete-alert.js';
import monitorSecuritySolutionWriteAlert from './monitor/security-solution-write-alert.js';
import monitorServiceHealthAlert from './monitor/service-health-alert.js';
import monitorSqlFirewallRuleDeleteAlert from './monitor/sql-firewall-rule-delete-alert.js';
import monitorSqlFirewallRuleWriteAlert from './monitor/sql-firewall-rule-write-alert.js';
import storageBlobAnonymousAccessDisabled from './storage/blob-anonymous-access-disabled.js';
import storageCrossTenantReplicationDisabled from './storage/cross-tenant-replication-disabled.js';
import storageDefaultNetworkActionDeny from './storage/default-network-action-deny.js';
import storageEntraAuthorizationDefault from './storage/entra-authorization-default.js';
import storageGeoRedundant from './storage/geo-redundant.js';
import storageKeyRotationReminder from './storage/key-rotation-reminder.js';
import storageMinTls12 from './storage/min-tls-1-2.js';
import storagePrivateEndpointUsed from './storage/private-endpoint-used.js';
import storagePublicNetworkAccessDisabled from './storage/public-network-access-disabled.js';
import storageSecureTransferRequired from './storage/secure-transfer-required.js';
import storageSharedKeyAccessDisabled from './storage/shared-key-access-disabled.js';
import storageTrustedServicesAllowed from './storage/trusted-services-allowed.js';

/** Every Azure check. Add a new Azure check's import here. */
export const AZURE_CHECKS: AnyCheck[] = [
  entraGuestAccessRestricted,
  entraGuestInvitesRestricted,
  entraSecurityDefaultsEnabled,
  entraUserMfaRegistered,
  entraUsersCannotCreateTenants,
  entraUsersCannotRegisterApps,
  authorizationNoCustomSubscriptionOwnerRole,
  storageBlobAnonymousAccessDisabled,
  storageCrossTenantReplicationDisabled,
  storageDefaultNetworkActionDeny,
  storageEntraAuthorizationDefault,
  storageGeoRedundant,
  storageKeyRotationReminder,
  storageMinTls12,
  storagePrivateEndpointUsed,
  storagePublicNetworkAccessDisabled,
  storageSecureTransferRequired,
  storageSharedKeyAccessDisabled,
  storageTrustedServicesAllowed,
  defenderSecurityContactEmail,
  defenderAlertNotifications,
  defenderApisEnabled,
  defenderAppServiceEnabled,
  defenderAttackPathNotifications,
  defenderContainersEnabled,
  defenderCosmosDbEnabled,
  defenderCspmEnabled,
  defenderEndpointProtection,
  defenderKeyVaultEnabled,
  defenderOpenSourceDatabasesEnabled,
  defenderOwnersNotified,
  defenderResourceManagerEnabled,
  defenderServersEnabled,
  defenderSqlDatabasesEnabled,
  defenderSqlServersOnMachinesEnabled,
  defenderStorageEnabled,
  monitorActivityLogCategories,
  monitorActivityLogExported,
  monitorNsgDeleteAlert,
  monitorNsgWriteAlert,
  monitorPolicyAssignmentDeleteAlert,
  monitorPolicyAssignmentWriteAlert,
  monitorPublicIpDeleteAlert,
  monitorPublicIpWriteAlert,
  monitorSecuritySolutionDeleteAlert,
  monitorSecuritySolutionWriteAlert,
  monitorServiceHealthAlert,
  monitorSqlFirewallRuleDeleteAlert,
  monitorSqlFirewallRuleWriteAlert,
];
