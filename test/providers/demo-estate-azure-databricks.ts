import type { Json } from '../../src/providers/normalise-kit.js';
import {
  appInsightsComponent,
  databricksWorkspace,
  workspaceDiagnostics,
  workspaceEndpoints,
} from './azure/estate-databricks.js';

/**
 * The demo's Azure Databricks workspaces and Application Insights components, as raw items (the
 * list item with each workspace's private endpoint connections and diagnostic settings).
 * Production has a workspace meeting every control, one left on every default and one whose
 * public subnet (in the batch network, beside the scratch subnet) has no NSG, and an
 * Application Insights component; development has neither Databricks nor Application Insights.
 */
/** A component as the collector keeps it: without its instrumentation key and connection string. */
function storedComponent(sub: string, rg: string, name: string): Json {
  const c = appInsightsComponent(sub, rg, name);
  const { InstrumentationKey: _key, ConnectionString: _connection, ...properties } = c.properties;
  return { ...c, properties };
}

export function databricksAndInsights(sub: string, prod: boolean): [type: string, items: Json[]][] {
  if (!prod)
    return [
      ['azure.databricks.workspace', []],
      ['azure.monitor.application_insights', []],
    ];
  const vnet = (name: string) =>
    `/subscriptions/${sub}/resourceGroups/net-rg/providers/Microsoft.Network/virtualNetworks/${name}`;
  const workspace = (
    name: string,
    plant: Parameters<typeof databricksWorkspace>[3],
    endpoint: 'Approved' | null,
    logs: boolean,
  ): Json => {
    const item = databricksWorkspace(sub, 'analytics-rg', name, plant);
    return {
      item,
      privateEndpointConnections: workspaceEndpoints(item.id, endpoint).value,
      diagnostics: workspaceDiagnostics(sub, item.id, logs).value,
    };
  };
  return [
    [
      'azure.databricks.workspace',
      [
        workspace(
          'acme-analytics',
          {
            vnet: { id: vnet('acme-hub-vnet'), publicSubnet: 'dbw-public', privateSubnet: 'dbw-private' },
            noPublicIp: true,
            publicNetworkAccess: 'Disabled',
            location: 'eastus',
          },
          'Approved',
          true,
        ),
        workspace('acme-ml-sandbox', { vnet: null, noPublicIp: false, sku: 'standard' }, null, false),
        workspace(
          'acme-batch-dbw',
          {
            vnet: { id: vnet('acme-batch-vnet'), publicSubnet: 'scratch', privateSubnet: 'batch' },
            noPublicIp: true,
            publicNetworkAccess: 'Disabled',
          },
          'Approved',
          true,
        ),
      ],
    ],
    ['azure.monitor.application_insights', [{ item: storedComponent(sub, 'web-rg', 'acme-shop-insights') }]],
  ];
}
