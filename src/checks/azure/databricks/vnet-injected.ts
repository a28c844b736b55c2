import { azureSettingCheck } from '../setting-check.js';
import { DATABRICKS_DOCS, serverlessWorkspace, WORKSPACE, WORKSPACE_WRITES } from './workspace.js';

export default azureSettingCheck({
  id: 'azure.databricks.workspace_vnet_injected',
  title: 'Databricks workspaces are injected into a customer-managed virtual network',
  severity: 'medium',
  resource: WORKSPACE,
  fact: 'vnet_injected',
  want: true,
  triggers: WORKSPACE_WRITES,
  description:
    'The Databricks workspace runs its clusters in a virtual network Databricks manages, not in a virtual network of the customer (VNet injection).',
  risk: 'The clusters are outside the network controls of the organisation: no own network security groups, routes, firewalls or private connections to data sources, and no control over what the clusters reach.',
  remediation: {
    text: 'Create the workspace in a virtual network of your own with two delegated subnets (VNet injection); an existing workspace moves to a customer virtual network by redeploying it with the custom network parameters.',
    cli: 'az databricks workspace create --name <workspace> --resource-group <group> --location <region> --sku premium --vnet <vnet id> --public-subnet <public subnet> --private-subnet <private subnet>',
  },
  references: [`${DATABRICKS_DOCS}classic/vnet-inject`],
  notApplicableBecause: serverlessWorkspace,
  passed: (n) => `${n} runs its clusters in a customer-managed virtual network`,
  failed: (n) => `${n} runs its clusters in a virtual network Databricks manages (no VNet injection)`,
});
