import { armGetBelow, armList, defineAzureCollector } from '../collector.js';
import normaliser from '../normalisers/databricks-workspace.js';
import { armChangeEvents, armIds, defineAzureResource } from '../resource.js';
import { unregisteredMeans } from '../unregistered.js';
import { RESOURCE_DIAGNOSTICS_API_VERSION } from './web-site.js';

export const DATABRICKS_API_VERSION = '2024-05-01';

interface WorkspaceItem {
  id: string;
}

/**
 * Azure Databricks workspaces of a subscription: the list answers each workspace's network
 * parameters and public network access; its private endpoint connections are one list per
 * workspace, and its diagnostic settings another, each made only when a selected check reads
 * what it feeds. A subscription never registered for Microsoft.Databricks has no workspace:
 * its collection is not applicable rather than failed.
 */
export const databricksWorkspaces = defineAzureCollector<WorkspaceItem>({
  type: 'azure.databricks.workspace',
  level: 'subscription',
  list: unregisteredMeans(
    armList<WorkspaceItem>({
      permission: 'Microsoft.Databricks/workspaces/read',
      path: '/subscriptions/{subscriptionId}/providers/Microsoft.Databricks/workspaces',
      apiVersion: DATABRICKS_API_VERSION,
    }),
    { notInUse: 'Azure Databricks' },
  ),
  enrich: {
    privateEndpointConnections: armGetBelow<WorkspaceItem>({
      permission: 'Microsoft.Databricks/workspaces/privateEndpointConnections/read',
      suffix: '/privateEndpointConnections',
      apiVersion: DATABRICKS_API_VERSION,
      facts: ['private_endpoint_connected', 'private_endpoints'],
      list: true,
    }),
    diagnostics: armGetBelow<WorkspaceItem>({
      permission: 'Microsoft.Insights/DiagnosticSettings/Read',
      suffix: '/providers/Microsoft.Insights/diagnosticSettings',
      apiVersion: RESOURCE_DIAGNOSTICS_API_VERSION,
      facts: ['diagnostic_logs_enabled', 'diagnostic_log_settings', 'diagnostic_log_categories'],
      list: true,
    }),
  },
  getOne: { ids: armIds, absentOn: ['ResourceNotFound', 'NotFound', 'ResourceGroupNotFound'] },
});

export default defineAzureResource({
  collector: databricksWorkspaces,
  normaliser,
  changedBy: armChangeEvents('Microsoft.Databricks/workspaces', [
    'privateEndpointConnections/write',
    'privateEndpointConnections/delete',
  ]),
});
