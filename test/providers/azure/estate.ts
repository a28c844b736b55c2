import { STORAGE_API_VERSION } from '../../../src/providers/azure/resources/storage-account.js';
import { SUBSCRIPTIONS_API_VERSION } from '../../../src/providers/azure/scopes.js';
import { armList, type FixtureRoutes } from './fixture-server.js';
import { subscriptionItem } from './helpers.js';

/**
 * A test estate in Azure's answer shapes, as fixture routes: subscriptions and the resources of
 * each, with every setting the checks read either compliant (`good`) or planted wrong (`bad`).
 * Resource shapes follow the Resource Manager REST API (2023-05-01 for storage) and the
 * recorded exchanges in ../shared/data/config/cloud-custodian/azure_vcr_cassettes.jsonl.
 */

export const rgId = (sub: string, rg: string) => `/subscriptions/${sub}/resourceGroups/${rg}`;

/** A storage account as GET .../storageAccounts lists it; `over` replaces properties. */
export function storageAccount(
  sub: string,
  rg: string,
  name: string,
  over: Record<string, unknown> = {},
  sku = 'Standard_RAGRS',
) {
  const id = `${rgId(sub, rg)}/providers/Microsoft.Storage/storageAccounts/${name}`;
  return {
    sku: { name: sku, tier: 'Standard' },
    kind: 'StorageV2',
    id,
    name,
    type: 'Microsoft.Storage/storageAccounts',
    location: 'westeurope',
    tags: { team: 'data' },
    properties: {
      keyCreationTime: { key1: '2026-10-01T09:12:44.0000000Z', key2: '2026-10-01T09:12:44.0000000Z' },
      keyPolicy: { keyExpirationPeriodInDays: 90 },
      allowCrossTenantReplication: false,
      privateEndpointConnections: [
        {
          id: `${id}/privateEndpointConnections/${name}.pe1`,
          name: `${name}.pe1`,
          type: 'Microsoft.Storage/storageAccounts/privateEndpointConnections',
          properties: {
            provisioningState: 'Succeeded',
            privateEndpoint: {
              id: `${rgId(sub, rg)}/providers/Microsoft.Network/privateEndpoints/${name}-pe`,
            },
            privateLinkServiceConnectionState: {
              status: 'Approved',
              description: 'Auto-Approved',
              actionRequired: 'None',
            },
          },
        },
      ],
      minimumTlsVersion: 'TLS1_2',
      allowBlobPublicAccess: false,
      allowSharedKeyAccess: false,
      defaultToOAuthAuthentication: true,
      publicNetworkAccess: 'Disabled',
      isHnsEnabled: false,
      networkAcls: { bypass: 'AzureServices', virtualNetworkRules: [], ipRules: [], defaultAction: 'Deny' },
      supportsHttpsTrafficOnly: true,
      encryption: {
        services: {
          file: { keyType: 'Account', enabled: true, lastEnabledTime: '2026-10-01T09:12:44.0000000Z' },
          blob: { keyType: 'Account', enabled: true, lastEnabledTime: '2026-10-01T09:12:44.0000000Z' },
        },
        keySource: 'Microsoft.Storage',
        requireInfrastructureEncryption: true,
      },
      accessTier: 'Hot',
      provisioningState: 'Succeeded',
      creationTime: '2026-10-01T09:12:43.0000000Z',
      primaryLocation: 'westeurope',
      statusOfPrimary: 'available',
      ...over,
    },
  };
}

/** Every storage account setting a check reads, planted wrong (an old account left on Azure's defaults). */
export const BAD_STORAGE_SETTINGS: Record<string, unknown> = {
  supportsHttpsTrafficOnly: false,
  minimumTlsVersion: 'TLS1_0',
  allowBlobPublicAccess: true,
  allowSharedKeyAccess: undefined,
  publicNetworkAccess: undefined,
  allowCrossTenantReplication: true,
  defaultToOAuthAuthentication: undefined,
  keyPolicy: undefined,
  privateEndpointConnections: [],
  networkAcls: { bypass: 'None', virtualNetworkRules: [], ipRules: [], defaultAction: 'Allow' },
};

