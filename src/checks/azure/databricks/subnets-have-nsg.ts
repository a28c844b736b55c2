import { defineCheck } from '../../../core/check.js';
import type { ResourceRecord } from '../../../core/record.js';
import { type CheckResult, error, fail, notApplicable, pass } from '../../../core/result.js';
import { about, extList, extStr } from '../../facts.js';
import { DATABRICKS_DOCS, serverlessWorkspace, WORKSPACE, WORKSPACE_WRITES } from './workspace.js';

const VNET = 'azure.network.virtual_network';

interface Subnet {
  name: string;
  network_security_group: string | null;
}

/**
 * One result per workspace: the two subnets its clusters run in (customPublicSubnetName and
 * customPrivateSubnetName of its virtual network, which Databricks requires in the workspace's
 * subscription) each have a network security group. A workspace without VNet injection has no
 * subnets of its own, so the control does not apply to it (it fails 2.1.1 instead).
 */
function judge(
  w: ResourceRecord,
  vnets: Map<string, ResourceRecord>,
  unreadable: string | null,
): CheckResult {
  const why = serverlessWorkspace(w);
  if (why !== null) return notApplicable(why);
  const vnetId = extStr(w, 'virtual_network_id');
  if (vnetId === null)
    return notApplicable(
      `${w.com.name} is not injected into a virtual network of its own: Databricks manages its subnets`,
    );
  const names = [extStr(w, 'public_subnet'), extStr(w, 'private_subnet')].filter(
    (s): s is string => s !== null,
  );
  if (names.length === 0)
    return error(`${w.com.name}: Azure's answer names its virtual network but none of its subnets`);
  const vnet = vnets.get(vnetId.toLowerCase());
  if (!vnet)
    return error(
      unreadable !== null
        ? `${w.com.name}: its virtual network could not be read: ${unreadable}`
        : `${w.com.name}: its virtual network ${vnetId} is not among the subscription's virtual networks`,
    );
  const subnets = extList<Subnet>(vnet, 'subnets');
  if (subnets === null) return error(`${w.com.name}: the subnets of ${vnet.com.name} could not be read`);
  const missing: string[] = [];
  const unprotected: string[] = [];
  for (const name of [...new Set(names)]) {
    const s = subnets.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (!s) missing.push(name);
    else if (!s.network_security_group) unprotected.push(name);
  }
  if (unprotected.length > 0)
    return fail(
      `${w.com.name}: subnet(s) ${unprotected.join(', ')} of ${vnet.com.name} have no network security group`,
      { evidence: { virtual_network: vnet.com.reference, subnets: unprotected } },
    );
  if (missing.length > 0)
    return error(`${w.com.name}: subnet(s) ${missing.join(', ')} are not in ${vnet.com.name}`);
  return pass(`${w.com.name}: subnets ${names.join(', ')} of ${vnet.com.name} have network security groups`);
}

export default defineCheck({
  id: 'azure.databricks.workspace_subnets_have_nsg',
  title: 'Databricks subnets have network security groups',
  severity: 'medium',
  scope: 'account',
  uses: [WORKSPACE, VNET],
  facts: {
    [WORKSPACE]: ['serverless', 'virtual_network_id', 'public_subnet', 'private_subnet'],
    [VNET]: ['subnets'],
  },
  clouds: ['azure'],
  triggers: [
    ...WORKSPACE_WRITES,
    'Microsoft.Network/virtualNetworks/write',
    'Microsoft.Network/virtualNetworks/subnets/write',
  ],
  description:
    'A subnet the Databricks workspace runs its clusters in (the public or private subnet of its injected virtual network) has no network security group.',
  risk: "Traffic to and from the cluster nodes is not filtered by the organisation's rules: nothing restricts what reaches the clusters or where they send data.",
  remediation: {
    text: 'Attach a network security group to both subnets delegated to the workspace (Databricks adds the rules it needs to it).',
    cli: 'az network vnet subnet update --resource-group <group> --vnet-name <vnet> --name <subnet> --network-security-group <nsg>',
  },
  references: [`${DATABRICKS_DOCS}classic/vnet-inject#network-security-group-rules`],
  evaluate(ctx) {
    const workspaces = ctx.resources(WORKSPACE);
    if (workspaces.length === 0) return [];
    const { records, unreadable } = ctx.readable(VNET);
    const vnets = new Map(records.map((v) => [v.com.reference.toLowerCase(), v]));
    const reason = unreadable.length > 0 ? unreadable.map((u) => u.reason).join('; ') : null;
    return workspaces.map((w) => ({ ...judge(w, vnets, reason), resource: about(w) }));
  },
});
