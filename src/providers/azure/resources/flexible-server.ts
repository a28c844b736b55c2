import type { Normaliser } from '../../../core/provider.js';
import { armGetBelow, armList, defineAzureCollector, type EnrichSpec } from '../collector.js';
import { type AzureResource, armChangeEvents, armIds, defineAzureResource } from '../resource.js';

interface Server {
  id: string;
}

/**
 * The server parameters of a PostgreSQL or MySQL flexible server: one paged configurations
 * list per server, instead of one GET per parameter. Only each parameter's name and value are
 * kept (the answer also describes every parameter, several hundred of them).
 */
export function serverParameterList(
  provider: string,
  apiVersion: string,
  facts: readonly string[],
): EnrichSpec<Server> {
  return {
    permission: `${provider}/flexibleServers/configurations/read`,
    facts,
    call: async (t, server) => {
      const items = await t.list<{ name?: unknown; properties?: { value?: unknown } }>(
        'arm',
        `${server.id}/configurations`,
        { 'api-version': apiVersion },
      );
      return items.map((c) => ({ name: c.name, properties: { value: c.properties?.value } }));
    },
  };
}

/** The server's firewall rules (one paged list per server). */
export function serverFirewallRules(provider: string, apiVersion: string): EnrichSpec<Server> {
  return armGetBelow<Server>({
    permission: `${provider}/flexibleServers/firewallRules/read`,
    suffix: '/firewallRules',
    apiVersion,
    list: true,
    facts: ['firewall_allows_any_ip', 'firewall_allows_azure_services', 'firewall_rules'],
  });
}

/**
 * The flexible servers of one engine in a subscription: the paged list answers network access
 * and encryption (PostgreSQL: authentication too); per server, one configurations list answers the server
 * parameters the checks read (`parameterFacts`) and one list the firewall rules. A write to a
 * server's configurations or firewall rules re-reads that server.
 */
export function flexibleServerResource(def: {
  type: string;
  /** Microsoft.DBforMySQL, Microsoft.DBforPostgreSQL */
  provider: string;
  apiVersion: string;
  parameterFacts: readonly string[];
  normaliser: Normaliser;
}): AzureResource {
  const { provider, apiVersion } = def;
  return defineAzureResource({
    collector: defineAzureCollector<Server>({
      type: def.type,
      level: 'subscription',
      list: armList({
        permission: `${provider}/flexibleServers/read`,
        path: `/subscriptions/{subscriptionId}/providers/${provider}/flexibleServers`,
        apiVersion,
      }),
      enrich: {
        parameters: serverParameterList(provider, apiVersion, def.parameterFacts),
        firewallRules: serverFirewallRules(provider, apiVersion),
      },
      getOne: {
        ids: armIds,
        absentOn: ['ResourceNotFound', 'ResourceGroupNotFound'],
      },
    }),
    normaliser: def.normaliser,
    changedBy: armChangeEvents(`${provider}/flexibleServers`, [
      'configurations/write',
      'updateConfigurations/action',
      'firewallRules/write',
      'firewallRules/delete',
    ]),
  });
}