/** The storage checks each planted setting breaks. */
export const STORAGE_CHECKS = [
  'azure.storage.account_secure_transfer_required',
  'azure.storage.account_min_tls_1_2',
  'azure.storage.account_blob_anonymous_access_disabled',
  'azure.storage.account_default_network_action_deny',
  'azure.storage.account_public_network_access_disabled',
  'azure.storage.account_shared_key_access_disabled',
  'azure.storage.account_cross_tenant_replication_disabled',
  'azure.storage.account_trusted_services_allowed',
  'azure.storage.account_entra_authorization_default',
  'azure.storage.account_key_rotation_reminder',
  'azure.storage.account_private_endpoint_used',
  'azure.storage.account_geo_redundant',
];

export const storageListKey = (sub: string) =>
  `arm /subscriptions/${sub}/providers/Microsoft.Storage/storageAccounts?api-version=${STORAGE_API_VERSION}`;

/** The routes of the subscription list. */
export function subscriptionRoutes(subs: [id: string, name: string, state?: string][]): FixtureRoutes {
  return {
    [`arm /subscriptions?api-version=${SUBSCRIPTIONS_API_VERSION}`]: armList(
      subs.map(([id, name, state]) => subscriptionItem(id, name, state)),
    ),
  };
}

const DEFENDER_PLANS = [
  'CloudPosture',
  'Api',
  'VirtualMachines',
  'Containers',
  'StorageAccounts',
  'AppServices',
  'CosmosDbs',
  'OpenSourceRelationalDatabases',
  'SqlServers',
  'SqlServerVirtualMachines',
  'KeyVaults',
  'Arm',
];

/** GET .../providers/Microsoft.Security/pricings (2024-01-01): every plan, on unless listed in `off`. */
export function pricings(sub: string, off: readonly string[] = []) {
  return {
    value: DEFENDER_PLANS.map((name) => ({
      id: `/subscriptions/${sub}/providers/Microsoft.Security/pricings/${name}`,
      name,
      type: 'Microsoft.Security/pricings',
      properties: {
        pricingTier: off.includes(name) ? 'Free' : 'Standard',
        freeTrialRemainingTime: 'PT0S',
        ...(name === 'VirtualMachines' && !off.includes(name) ? { subPlan: 'P2' } : {}),
      },
    })),
  };
}

/** GET .../providers/Microsoft.Security/settings (2022-05-01). */
export function securitySettings(sub: string, wdatp: boolean) {
  return {
    value: ['MCAS', 'WDATP', 'Sentinel'].map((name) => ({
      id: `/subscriptions/${sub}/providers/Microsoft.Security/settings/${name}`,
      name,
      type: 'Microsoft.Security/settings',
      kind: 'DataExportSettings',
      properties: { enabled: name === 'WDATP' ? wdatp : true },
    })),
  };
}

/** GET .../providers/Microsoft.Security/securityContacts (2023-12-01-preview). */
export function securityContacts(sub: string, over: Record<string, unknown> = {}) {
  return {
    value: [
      {
        id: `/subscriptions/${sub}/providers/Microsoft.Security/securityContacts/default`,
        name: 'default',
        type: 'Microsoft.Security/securityContacts',
        properties: {
          emails: 'secops@contoso.example;cloud-team@contoso.example',
          isEnabled: true,
          notificationsByRole: { state: 'On', roles: ['Owner'] },
          notificationsSources: [
            { sourceType: 'Alert', minimalSeverity: 'Medium' },
            { sourceType: 'AttackPath', minimalRiskLevel: 'Critical' },
          ],
          ...over,
        },
      },
    ],
  };
}

/** GET /subscriptions/{id}/providers/Microsoft.Insights/diagnosticSettings (2021-05-01-preview). */
export function activityLogDiagnostics(sub: string, categories: readonly string[]) {
  return {
    value: [
      {
        id: `/subscriptions/${sub}/providers/microsoft.insights/diagnosticSettings/to-sentinel`,
        type: 'Microsoft.Insights/diagnosticSettings',
        name: 'to-sentinel',
        location: null,
        properties: {
          workspaceId: `/subscriptions/${sub}/resourceGroups/monitoring/providers/Microsoft.OperationalInsights/workspaces/central`,
          logs: [
            'Administrative',
            'Security',
            'ServiceHealth',
            'Alert',
            'Recommendation',
            'Policy',
            'Autoscale',
            'ResourceHealth',
          ].map((category) => ({ category, enabled: categories.includes(category) })),
        },
      },
    ],
  };
}

