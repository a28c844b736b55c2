import { DATABRICKS_API_VERSION } from '../../../src/providers/azure/resources/databricks-workspace.js';
import { APPLICATION_INSIGHTS_API_VERSION } from '../../../src/providers/azure/resources/monitor-application-insights.js';
import { RESOURCE_DIAGNOSTICS_API_VERSION } from '../../../src/providers/azure/resources/web-site.js';
import { rgId } from './estate.js';
import { armList, type FixtureRoutes } from './fixture-server.js';

/**
 * The Databricks and Application Insights part of the test estate, in Azure's answer shapes:
 * workspaces as GET .../Microsoft.Databricks/workspaces lists them (api-version 2024-05-01,
 * parameters as in the recorded DatabricksTest exchange of
 * ../shared/data/config/cloud-custodian/azure_vcr_cassettes.jsonl and the REST API
 * specification's WorkspaceGetParameters example), their private endpoint connections and
 * diagnostic settings; Application Insights components (2020-02-02) as the recorded
 * AppInsightsTest exchange answers them.
 */

const q = (v: string) => `?api-version=${v}`;

export interface WorkspacePlant {
  /** the injected network (its id) and the two subnets' names; null: Databricks' managed network */
  vnet: { id: string; publicSubnet: string; privateSubnet: string } | null;
  noPublicIp: boolean;
  /** undefined: left out, as for workspaces created before the setting existed */
  publicNetworkAccess?: 'Enabled' | 'Disabled';
  sku?: 'standard' | 'premium' | 'trial';
  /** the region, which is its injected network's; default westeurope */
  location?: string;
}

const stringParam = (value: string) => ({ type: 'String', value });

/** A Databricks workspace as the subscription list answers it. */
export function databricksWorkspace(sub: string, rg: string, name: string, plant: WorkspacePlant) {
  const id = `${rgId(sub, rg)}/providers/Microsoft.Databricks/workspaces/${name}`;
  return {
    properties: {
      managedResourceGroupId: `/subscriptions/${sub}/resourceGroups/databricks-rg-${name}-a1b2c3`,
      parameters: {
        customPrivateSubnetName: stringParam(plant.vnet?.privateSubnet ?? ''),
        customPublicSubnetName: stringParam(plant.vnet?.publicSubnet ?? ''),
        customVirtualNetworkId: stringParam(plant.vnet?.id ?? ''),
        enableNoPublicIp: { type: 'Bool', value: plant.noPublicIp },
        prepareEncryption: { type: 'Bool', value: false },
        requireInfrastructureEncryption: { type: 'Bool', value: false },
        storageAccountName: stringParam(`dbstorage${name.replace(/[^a-z0-9]/g, '').slice(0, 10)}`),
        storageAccountSkuName: stringParam('Standard_GRS'),
        ...(plant.vnet ? {} : { vnetAddressPrefix: stringParam('10.139') }),
        resourceTags: {
          type: 'Object',
          value: { application: 'databricks', 'databricks-environment': 'true' },
        },
      },
      provisioningState: 'Succeeded',
      authorizations: [
        {
          principalId: '9a74af6f-d153-4348-988a-e2672920bee9',
          roleDefinitionId: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
        },
      ],
      createdBy: {
        oid: '3857c640-0000-4000-8000-00000000db01',
        puid: '10037FFE801B55B5',
        applicationId: '04b07795-8ddb-461a-bbee-02f9e1bf7b46',
      },
      updatedBy: {
        oid: '3857c640-0000-4000-8000-00000000db01',
        puid: '10037FFE801B55B5',
        applicationId: '04b07795-8ddb-461a-bbee-02f9e1bf7b46',
      },
      createdDateTime: '2026-03-02T10:14:29.2858439Z',
      workspaceId: '5555555555555555',
      workspaceUrl: 'adb-5555555555555555.15.azuredatabricks.net',
      isUcEnabled: true,
      ...(plant.publicNetworkAccess
        ? {
            publicNetworkAccess: plant.publicNetworkAccess,
            requiredNsgRules:
              plant.publicNetworkAccess === 'Disabled' ? 'NoAzureDatabricksRules' : 'AllRules',
          }
        : {}),
    },
    id,
    name,
    type: 'Microsoft.Databricks/workspaces',
    sku: { name: plant.sku ?? 'premium' },
    location: plant.location ?? 'westeurope',
    tags: { team: 'analytics' },
  };
}

/** GET {workspace}/privateEndpointConnections: one connection in `status`, or none. */
export function workspaceEndpoints(workspaceId: string, status: 'Approved' | 'Pending' | null) {
  if (status === null) return { value: [] };
  const name = `${workspaceId.split('/').pop()}.7c0e2a41-0000-4000-8000-00000000db02`;
  const rg = workspaceId.replace(/\/providers\/.*$/, '');
  return {
    value: [
      {
        name,
        type: 'Microsoft.Databricks/workspaces/PrivateEndpointConnections',
        id: `${workspaceId}/PrivateEndpointConnections/${name}`,
        properties: {
          privateEndpoint: {
            id: `${rg}/providers/Microsoft.Network/privateEndpoints/${name.split('.')[0]}-pe`,
          },
          privateLinkServiceConnectionState: {
            description: status === 'Approved' ? 'Auto-Approved' : 'Awaiting approval',
            actionsRequired: 'None',
            status,
          },
          provisioningState: 'Succeeded',
        },
      },
    ],
  };
}

