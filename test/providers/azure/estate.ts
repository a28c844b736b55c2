import { ROLE_ASSIGNMENTS_API_VERSION } from '../../../src/providers/azure/resources/authorization-role-assignment.js';
import { COMPUTE_API_VERSION, DISK_API_VERSION } from '../../../src/providers/azure/resources/compute-vm.js';
import {
  KEYVAULT_API_VERSION,
  KEYVAULT_DATA_API_VERSION,
} from '../../../src/providers/azure/resources/keyvault-vault.js';
import { NETWORK_API_VERSION } from '../../../src/providers/azure/resources/network-nsg.js';
import { STORAGE_API_VERSION } from '../../../src/providers/azure/resources/storage-account.js';
import {
  RESOURCE_DIAGNOSTICS_API_VERSION,
  WEB_API_VERSION,
} from '../../../src/providers/azure/resources/web-site.js';
import {
  MANAGEMENT_GROUPS_API_VERSION,
  SUBSCRIPTIONS_API_VERSION,
} from '../../../src/providers/azure/scopes.js';
import { armList, type FixtureRoutes, vaultList } from './fixture-server.js';
import { subscriptionItem } from './helpers.js';
import { TEST_TENANT } from './tokens.js';

/**
 * A test estate in Azure's answer shapes, as fixture routes: subscriptions and the resources of
 * each, with every setting the checks read either compliant (`good`) or planted wrong (`bad`).
 * Resource shapes follow the Resource Manager REST API (2023-05-01 for storage) and the
 * recorded exchanges in ../shared/data/config/cloud-custodian/azure_vcr_cassettes.jsonl.
 */

export const rgId = (sub: string, rg: string) => `/subscriptions/${sub}/resourceGroups/${rg}`;

/** A time `days` before now as Azure writes it (seven fractional digits), for facts that are ages. */
export const daysAgo = (days: number) =>
  new Date(Date.now() - days * 86_400_000).toISOString().replace(/\.(\d{3})Z$/, '.$10000Z');

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
      keyCreationTime: { key1: daysAgo(10), key2: daysAgo(10) },
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
  // key1 last regenerated over a year ago; key2 never since Azure began recording creation times
  keyCreationTime: { key1: daysAgo(400), key2: null },
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
  'azure.storage.account_access_keys_rotated',
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
    // every tenant has a root group, which every Azure scan reads for the subscriptions' places
    ...rootGroupRoutes(
      TEST_TENANT,
      subs.map(([id]) => id),
    ),
  };
}

const managementGroupId = (id: string) => `/providers/Microsoft.Management/managementGroups/${id}`;

/** The fixture keys of a tenant root group's GET and of its descendants list. */
export function rootGroupKeys(tenant: string): { root: string; descendants: string } {
  const query = `?api-version=${MANAGEMENT_GROUPS_API_VERSION}`;
  return {
    root: `arm ${managementGroupId(tenant)}${query}`,
    descendants: `arm ${managementGroupId(tenant)}/descendants${query}`,
  };
}

/** A descendant as the descendants list answers it: a group or a subscription, with its parent group. */
export function groupDescendant(
  kind: 'group' | 'subscription',
  id: string,
  displayName: string,
  parent: string,
) {
  return {
    id: kind === 'group' ? managementGroupId(id) : `/subscriptions/${id}`,
    type:
      kind === 'group'
        ? 'Microsoft.Management/managementGroups'
        : 'Microsoft.Management/managementGroups/subscriptions',
    name: id,
    properties: { displayName, parent: { id: managementGroupId(parent) } },
  };
}

/**
 * A tenant whose subscriptions all sit directly under the tenant root group, as the root group
 * GET and its descendants list (Microsoft.Management 2023-04-01) answer it.
 */
