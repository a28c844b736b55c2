import { azureSettingCheck } from '../setting-check.js';
import { DATABRICKS_DOCS, serverlessWorkspace, WORKSPACE, WORKSPACE_WRITES } from './workspace.js';

export default azureSettingCheck({
  id: 'azure.databricks.workspace_no_public_ip',
  title: 'Databricks clusters get no public IP addresses',
  severity: 'medium',
  resource: WORKSPACE,
  fact: 'no_public_ip',
  want: true,
  triggers: WORKSPACE_WRITES,
  description:
    "The workspace's cluster nodes get public IP addresses: secure cluster connectivity (No Public IP, enableNoPublicIp) is off.",
  risk: 'Each cluster node has an address reachable from the internet, with open inbound ports for the control plane: a wider attack surface and a path for data to leave outside the network controls.',
  remediation: {
    text: 'Turn on secure cluster connectivity (No Public IP) for the workspace; clusters then reach the control plane through an outbound relay and have no public address.',
    cli: 'az databricks workspace update --name <workspace> --resource-group <group> --enable-no-public-ip true',
  },
  references: [`${DATABRICKS_DOCS}classic/secure-cluster-connectivity`],
  notApplicableBecause: serverlessWorkspace,
  passed: (n) => `${n} uses secure cluster connectivity: its clusters get no public IP address`,
  failed: (n) => `${n} gives its cluster nodes public IP addresses (secure cluster connectivity is off)`,
});
