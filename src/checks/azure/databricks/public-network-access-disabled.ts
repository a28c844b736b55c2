import { azureSettingCheck } from '../setting-check.js';
import { DATABRICKS_DOCS, WORKSPACE, WORKSPACE_WRITES } from './workspace.js';

export default azureSettingCheck({
  id: 'azure.databricks.workspace_public_network_access_disabled',
  title: 'Databricks workspaces refuse public network access',
  severity: 'medium',
  resource: WORKSPACE,
  fact: 'public_network_access_enabled',
  want: false,
  triggers: WORKSPACE_WRITES,
  description:
    'The workspace (its web application and REST API) accepts connections from public networks (publicNetworkAccess is Enabled or left unset).',
  risk: 'The workspace is reachable from the internet and depends on its sign-in alone: a stolen token or password can be used from anywhere.',
  remediation: {
    text: 'Reach the workspace through private endpoints (front-end Private Link) and set public network access to Disabled.',
    cli: 'az databricks workspace update --name <workspace> --resource-group <group> --public-network-access Disabled',
  },
  references: [`${DATABRICKS_DOCS}classic/private-link`],
  passed: (n) => `${n} refuses public network access`,
  failed: (n) => `${n} accepts connections from public networks`,
});