/** The operations CIS asks an Activity Log alert for. */
export const ALERTED_OPERATIONS = [
  'Microsoft.Authorization/policyAssignments/write',
  'Microsoft.Authorization/policyAssignments/delete',
  'Microsoft.Network/networkSecurityGroups/write',
  'Microsoft.Network/networkSecurityGroups/delete',
  'Microsoft.Security/securitySolutions/write',
  'Microsoft.Security/securitySolutions/delete',
  'Microsoft.Sql/servers/firewallRules/write',
  'Microsoft.Sql/servers/firewallRules/delete',
  'Microsoft.Network/publicIPAddresses/write',
  'Microsoft.Network/publicIPAddresses/delete',
];

/** An Activity Log alert rule (2020-10-01) on the whole subscription. */
export function activityLogAlert(
  sub: string,
  name: string,
  condition: { operation?: string; category?: string },
) {
  const allOf = [
    { field: 'category', equals: condition.category ?? 'Administrative' },
    ...(condition.operation ? [{ field: 'operationName', equals: condition.operation }] : []),
  ];
  return {
    id: `${rgId(sub, 'monitoring')}/providers/Microsoft.Insights/activityLogAlerts/${name}`,
    type: 'Microsoft.Insights/ActivityLogAlerts',
    name,
    location: 'Global',
    tags: {},
    properties: {
      scopes: [`/subscriptions/${sub}`],
      condition: { allOf },
      actions: {
        actionGroups: [
          {
            actionGroupId: `${rgId(sub, 'monitoring')}/providers/microsoft.insights/actionGroups/secops`,
            webhookProperties: {},
          },
        ],
      },
      enabled: true,
      description: '',
    },
  };
}

/** A custom role definition (2022-04-01). */
export function customRole(sub: string, name: string, actions: string[]) {
  const id = `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${name}`;
  return {
    id,
    type: 'Microsoft.Authorization/roleDefinitions',
    name,
    properties: {
      roleName: name,
      type: 'CustomRole',
      description: '',
      assignableScopes: [`/subscriptions/${sub}`],
      permissions: [{ actions, notActions: [], dataActions: [], notDataActions: [] }],
      createdOn: '2026-01-10T10:00:00.0000000Z',
      updatedOn: '2026-01-10T10:00:00.0000000Z',
    },
  };
}

/** GET /v1.0/reports/authenticationMethods/userRegistrationDetails: one user. */
export function userRegistrationItem(id: string, upn: string, mfa: boolean) {
  return {
    id,
    userPrincipalName: upn,
    userDisplayName: upn.split('@')[0],
    userType: 'member',
    isAdmin: false,
    isSsprRegistered: mfa,
    isSsprEnabled: false,
    isSsprCapable: false,
    isMfaRegistered: mfa,
    isMfaCapable: mfa,
    isPasswordlessCapable: false,
    methodsRegistered: mfa ? ['microsoftAuthenticatorPush'] : [],
    isSystemPreferredAuthenticationMethodEnabled: false,
    systemPreferredAuthenticationMethods: [],
    userPreferredMethodForSecondaryAuthentication: mfa ? 'push' : 'none',
    lastUpdatedDateTime: '2026-11-30T08:00:00Z',
  };
}

/** The route keys of the subscription-level reads, by resource type. */
export const routeKey = {
  pricings: (sub: string) =>
    `arm /subscriptions/${sub}/providers/Microsoft.Security/pricings?api-version=2024-01-01`,
  settings: (sub: string) =>
    `arm /subscriptions/${sub}/providers/Microsoft.Security/settings?api-version=2022-05-01`,
  contacts: (sub: string) =>
    `arm /subscriptions/${sub}/providers/Microsoft.Security/securityContacts?api-version=2023-12-01-preview`,
  diagnostics: (sub: string) =>
    `arm /subscriptions/${sub}/providers/Microsoft.Insights/diagnosticSettings?api-version=2021-05-01-preview`,
  alerts: (sub: string) =>
    `arm /subscriptions/${sub}/providers/Microsoft.Insights/activityLogAlerts?api-version=2020-10-01`,
  roles: (sub: string) =>
    `arm /subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions?api-version=2022-04-01`,
  securityDefaults: 'graph /v1.0/policies/identitySecurityDefaultsEnforcementPolicy',
  authorizationPolicy: 'graph /v1.0/policies/authorizationPolicy',
  conditionalAccess: 'graph /v1.0/identity/conditionalAccess/policies',
  userRegistration: 'graph /v1.0/reports/authenticationMethods/userRegistrationDetails',
};