export function rootGroupRoutes(tenant: string, subs: readonly string[]): FixtureRoutes {
  const keys = rootGroupKeys(tenant);
  return {
    [keys.root]: {
      body: {
        id: managementGroupId(tenant),
        type: 'Microsoft.Management/managementGroups',
        name: tenant,
        properties: { tenantId: tenant, displayName: 'Tenant Root Group' },
      },
    },
    [keys.descendants]: armList(subs.map((id) => groupDescendant('subscription', id, id, tenant))),
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

/** One security rule as Azure answers it inside an NSG (securityRules[] or defaultSecurityRules[]). */
export function securityRule(
  nsgId: string,
  name: string,
  p: {
    access?: string;
    direction?: string;
    protocol?: string;
    source?: string;
    ports?: string | string[];
    priority: number;
  },
  kind: 'securityRules' | 'defaultSecurityRules' = 'securityRules',
) {
  const ports = p.ports ?? '*';
  return {
    name,
    id: `${nsgId}/${kind}/${name}`,
    etag: 'W/"00000000-0000-0000-0000-00000000e7a9"',
    type: `Microsoft.Network/networkSecurityGroups/${kind}`,
    properties: {
      provisioningState: 'Succeeded',
      protocol: p.protocol ?? 'Tcp',
      sourcePortRange: '*',
      destinationPortRange: Array.isArray(ports) ? undefined : ports,
      sourceAddressPrefix: p.source ?? '*',
      destinationAddressPrefix: '*',
      access: p.access ?? 'Allow',
      priority: p.priority,
      direction: p.direction ?? 'Inbound',
      sourcePortRanges: [],
      destinationPortRanges: Array.isArray(ports) ? ports : [],
      sourceAddressPrefixes: [],
      destinationAddressPrefixes: [],
    },
  };
}

/** A network security group as GET .../networkSecurityGroups lists it, with Azure's six default rules. */
export function networkSecurityGroup(
  sub: string,
  rg: string,
  name: string,
  rules: (nsgId: string) => ReturnType<typeof securityRule>[],
) {
  const id = `${rgId(sub, rg)}/providers/Microsoft.Network/networkSecurityGroups/${name}`;
  const d = (n: string, p: Parameters<typeof securityRule>[2]) =>
    securityRule(id, n, p, 'defaultSecurityRules');
  return {
    name,
    id,
    etag: 'W/"00000000-0000-0000-0000-00000000e7a9"',
    type: 'Microsoft.Network/networkSecurityGroups',
    location: 'westeurope',
    tags: {},
    properties: {
      provisioningState: 'Succeeded',
      resourceGuid: '00000000-0000-4000-8000-00000000e7a9',
      securityRules: rules(id),
      defaultSecurityRules: [
        d('AllowVnetInBound', { protocol: '*', source: 'VirtualNetwork', priority: 65000 }),
        d('AllowAzureLoadBalancerInBound', { protocol: '*', source: 'AzureLoadBalancer', priority: 65001 }),
        d('DenyAllInBound', { protocol: '*', access: 'Deny', priority: 65500 }),
        d('AllowVnetOutBound', {
          protocol: '*',
          source: 'VirtualNetwork',
          direction: 'Outbound',
          priority: 65000,
        }),
        d('AllowInternetOutBound', { protocol: '*', direction: 'Outbound', priority: 65001 }),
        d('DenyAllOutBound', { protocol: '*', access: 'Deny', direction: 'Outbound', priority: 65500 }),
      ],
      subnets: [{ id: `${rgId(sub, rg)}/providers/Microsoft.Network/virtualNetworks/vnet/subnets/${name}` }],
    },
  };
}

/** An NSG whose rules admit only what the CIS section 7 checks allow: SSH from a VPN range, HTTPS from the VNet. */
export const goodNsg = (sub: string, rg: string, name: string) =>
  networkSecurityGroup(sub, rg, name, (id) => [
    securityRule(id, 'ssh-from-vpn', { source: '10.20.0.0/16', ports: '22', priority: 100 }),
    securityRule(id, 'https-from-vnet', { source: 'VirtualNetwork', ports: '443', priority: 110 }),
    securityRule(id, 'deny-rdp', { source: '*', ports: '3389', access: 'Deny', priority: 120 }),
  ]);

/** One NSG rule per CIS section 7 port check, each open to the internet, and the checks it breaks. */
export const BAD_NSG_RULES: [rule: string, props: Parameters<typeof securityRule>[2], checks: string[]][] = [
  [
    'rdp-anywhere',
    { source: '*', ports: '3389', priority: 100 },
    ['azure.network.nsg_rdp_not_open_to_internet'],
  ],
  [
    'ssh-internet',
    { source: 'Internet', ports: '22', priority: 110 },
    ['azure.network.nsg_ssh_not_open_to_internet'],
  ],
  [
    'dns-udp',
    { source: '0.0.0.0/0', protocol: 'Udp', ports: '53', priority: 120 },
    ['azure.network.nsg_udp_not_open_to_internet'],
  ],
  [
    'web-any',
    { source: 'Any', ports: ['80', '443'], priority: 130 },
    ['azure.network.nsg_http_not_open_to_internet'],
  ],
];

export const badNsg = (sub: string, rg: string, name: string) =>
  networkSecurityGroup(sub, rg, name, (id) => BAD_NSG_RULES.map(([n, p]) => securityRule(id, n, p)));

export const nsgListKey = (sub: string) =>
  `arm /subscriptions/${sub}/providers/Microsoft.Network/networkSecurityGroups?api-version=${NETWORK_API_VERSION}`;

const TENANT_ID = '00000000-0000-0000-0000-0000000000a1';

/** A key vault as GET .../vaults lists it (api-version 2023-07-01); `over` replaces properties. */
export function keyVault(sub: string, rg: string, name: string, over: Record<string, unknown> = {}) {
  const id = `${rgId(sub, rg)}/providers/Microsoft.KeyVault/vaults/${name}`;
  return {
    id,
    name,
    type: 'Microsoft.KeyVault/vaults',
    location: 'westeurope',
    tags: {},
    properties: {
      sku: { family: 'A', name: 'standard' },
      tenantId: TENANT_ID,
      accessPolicies: [],
      enabledForDeployment: false,
      enabledForDiskEncryption: false,
      enabledForTemplateDeployment: false,
      enableSoftDelete: true,
      softDeleteRetentionInDays: 90,
      enableRbacAuthorization: true,
      enablePurgeProtection: true,
      vaultUri: `https://${name}.vault.azure.net/`,
      provisioningState: 'Succeeded',
      publicNetworkAccess: 'Disabled',
      networkAcls: { bypass: 'AzureServices', defaultAction: 'Deny', ipRules: [], virtualNetworkRules: [] },
      privateEndpointConnections: [
        {
          id: `${id}/privateEndpointConnections/${name}-pe`,
          properties: {
            provisioningState: 'Succeeded',
            privateEndpoint: {
              id: `${rgId(sub, rg)}/providers/Microsoft.Network/privateEndpoints/${name}-pe`,
            },
            privateLinkServiceConnectionState: { status: 'Approved', actionsRequired: 'None' },
          },
        },
      ],
      ...over,
    },
  };
}

/** A vault left on old defaults: access policies, no purge protection, public, no private endpoint. */
export const BAD_VAULT_SETTINGS: Record<string, unknown> = {
  enableRbacAuthorization: undefined,
  enablePurgeProtection: undefined,
  publicNetworkAccess: undefined,
  networkAcls: undefined,
  privateEndpointConnections: [],
  accessPolicies: [
    {
      tenantId: TENANT_ID,
      objectId: '00000000-0000-0000-0000-0000000000b2',
      permissions: { keys: ['Get', 'List'], secrets: ['Get', 'List'], certificates: [] },
    },
  ],
};

const EXPIRES = 1_830_297_600; // 2028-01-01T00:00:00Z, seconds since the epoch as Azure gives it
const CREATED = 1_790_000_000;

/** A key or secret as the Resource Manager list below a vault answers it (no value is ever in it). */
export function vaultEntry(
  vaultId: string,
  kind: 'keys' | 'secrets',
  name: string,
  attributes: { enabled?: boolean; expires?: boolean } = {},
) {
  const vaultName = vaultId.split('/').pop() as string;
  const uri = `https://${vaultName}.vault.azure.net/${kind}/${name}`;
  return {
    id: `${vaultId}/${kind}/${name}`,
    name,
    type: `Microsoft.KeyVault/vaults/${kind}`,
    location: 'westeurope',
    properties: {
      attributes: {
        enabled: attributes.enabled ?? true,
        created: CREATED,
        updated: CREATED,
        ...(attributes.expires === false ? {} : { exp: EXPIRES }),
        ...(kind === 'keys' ? { recoveryLevel: 'Recoverable', exportable: false } : {}),
      },
      ...(kind === 'keys'
        ? {
            kty: 'RSA',
            keyOps: ['encrypt', 'decrypt'],
            keySize: 2048,
            keyUri: uri,
            keyUriWithVersion: `${uri}/0a1b2c`,
          }
        : { contentType: 'text/plain', secretUri: uri, secretUriWithVersion: `${uri}/0a1b2c` }),
    },
  };
}

export const keyVaultListKey = (sub: string) =>
  `arm /subscriptions/${sub}/providers/Microsoft.KeyVault/vaults?api-version=${KEYVAULT_API_VERSION}`;

export const vaultEntriesKey = (vault: { id: string }, kind: 'keys' | 'secrets') =>
  `arm ${vault.id}/${kind}?api-version=${KEYVAULT_API_VERSION}`;

/**
 * A key as GET {vault}/keys/{name} answers it (api-version 2023-07-01): the list item plus the
 * rotation policy Azure adds when the key has one. `rotate` false leaves a policy that only
 * notifies (no Rotate action); null leaves the policy out.
 */
export function vaultKey(vaultId: string, name: string, rotate: boolean | null) {
  const entry = vaultEntry(vaultId, 'keys', name);
  if (rotate === null) return entry;
  const notify = { trigger: { timeBeforeExpiry: 'P30D' }, action: { type: 'notify' } };
  return {
    ...entry,
    properties: {
      ...entry.properties,
      rotationPolicy: {
        attributes: { created: CREATED, updated: CREATED, expiryTime: 'P1Y' },
        lifetimeActions: rotate
          ? [{ trigger: { timeBeforeExpiry: 'P60D' }, action: { type: 'rotate' } }, notify]
          : [notify],
      },
    },
  };
}

export const vaultKeyKey = (vault: { id: string }, name: string) =>
  `arm ${vault.id}/keys/${name}?api-version=${KEYVAULT_API_VERSION}`;

export const vaultDiagnosticsKey = (vault: { id: string }) =>
  `arm ${vault.id}/providers/Microsoft.Insights/diagnosticSettings?api-version=${RESOURCE_DIAGNOSTICS_API_VERSION}`;

/**
 * GET {vault}/providers/Microsoft.Insights/diagnosticSettings (2021-05-01-preview): a setting
 * sending the audit category group to a workspace, or (`audit` false) one sending only the
 * policy evaluation details.
 */
export function vaultDiagnostics(vaultId: string, audit: boolean) {
  const sub = vaultId.split('/')[2] as string;
  return {
    value: [
      {
        id: `${vaultId}/providers/microsoft.insights/diagnosticSettings/to-workspace`,
        type: 'Microsoft.Insights/diagnosticSettings',
        name: 'to-workspace',
        location: null,
        properties: {
          workspaceId: `${rgId(sub, 'monitoring')}/providers/Microsoft.OperationalInsights/workspaces/central`,
          logs: [
            {
              category: null,
              categoryGroup: 'audit',
              enabled: audit,
              retentionPolicy: { enabled: false, days: 0 },
            },
            {
              category: 'AzurePolicyEvaluationDetails',
              categoryGroup: null,
              enabled: true,
              retentionPolicy: { enabled: false, days: 0 },
            },
          ],
          metrics: [{ category: 'AllMetrics', enabled: true, retentionPolicy: { enabled: false, days: 0 } }],
          logAnalyticsDestinationType: null,
        },
      },
    ],
  };
}

const MONTH = 2_629_800; // seconds in an average month

/** A certificate as the Key Vault data plane lists it (GET {vault}/certificates, 7.4): no content. */
export function vaultCertificate(vaultName: string, name: string, months: number, enabled = true) {
  const nbf = CREATED;
  return {
    id: `https://${vaultName}.vault.azure.net/certificates/${name}`,
    x5t: 'fLi3U52HunIVNXubkEnf8tP6Wbo',
    attributes: { enabled, nbf, exp: nbf + Math.round(months * MONTH), created: nbf, updated: nbf },
    tags: {},
  };
}

/** A certificate's issuance policy as GET {vault}/certificates/{name}/policy answers it (7.4). */
export function certificatePolicy(vaultName: string, name: string, months: number) {
  return {
    id: `https://${vaultName}.vault.azure.net/certificates/${name}/policy`,
    key_props: { exportable: true, kty: 'RSA', key_size: 2048, reuse_key: false },
    secret_props: { contentType: 'application/x-pkcs12' },
    x509_props: {
      subject: `CN=${name}.contoso.example`,
      sans: { dns_names: [`${name}.contoso.example`] },
      ekus: ['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2'],
      key_usage: ['digitalSignature', 'keyEncipherment'],
      validity_months: months,
      basic_constraints: { ca: false },
    },
    lifetime_actions: [{ trigger: { lifetime_percentage: 80 }, action: { action_type: 'AutoRenew' } }],
    issuer: { name: 'Self' },
    attributes: { enabled: true, created: CREATED, updated: CREATED },
  };
}

export const vaultCertificatesKey = (vaultName: string) =>
  `keyvault /${vaultName}/certificates?api-version=${KEYVAULT_DATA_API_VERSION}`;

export const certificatePolicyKey = (vaultName: string, name: string) =>
  `keyvault /${vaultName}/certificates/${name}/policy?api-version=${KEYVAULT_DATA_API_VERSION}`;

/**
 * The data-plane routes of a vault's certificates: each `[name, validity months, enabled]` is
 * listed (`pageSize` a page, Key Vault's own nextLink) and its policy answered.
 */
export function vaultCertificateRoutes(
  vaultName: string,
  certs: [name: string, months: number, enabled?: boolean][],
  pageSize = 25,
): FixtureRoutes {
  const routes: FixtureRoutes = {
    [vaultCertificatesKey(vaultName)]: vaultList(
      vaultName,
      certs.map(([name, months, enabled]) => vaultCertificate(vaultName, name, months, enabled)),
      { pageSize },
    ),
  };
  for (const [name, months] of certs)
    routes[certificatePolicyKey(vaultName, name)] = { body: certificatePolicy(vaultName, name, months) };
  return routes;
}

/**
 * The routes of a vault list and each vault's keys and secrets, each enabled key's own GET and
 * the vault's diagnostic settings, and its certificates on the data plane: `expiring` vaults are
 * compliant (their enabled entries all expire, a disabled one without expiry does not count;
 * their keys rotate; their audit log goes to a workspace; their enabled certificates are issued
 * for 12 months, a disabled 5-year one does not count), the others have one enabled key and one
 * enabled secret that never expire, that key only notifies before expiry, their diagnostic
 * setting leaves the audit log out, and one certificate is issued for 24 months.
 */
export function keyVaultRoutes(
  sub: string,
  vaults: { vault: ReturnType<typeof keyVault>; expiring: boolean }[],
): FixtureRoutes {
  const routes: FixtureRoutes = { [keyVaultListKey(sub)]: armList(vaults.map((v) => v.vault)) };
  for (const { vault, expiring } of vaults) {
    for (const kind of ['keys', 'secrets'] as const) {
      routes[vaultEntriesKey(vault, kind)] = armList(
        [
          vaultEntry(vault.id, kind, `${kind}-expiring`),
          vaultEntry(vault.id, kind, `${kind}-retired`, { enabled: false, expires: false }),
          ...(expiring ? [] : [vaultEntry(vault.id, kind, `${kind}-forever`, { expires: false })]),
        ],
        { pageSize: 2 },
      );
    }
    routes[vaultKeyKey(vault, 'keys-expiring')] = { body: vaultKey(vault.id, 'keys-expiring', true) };
    if (!expiring)
      routes[vaultKeyKey(vault, 'keys-forever')] = { body: vaultKey(vault.id, 'keys-forever', false) };
    routes[vaultDiagnosticsKey(vault)] = { body: vaultDiagnostics(vault.id, expiring) };
    Object.assign(
      routes,
      vaultCertificateRoutes(vault.name, [
        ['web', 12],
        ['retired', 60, false],
        ...(expiring ? [] : ([['legacy', 24]] as [string, number][])),
      ]),
    );
  }
  return routes;
}

/** The blob service of an account as GET {account}/blobServices/default answers it. */
export function blobService(accountId: string, good: boolean) {
  return {
    id: `${accountId}/blobServices/default`,
    name: 'default',
    type: 'Microsoft.Storage/storageAccounts/blobServices',
    sku: { name: 'Standard_RAGRS', tier: 'Standard' },
    properties: good
      ? {
          cors: { corsRules: [] },
          deleteRetentionPolicy: { allowPermanentDelete: false, enabled: true, days: 14 },
          containerDeleteRetentionPolicy: { enabled: true, days: 14 },
          isVersioningEnabled: true,
          changeFeed: { enabled: true },
        }
      : // an account left on the service defaults: no container policy, no versioning in the answer
        { cors: { corsRules: [] }, deleteRetentionPolicy: { allowPermanentDelete: false, enabled: false } },
  };
}

/** The file service of an account as GET {account}/fileServices/default answers it. */
export function fileService(accountId: string, good: boolean) {
  return {
    id: `${accountId}/fileServices/default`,
    name: 'default',
    type: 'Microsoft.Storage/storageAccounts/fileServices',
    sku: { name: 'Standard_RAGRS', tier: 'Standard' },
    properties: good
      ? {
          cors: { corsRules: [] },
          protocolSettings: {
            smb: {
              versions: 'SMB3.1.1',
              authenticationMethods: 'Kerberos',
              kerberosTicketEncryption: 'AES-256',
              channelEncryption: 'AES-256-GCM',
            },
          },
          shareDeleteRetentionPolicy: { enabled: true, days: 14 },
        }
      : // SMB settings left empty: Azure allows every version and cipher it supports
        {
          cors: { corsRules: [] },
          protocolSettings: { smb: {} },
          shareDeleteRetentionPolicy: { enabled: false, days: 0 },
        },
  };
}

/** The service settings each planted bad service breaks. */
export const STORAGE_SERVICE_CHECKS = [
  'azure.storage.blob_soft_delete',
  'azure.storage.container_soft_delete',
  'azure.storage.blob_versioning',
  'azure.storage.file_share_soft_delete',
  'azure.storage.file_smb_version_3_1_1',
  'azure.storage.file_smb_channel_encryption_aes_256_gcm',
];

/** The blob and file service routes of accounts, compliant or left on defaults. */
export function storageServiceRoutes(accounts: { account: { id: string }; good: boolean }[]): FixtureRoutes {
  const routes: FixtureRoutes = {};
  for (const { account, good } of accounts) {
    routes[`arm ${account.id}/blobServices/default?api-version=${STORAGE_API_VERSION}`] = {
      body: blobService(account.id, good),
    };
    routes[`arm ${account.id}/fileServices/default?api-version=${STORAGE_API_VERSION}`] = {
      body: fileService(account.id, good),
    };
  }
  return routes;
}

// --- Compute, App Service, role assignments, Bastion -------------------------------------

/**
 * A virtual machine as GET .../virtualMachines lists it (api-version 2024-07-01), with a managed
 * OS disk and one data disk; `patched`: AutomaticByPlatform periodic assessment (else the
 * image default, as Azure leaves a VM created without patch settings).
 */
export function virtualMachine(
  sub: string,
  rg: string,
  name: string,
  opts: { os?: 'Linux' | 'Windows'; patched: boolean; encryptionAtHost?: boolean },
) {
  const os = opts.os ?? 'Linux';
  const patchSettings = opts.patched
    ? {
        patchMode: os === 'Linux' ? 'AutomaticByPlatform' : 'AutomaticByOS',
        assessmentMode: 'AutomaticByPlatform',
      }
    : { patchMode: os === 'Linux' ? 'ImageDefault' : 'AutomaticByOS', assessmentMode: 'ImageDefault' };
  const disk = `${rgId(sub, rg)}/providers/Microsoft.Compute/disks/${name}_OsDisk_1_0a1b2c3d`;
  return {
    name,
    id: `${rgId(sub, rg)}/providers/Microsoft.Compute/virtualMachines/${name}`,
    type: 'Microsoft.Compute/virtualMachines',
    location: 'westeurope',
    tags: { team: 'web' },
    identity: {
      type: 'SystemAssigned',
      principalId: '53863941-0000-4000-8000-00000000d001',
      tenantId: TENANT_ID,
    },
    properties: {
      hardwareProfile: { vmSize: 'Standard_B2s' },
      provisioningState: 'Succeeded',
      vmId: '6659d8aa-0000-4000-8000-00000000d002',
      storageProfile: {
        imageReference: {
          publisher: 'Canonical',
          offer: 'ubuntu-24_04-lts',
          sku: 'server',
          version: 'latest',
        },
        osDisk: {
          osType: os,
          name: `${name}_OsDisk_1_0a1b2c3d`,
          createOption: 'FromImage',
          caching: 'ReadWrite',
          managedDisk: { storageAccountType: 'Premium_LRS', id: disk },
          deleteOption: 'Delete',
          diskSizeGB: 30,
        },
        dataDisks: [],
        diskControllerType: 'SCSI',
      },
      ...(opts.encryptionAtHost ? { securityProfile: { encryptionAtHost: true } } : {}),
      osProfile: {
        computerName: name,
        adminUsername: 'azureadmin',
        ...(os === 'Linux'
          ? {
              linuxConfiguration: {
                disablePasswordAuthentication: true,
                provisionVMAgent: true,
                patchSettings,
                enableVMAgentPlatformUpdates: false,
              },
            }
          : {
              windowsConfiguration: {
                provisionVMAgent: true,
                enableAutomaticUpdates: true,
                patchSettings,
                enableVMAgentPlatformUpdates: true,
              },
            }),
        secrets: [],
        allowExtensionOperations: true,
        requireGuestProvisionSignal: true,
      },
      networkProfile: {
        networkInterfaces: [
          { id: `${rgId(sub, rg)}/providers/Microsoft.Network/networkInterfaces/${name}-nic` },
        ],
      },
      timeCreated: '2026-07-23T18:35:43.8250461+00:00',
    },
  };
}

/** A managed disk as GET {disk id} answers it (api-version 2024-03-02). */
export function managedDisk(id: string, encryptionType: string) {
  return {
    name: id.split('/').pop(),
    id,
    type: 'Microsoft.Compute/disks',
    location: 'westeurope',
    managedBy: id.replace(/\/disks\/([^_]+)_OsDisk.*$/, '/virtualMachines/$1'),
    sku: { name: 'Premium_LRS', tier: 'Premium' },
    properties: {
      osType: 'Linux',
      hyperVGeneration: 'V2',
      creationData: { createOption: 'FromImage' },
      diskSizeGB: 30,
      encryption: {
        type: encryptionType,
        ...(encryptionType === 'EncryptionAtRestWithPlatformKey'
          ? {}
          : {
              diskEncryptionSetId: `${id.replace(/\/providers\/.*$/, '')}/providers/Microsoft.Compute/diskEncryptionSets/cmk`,
            }),
      },
      networkAccessPolicy: 'DenyAll',
      publicNetworkAccess: 'Disabled',
      timeCreated: '2026-07-23T18:24:19.7117879+00:00',
      provisioningState: 'Succeeded',
      diskState: 'Attached',
      diskSizeBytes: 32213303296,
    },
  };
}

export const vmListKey = (sub: string) =>
  `arm /subscriptions/${sub}/providers/Microsoft.Compute/virtualMachines?api-version=${COMPUTE_API_VERSION}`;

/**
 * The VM list of a subscription and each VM's OS disk: `good` VMs are assessed periodically and
 * their disk uses a customer-managed key; the others are on the image default with a
 * platform-key-only disk.
 */
export function vmRoutes(
  sub: string,
  vms: { vm: ReturnType<typeof virtualMachine>; cmk: boolean }[],
): FixtureRoutes {
  const routes: FixtureRoutes = {
    [vmListKey(sub)]: armList(
      vms.map((v) => v.vm),
      { pageSize: 1 },
    ),
  };
  for (const { vm, cmk } of vms) {
    const disk = vm.properties.storageProfile.osDisk.managedDisk.id;
    routes[`arm ${disk}?api-version=${DISK_API_VERSION}`] = {
      body: managedDisk(disk, cmk ? 'EncryptionAtRestWithCustomerKey' : 'EncryptionAtRestWithPlatformKey'),
    };
  }
  return routes;
}

/** An App Service app as GET .../Microsoft.Web/sites lists it (api-version 2023-12-01). */
export function webSite(sub: string, rg: string, name: string, over: Record<string, unknown> = {}) {
  return {
    id: `${rgId(sub, rg)}/providers/Microsoft.Web/sites/${name}`,
    name,
    type: 'Microsoft.Web/sites',
    kind: 'app,linux',
    location: 'West Europe',
    tags: {},
    identity: {
      type: 'SystemAssigned',
      principalId: '11be1c9d-0000-4000-8000-00000000e001',
      tenantId: TENANT_ID,
    },
    properties: {
      name,
      state: 'Running',
      hostNames: [`${name}.azurewebsites.net`],
      enabled: true,
      enabledHostNames: [`${name}.azurewebsites.net`, `${name}.scm.azurewebsites.net`],
      serverFarmId: `${rgId(sub, rg)}/providers/Microsoft.Web/serverfarms/${rg}-plan`,
      reserved: true,
      siteConfig: {
        numberOfWorkers: 1,
        linuxFxVersion: 'NODE|20-lts',
        acrUseManagedIdentityCreds: false,
        alwaysOn: true,
        http20Enabled: false,
        functionAppScaleLimit: 0,
        minimumElasticInstanceCount: 0,
      },
      clientCertEnabled: true,
      clientCertMode: 'Required',
      hostNamesDisabled: false,
      defaultHostName: `${name}.azurewebsites.net`,
      httpsOnly: true,
      publicNetworkAccess: 'Enabled',
      ...over,
    },
  };
}

/** GET {site}/config/web (2023-12-01), with the fields Azure sends that the collector drops. */
export function siteConfig(siteId: string, good: boolean) {
  return {
    id: `${siteId}/config/web`,
    name: siteId.split('/').pop(),
    type: 'Microsoft.Web/sites/config',
    location: 'West Europe',
    properties: {
      numberOfWorkers: 1,
      defaultDocuments: ['index.html'],
      netFrameworkVersion: 'v4.0',
      linuxFxVersion: 'NODE|20-lts',
      requestTracingEnabled: false,
      remoteDebuggingEnabled: !good,
      remoteDebuggingVersion: good ? null : 'VS2022',
      httpLoggingEnabled: good,
      detailedErrorLoggingEnabled: false,
      publishingUsername: `$${siteId.split('/').pop()}`,
      scmType: 'None',
      use32BitWorkerProcess: false,
      webSocketsEnabled: false,
      alwaysOn: true,
      http20Enabled: good,
      minTlsVersion: good ? '1.2' : '1.0',
      scmMinTlsVersion: good ? '1.2' : '1.0',
      ftpsState: good ? 'Disabled' : 'AllAllowed',
      ipSecurityRestrictions: [
        { ipAddress: 'Any', action: 'Allow', priority: 2147483647, name: 'Allow all' },
      ],
    },
  };
}

/** GET {site}/providers/Microsoft.Insights/diagnosticSettings (2021-05-01-preview). */
export function siteDiagnostics(sub: string, siteId: string, httpLogs: boolean) {
  return {
    value: [
      {
        id: `${siteId}/providers/microsoft.insights/diagnosticSettings/to-workspace`,
        type: 'Microsoft.Insights/diagnosticSettings',
        name: 'to-workspace',
        location: null,
        properties: {
          workspaceId: `${rgId(sub, 'monitoring')}/providers/Microsoft.OperationalInsights/workspaces/central`,
          logs: [
            {
              category: 'AppServiceHTTPLogs',
              categoryGroup: null,
              enabled: httpLogs,
              retentionPolicy: { enabled: false, days: 0 },
            },
            {
              category: 'AppServiceConsoleLogs',
              categoryGroup: null,
              enabled: true,
              retentionPolicy: { enabled: false, days: 0 },
            },
          ],
          metrics: [],
          logAnalyticsDestinationType: null,
        },
      },
    ],
  };
}

export const webSiteListKey = (sub: string) =>
  `arm /subscriptions/${sub}/providers/Microsoft.Web/sites?api-version=${WEB_API_VERSION}`;

/** The site list of a subscription and each site's web config and diagnostic settings. */
export function webSiteRoutes(
  sub: string,
  sites: { site: ReturnType<typeof webSite>; good: boolean; httpLogs?: boolean }[],
): FixtureRoutes {
  const routes: FixtureRoutes = { [webSiteListKey(sub)]: armList(sites.map((s) => s.site)) };
  for (const { site, good, httpLogs } of sites) {
    routes[`arm ${site.id}/config/web?api-version=${WEB_API_VERSION}`] = { body: siteConfig(site.id, good) };
    routes[
      `arm ${site.id}/providers/Microsoft.Insights/diagnosticSettings?api-version=${RESOURCE_DIAGNOSTICS_API_VERSION}`
    ] = {
      body: siteDiagnostics(sub, site.id, httpLogs ?? good),
    };
  }
  return routes;
}

export const ROLE = {
  owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
  userAccessAdministrator: '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
};

/** A role assignment as GET .../roleAssignments?$filter=atScope() lists it (2022-04-01). */
export function roleAssignment(scope: string, role: string, principal: string, principalType = 'User') {
  const name = `${principal.slice(0, 8)}-0000-4000-8000-${role.slice(0, 12)}`;
  const definitionScope =
    scope === '/' ? '' : scope.startsWith('/subscriptions/') ? scope.split('/').slice(0, 3).join('/') : '';
  return {
    properties: {
      roleDefinitionId: `${definitionScope}/providers/Microsoft.Authorization/roleDefinitions/${role}`,
      principalId: principal,
      principalType,
      scope,
      condition: null,
      conditionVersion: null,
      createdOn: '2026-04-08T23:30:46.4341990Z',
      updatedOn: '2026-04-08T23:30:46.4341990Z',
      createdBy: '139efc82-0000-4000-8000-00000000f001',
      updatedBy: '139efc82-0000-4000-8000-00000000f001',
      delegatedManagedIdentityResourceId: null,
      description: null,
    },
    id: `${scope === '/' ? '' : scope}/providers/Microsoft.Authorization/roleAssignments/${name}`,
    type: 'Microsoft.Authorization/roleAssignments',
    name,
  };
}

export const roleAssignmentsKey = (sub: string) =>
  `arm /subscriptions/${sub}/providers/Microsoft.Authorization/roleAssignments?api-version=${ROLE_ASSIGNMENTS_API_VERSION}&$filter=atScope()`;

export const rootRoleAssignmentsKey = `arm /providers/Microsoft.Authorization/roleAssignments?api-version=${ROLE_ASSIGNMENTS_API_VERSION}&$filter=atScope()`;

/** An Azure Bastion host as GET .../bastionHosts lists it (2024-05-01). */
export function bastionHost(sub: string, rg: string, name: string) {
  const id = `${rgId(sub, rg)}/providers/Microsoft.Network/bastionHosts/${name}`;
  return {
    name,
    id,
    etag: 'W/"7cb13d56-0000-4000-8000-00000000b001"',
    type: 'Microsoft.Network/bastionHosts',
    location: 'westeurope',
    tags: {},
    sku: { name: 'Basic' },
    properties: {
      provisioningState: 'Succeeded',
      dnsName: 'bst-aff0927e-0000-4000-8000-00000000b002.bastion.azure.com',
      scaleUnits: 2,
      ipConfigurations: [
        {
          name: 'IpConf',
          id: `${id}/bastionHostIpConfigurations/IpConf`,
          type: 'Microsoft.Network/bastionHosts/bastionHostIpConfigurations',
          properties: {
            provisioningState: 'Succeeded',
            privateIPAllocationMethod: 'Dynamic',
            publicIPAddress: {
              id: `${rgId(sub, rg)}/providers/Microsoft.Network/publicIPAddresses/${name}-ip`,
            },
            subnet: {
              id: `${rgId(sub, rg)}/providers/Microsoft.Network/virtualNetworks/hub/subnets/AzureBastionSubnet`,
            },
          },
        },
      ],
    },
  };
}

export const bastionListKey = (sub: string) =>
  `arm /subscriptions/${sub}/providers/Microsoft.Network/bastionHosts?api-version=${NETWORK_API_VERSION}`;
