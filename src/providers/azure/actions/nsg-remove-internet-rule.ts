import { isInternetSource } from '../../../core/shapes.js';
import type { RestParams } from '../../kit/rest-action.js';
import { type AzureRead, armIdOf, azureTarget, defineAzureAction } from '../action.js';
import { NETWORK_API_VERSION } from '../resources/network-nsg.js';

const READ = 'Microsoft.Network/networkSecurityGroups/securityRules/read';
const DELETE = 'Microsoft.Network/networkSecurityGroups/securityRules/delete';
const WRITE = 'Microsoft.Network/networkSecurityGroups/securityRules/write';

const rulePath = (d: Record<string, string>) => `${d.nsg}/securityRules/${d.rule}`;
const request = (d: Record<string, string>, method: RestParams['method'], body?: unknown): RestParams => ({
  method,
  api: 'arm',
  path: rulePath(d),
  query: { 'api-version': NETWORK_API_VERSION },
  ...(body !== undefined ? { body } : {}),
});

interface RuleProps {
  direction?: string;
  access?: string;
  sourceAddressPrefix?: string;
  sourceAddressPrefixes?: string[];
  provisioningState?: string;
  [k: string]: unknown;
}

/** The rule's properties as a PUT takes them: what it had, without what Azure computes. */
function writable(p: RuleProps): Record<string, unknown> {
  const { provisioningState: _, ...rest } = p;
  return rest;
}

const opensInternet = (p: RuleProps | undefined): boolean =>
  p?.direction?.toLowerCase() === 'inbound' &&
  p.access?.toLowerCase() === 'allow' &&
  [...(p.sourceAddressPrefix ? [p.sourceAddressPrefix] : []), ...(p.sourceAddressPrefixes ?? [])].some(
    isInternetSource,
  );

async function current(read: AzureRead, d: Record<string, string>): Promise<RuleProps | null> {
  const rule = await read(READ, request(d, 'GET'));
  return rule ? ((rule.properties ?? {}) as RuleProps) : null;
}

export default defineAzureAction({
  id: 'azure.network.remove_internet_nsg_rule',
  title: 'Delete a network security group inbound rule that allows traffic from the internet',
  fixes: [
    'azure.network.nsg_ssh_not_open_to_internet',
    'azure.network.nsg_rdp_not_open_to_internet',
    'azure.network.nsg_udp_not_open_to_internet',
    'azure.network.nsg_http_not_open_to_internet',
    'common.network.no_sensitive_port_open_to_internet',
  ],
  writes: [DELETE, WRITE],
  reads: [READ],
  target(finding) {
    const ref = finding.com.reference;
    const nsg = armIdOf(ref, 'Microsoft.Network', 'networkSecurityGroups');
    const rule = /#inbound\/([^/]+)\//.exec(ref)?.[1];
    if (finding.com.cloud_type !== 'azure' || !nsg || !rule)
      return { refused: `${ref} is not an inbound network security group rule` };
    if (finding.ext.default_rule === true) return { refused: 'a default rule cannot be deleted' };
    return azureTarget(finding, nsg.subscription, { nsg: nsg.id, rule });
  },
  async plan(t, read) {
    const before = await current(read, t.details);
    if (!before) return { calls: [], undo: [], before, noop: `rule ${t.details.rule} no longer exists` };
    if (!opensInternet(before))
      return { calls: [], undo: [], before, noop: `rule ${t.details.rule} no longer allows the internet in` };
    return {
      before,
      calls: [
        {
          action: DELETE,
          params: { ...request(t.details, 'DELETE') },
          why: `inbound Allow from ${[before.sourceAddressPrefix, ...(before.sourceAddressPrefixes ?? [])].filter(Boolean).join(', ')}`,
        },
      ],
      undo: [{ action: WRITE, params: { ...request(t.details, 'PUT', { properties: writable(before) }) } }],
    };
  },
  async verify(t, read) {
    return !opensInternet((await current(read, t.details)) ?? undefined);
  },
});
