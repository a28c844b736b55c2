import { armGetBelow, type EnrichSpec } from '../collector.js';

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
