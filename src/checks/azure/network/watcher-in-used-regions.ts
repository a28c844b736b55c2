import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extStr } from '../../facts.js';

const WATCHER = 'azure.network.watcher';
const VNET = 'azure.network.virtual_network';

/**
 * A subscription check: every region holding a virtual network has a network watcher (Network
 * Watcher enabled). The regions in use are those of the subscription's virtual networks, where
 * the traffic Network Watcher diagnoses and logs flows.
 */
export default defineCheck({
  id: 'azure.network.watcher_enabled_in_used_regions',
  title: 'Network Watcher is enabled in every region in use',
  severity: 'low',
  scope: 'account',
  uses: [WATCHER, VNET],
  facts: { [WATCHER]: ['provisioning_state'], [VNET]: ['address_prefixes'] },
  clouds: ['azure'],
  triggers: [
    'Microsoft.Network/networkWatchers/write',
    'Microsoft.Network/networkWatchers/delete',
    'Microsoft.Network/virtualNetworks/write',
  ],
  description: 'A region of the subscription has virtual networks but no network watcher.',
  risk: 'Flow logs, connection troubleshooting and topology of that region are unavailable when an incident needs them.',
  remediation: {
    text: 'Enable Network Watcher in every region with virtual networks (Azure creates one in NetworkWatcherRG when a virtual network is created, unless opted out).',
    cli: 'az network watcher configure --resource-group NetworkWatcherRG --locations <region> --enabled true',
  },
  references: ['https://learn.microsoft.com/azure/network-watcher/network-watcher-create'],
  evaluate(ctx) {
    const vnets = ctx.resources(VNET);
    const watchers = ctx.resources(WATCHER);
    const regions = [...new Set(vnets.map((v) => v.com.region))].sort();
    if (regions.length === 0) return pass('no virtual network in the subscription');
    const watched = new Map(watchers.map((w) => [w.com.region, w]));
    return regions.map((region) => {
      const subject = {
        reference: `azure:${ctx.account}:${region}:network_watcher`,
        name: `Network Watcher in ${region}`,
        record_type: WATCHER,
      };
      const w = watched.get(region);
      const networks = vnets.filter((v) => v.com.region === region).map((v) => v.com.name);
      if (!w)
        return {
          ...fail(
            `no network watcher in ${region}, where ${networks.length} virtual network(s) are: ${networks.slice(0, 3).join(', ')}`,
          ),
          resource: subject,
        };
      const state = extStr(w, 'provisioning_state');
      if (state === null)
        return { ...error(`${w.com.name}: its state could not be read`), resource: subject };
      return state.toLowerCase() === 'succeeded'
        ? { ...pass(`${w.com.name} watches ${region}`), resource: subject }
        : { ...fail(`${w.com.name} in ${region} is ${state}`), resource: subject };
    });
  },
});