/** GET {workspace}/providers/Microsoft.Insights/diagnosticSettings: all logs to a workspace, or none. */
export function workspaceDiagnostics(sub: string, workspaceId: string, logs: boolean) {
  if (!logs) return { value: [] };
  return {
    value: [
      {
        id: `${workspaceId}/providers/microsoft.insights/diagnosticSettings/to-sentinel`,
        type: 'Microsoft.Insights/diagnosticSettings',
        name: 'to-sentinel',
        location: null,
        properties: {
          workspaceId: `${rgId(sub, 'monitoring')}/providers/Microsoft.OperationalInsights/workspaces/central`,
          logs: [
            {
              category: null,
              categoryGroup: 'allLogs',
              enabled: true,
              retentionPolicy: { enabled: false, days: 0 },
            },
            {
              category: null,
              categoryGroup: 'audit',
              enabled: false,
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

export const databricksListKey = (sub: string) =>
  `arm /subscriptions/${sub}/providers/Microsoft.Databricks/workspaces${q(DATABRICKS_API_VERSION)}`;

export const workspaceEndpointsKey = (workspaceId: string) =>
  `arm ${workspaceId}/privateEndpointConnections${q(DATABRICKS_API_VERSION)}`;

export const workspaceDiagnosticsKey = (workspaceId: string) =>
  `arm ${workspaceId}/providers/Microsoft.Insights/diagnosticSettings${q(RESOURCE_DIAGNOSTICS_API_VERSION)}`;

/** The workspace list of a subscription (one a page) and each workspace's endpoint and diagnostic reads. */
export function databricksRoutes(
  sub: string,
  workspaces: {
    workspace: ReturnType<typeof databricksWorkspace>;
    endpoint: 'Approved' | 'Pending' | null;
    logs: boolean;
  }[],
): FixtureRoutes {
  const routes: FixtureRoutes = {
    [databricksListKey(sub)]: armList(
      workspaces.map((w) => w.workspace),
      { pageSize: 1 },
    ),
  };
  for (const { workspace, endpoint, logs } of workspaces) {
    routes[workspaceEndpointsKey(workspace.id)] = { body: workspaceEndpoints(workspace.id, endpoint) };
    routes[workspaceDiagnosticsKey(workspace.id)] = { body: workspaceDiagnostics(sub, workspace.id, logs) };
  }
  return routes;
}

/** The checks a workspace planted with everything wrong (managed network, public IPs, public access, no endpoint, no logs) fails. */
export const BAD_WORKSPACE_CHECKS = [
  'azure.databricks.workspace_vnet_injected',
  'azure.databricks.workspace_no_public_ip',
  'azure.databricks.workspace_public_network_access_disabled',
  'azure.databricks.workspace_private_endpoint_used',
  'azure.databricks.workspace_diagnostic_logs_enabled',
];

/**
 * An Application Insights component as GET .../Microsoft.Insights/components lists it; the
 * instrumentation key and connection string are placeholders, there to prove they are dropped.
 */
export function appInsightsComponent(sub: string, rg: string, name: string) {
  return {
    id: `${rgId(sub, rg)}/providers/microsoft.insights/components/${name}`,
    name,
    type: 'microsoft.insights/components',
    location: 'westeurope',
    tags: {},
    kind: 'web',
    etag: '"3b0021f4-0000-0300-0000-64dd3f770000"',
    properties: {
      ApplicationId: name,
      AppId: '5247c401-0000-4000-8000-00000000a1a1',
      Application_Type: 'web',
      Flow_Type: 'Redfield',
      Request_Source: 'IbizaAIExtension',
      InstrumentationKey: '00000000-0000-0000-0000-00000000fake',
      ConnectionString:
        'InstrumentationKey=00000000-0000-0000-0000-00000000fake;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/',
      Name: name,
      CreationDate: '2026-08-16T21:28:09.9676139+00:00',
      TenantId: sub,
      provisioningState: 'Succeeded',
      SamplingPercentage: null,
      RetentionInDays: 90,
      WorkspaceResourceId: `${rgId(sub, 'monitoring')}/providers/Microsoft.OperationalInsights/workspaces/central`,
      IngestionMode: 'LogAnalytics',
      publicNetworkAccessForIngestion: 'Enabled',
      publicNetworkAccessForQuery: 'Enabled',
      DisableLocalAuth: false,
      Ver: 'v2',
    },
  };
}

export const appInsightsListKey = (sub: string) =>
  `arm /subscriptions/${sub}/providers/Microsoft.Insights/components${q(APPLICATION_INSIGHTS_API_VERSION)}`;

/** Empty Databricks and Application Insights lists, for a subscription that has neither. */
export function emptyDatabricksRoutes(sub: string): FixtureRoutes {
  return { [databricksListKey(sub)]: armList([]), [appInsightsListKey(sub)]: armList([]) };
}
