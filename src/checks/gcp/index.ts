import type { AnyCheck } from '../../core/check.js';
import accessapprovalEnabled from './accessapproval/enabled.js';
import apikeysKeyRestrictedToApis from './apikeys/key-restricted-to-apis.js';
import apikeysKeyRotated from './apikeys/key-rotated.js';
import apikeysNoApiKeys from './apikeys/no-api-keys.js';
import cloudassetInventoryEnabled from './cloudasset/inventory-enabled.js';
import cloudkmsKeyDutiesSeparated from './cloudkms/key-duties-separated.js';
import cloudkmsKeyNotPublic from './cloudkms/key-not-public.js';
import cloudkmsKeyRotated from './cloudkms/key-rotated.js';
import computeFirewallNoRdpFromInternet from './compute/firewall-no-rdp-from-internet.js';
import computeFirewallNoSshFromInternet from './compute/firewall-no-ssh-from-internet.js';
import essentialcontactsConfigured from './essentialcontacts/configured.js';
import iamNoProjectLevelServiceAccountUser from './iam/no-project-level-service-account-user.js';
import iamServiceAccountDutiesSeparated from './iam/service-account-duties-separated.js';
import iamServiceAccountKeysRotated from './iam/service-account-keys-rotated.js';
import iamServiceAccountNoUserManagedKeys from './iam/service-account-no-user-managed-keys.js';
import iamServiceAccountNotAdmin from './iam/service-account-not-admin.js';
import loggingAuditLogsAllServices from './logging/audit-logs-all-services.js';
import loggingSinkExportsAllEntries from './logging/sink-exports-all-entries.js';
import monitoringAuditConfigChangesAlerted from './monitoring/audit-config-changes-alerted.js';
import monitoringCustomRoleChangesAlerted from './monitoring/custom-role-changes-alerted.js';
import monitoringFirewallChangesAlerted from './monitoring/firewall-changes-alerted.js';
import monitoringNetworkChangesAlerted from './monitoring/network-changes-alerted.js';
import monitoringProjectOwnershipChangesAlerted from './monitoring/project-ownership-changes-alerted.js';
import monitoringRouteChangesAlerted from './monitoring/route-changes-alerted.js';
import monitoringSqlConfigChangesAlerted from './monitoring/sql-config-changes-alerted.js';
import monitoringStorageIamChangesAlerted from './monitoring/storage-iam-changes-alerted.js';

/** Every Google Cloud check, by service. Add a new GCP check's import here. */
export const GCP_CHECKS: AnyCheck[] = [
  accessapprovalEnabled,
  apikeysKeyRestrictedToApis,
  apikeysKeyRotated,
  apikeysNoApiKeys,
  cloudassetInventoryEnabled,
  cloudkmsKeyDutiesSeparated,
  cloudkmsKeyNotPublic,
  cloudkmsKeyRotated,
  computeFirewallNoRdpFromInternet,
  computeFirewallNoSshFromInternet,
  essentialcontactsConfigured,
  iamNoProjectLevelServiceAccountUser,
  iamServiceAccountDutiesSeparated,
  iamServiceAccountKeysRotated,
  iamServiceAccountNoUserManagedKeys,
  iamServiceAccountNotAdmin,
  loggingAuditLogsAllServices,
  loggingSinkExportsAllEntries,
  monitoringAuditConfigChangesAlerted,
  monitoringCustomRoleChangesAlerted,
  monitoringFirewallChangesAlerted,
  monitoringNetworkChangesAlerted,
  monitoringProjectOwnershipChangesAlerted,
  monitoringRouteChangesAlerted,
  monitoringSqlConfigChangesAlerted,
  monitoringStorageIamChangesAlerted,
];
