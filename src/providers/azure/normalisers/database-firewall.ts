import { at, type Json, str } from '../../normalise-kit.js';

/** One server firewall rule of Azure SQL, PostgreSQL or MySQL (flexible) servers. */
export interface DatabaseFirewallRule {
  name: string | null;
  start: string | null;
  end: string | null;
}

/** Facts of a server's firewall rule list; every fact is null when the list was not read. */
export interface DatabaseFirewallFacts {
  firewall_rules: DatabaseFirewallRule[] | null;
  /** a rule admits every IPv4 address (0.0.0.0-255.255.255.255) */
  firewall_allows_any_ip: boolean | null;
  /**
   * the 0.0.0.0-0.0.0.0 rule ("Allow Azure services and resources to access this server",
   * AllowAllWindowsAzureIps on Azure SQL): connections from any Azure tenant's resources
   */
  firewall_allows_azure_services: boolean | null;
}

/** The facts of a firewall rule list (`{value: [...]}` answers or the list itself), or unknown. */
export function firewallFacts(rules: Json[] | null): DatabaseFirewallFacts {
  if (rules === null)
    return { firewall_rules: null, firewall_allows_any_ip: null, firewall_allows_azure_services: null };
  const list = rules.map((r) => ({
    name: str(r.name),
    start: str(at(r, 'properties.startIpAddress')),
    end: str(at(r, 'properties.endIpAddress')),
  }));
  return {
    firewall_rules: list,
    firewall_allows_any_ip: list.some((r) => r.start === '0.0.0.0' && r.end === '255.255.255.255'),
    firewall_allows_azure_services: list.some((r) => r.start === '0.0.0.0' && r.end === '0.0.0.0'),
  };
}
