import type { Normaliser } from '../../../core/provider.js';
import type { AzureCollector } from '../collector.js';
import type { AzureResource } from '../resource.js';
import authorizationLock from './authorization-lock.js';
import { rootRoleAssignments, subscriptionRoleAssignments } from './authorization-role-assignment.js';
import authorizationRoleDefinition from './authorization-role-definition.js';
import computeDisk from './compute-disk.js';
import computeVm from './compute-vm.js';
import databricksWorkspace from './databricks-workspace.js';
import {
  entraAuthorizationPolicy,
  entraConditionalAccessPolicies,
  entraSecurityDefaults,
  entraUserRegistration,
} from './entra.js';
import keyVault from './keyvault-vault.js';
import monitorActivityLogAlert from './monitor-activity-log-alert.js';
import monitorApplicationInsights from './monitor-application-insights.js';
import monitorDiagnosticSetting from './monitor-diagnostic-setting.js';
import monitorLogProfile from './monitor-log-profile.js';
import mysqlFlexibleServer from './mysql-flexible-server.js';
import networkApplicationGateway from './network-application-gateway.js';
import networkBastionHost from './network-bastion-host.js';
import networkNsg from './network-nsg.js';
import networkPublicIp from './network-public-ip.js';
import networkVirtualNetwork from './network-virtual-network.js';
import networkVirtualNetworkGateway from './network-virtual-network-gateway.js';
import networkWafPolicy from './network-waf-policy.js';
import { flowLogResource, networkWatcherResource } from './network-watcher.js';
import postgresqlFlexibleServer from './postgresql-flexible-server.js';
import securityContact from './security-contact.js';
import securityDefenderFindings from './security-defender-findings.js';
import securityPricing from './security-pricing.js';
import securitySetting from './security-setting.js';
import sqlServer from './sql-server.js';
import storageAccount from './storage-account.js';
import webSite from './web-site.js';

/** Every Azure resource type collected live, in the order their collections are reported. Add a new type here. */
export const AZURE_RESOURCES: readonly AzureResource[] = [
  entraSecurityDefaults,
  entraAuthorizationPolicy,
  entraConditionalAccessPolicies,
  entraUserRegistration,
  storageAccount,
  networkNsg,
  keyVault,
  securityPricing,
  securitySetting,
  securityContact,
  monitorDiagnosticSetting,
  monitorActivityLogAlert,
  monitorLogProfile,
  authorizationRoleDefinition,
  computeVm,
  webSite,
  subscriptionRoleAssignments,
  rootRoleAssignments,
  networkBastionHost,
  sqlServer,
  postgresqlFlexibleServer,
  mysqlFlexibleServer,
  networkVirtualNetwork,
  networkWatcherResource,
  flowLogResource,
  ...securityDefenderFindings,
  computeDisk,
  networkPublicIp,
  authorizationLock,
  networkApplicationGateway,
  networkWafPolicy,
  networkVirtualNetworkGateway,
  databricksWorkspace,
  monitorApplicationInsights,
];

export const AZURE_COLLECTORS: readonly AzureCollector[] = AZURE_RESOURCES.map((r) => r.collector);

export const AZURE_NORMALISERS: readonly Normaliser[] = AZURE_RESOURCES.map((r) => r.normaliser);

const BY_TYPE = new Map(AZURE_RESOURCES.map((r) => [r.collector.type, r]));

export function azureResource(type: string): AzureResource | undefined {
  return BY_TYPE.get(type);
}
