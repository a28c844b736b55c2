import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extNum, whyUnknown } from '../../facts.js';
import { DATABRICKS_DOCS, tierNote, WORKSPACE, WORKSPACE_WRITES } from './workspace.js';

export default defineCheck({
  id: 'azure.databricks.workspace_private_endpoint_used',
  title: 'Databricks workspaces are reached through private endpoints',
  severity: 'medium',
  resource: WORKSPACE,
  facts: { [WORKSPACE]: ['private_endpoints'] },
  triggers: [
    ...WORKSPACE_WRITES,
    'Microsoft.Databricks/workspaces/privateEndpointConnections/write',
    'Microsoft.Databricks/workspaces/privateEndpointConnections/delete',
  ],
  description: 'The Databricks workspace has no approved private endpoint connection.',
  risk: 'Without a private endpoint, users and clusters reach the workspace over its public endpoint and traffic leaves the virtual network.',
  remediation: {
    text: 'Create a private endpoint for the workspace (sub-resource databricks_ui_api) in the virtual network of its users or clusters, with the privatelink.azuredatabricks.net DNS zone; the workspace must be on the Premium tier.',
    cli: 'az network private-endpoint create --name <pe> --resource-group <group> --vnet-name <vnet> --subnet <subnet> --private-connection-resource-id <workspace id> --group-id databricks_ui_api --connection-name <name>',
  },
  references: [`${DATABRICKS_DOCS}classic/private-link`],
  evaluate(w) {
    const n = extNum(w, 'private_endpoints');
    if (n === null)
      return error(
        `${w.com.name}: its private endpoint connections could not be read${whyUnknown(w, 'private_endpoint_connected')}`,
      );
    if (n === 0) return fail(`${w.com.name} has no approved private endpoint${tierNote(w, 'Private Link')}`);
    return pass(`${w.com.name} has ${n} approved private endpoint connection(s)`);
  },
});
