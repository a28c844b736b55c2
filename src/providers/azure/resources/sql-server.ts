import { armGetBelow, armList, defineAzureCollector, type EnrichSpec } from '../collector.js';
import normaliser from '../normalisers/sql-server.js';
import { armChangeEvents, armIds, defineAzureResource } from '../resource.js';

export const SQL_API_VERSION = '2021-11-01';

interface SqlServer {
  id: string;
}

/**
 * The server's auditing policy (`auditingSettings/default`; Azure answers it for every server,
 * with `state: Disabled` when auditing is off). Only the fields the checks read are kept: the
 * storage account key is write-only in the API, and could not reach a record were it ever sent.
 */
const auditing: EnrichSpec<SqlServer> = {
  permission: 'Microsoft.Sql/servers/auditingSettings/read',
  facts: ['auditing_enabled', 'audit_retention_days'],
  absentOn: ['ResourceNotFound'],
  call: async (t, server) => {
    const a = await t.get<{
      id?: unknown;
      name?: unknown;
      properties?: {
        state?: unknown;
        retentionDays?: unknown;
        isAzureMonitorTargetEnabled?: unknown;
        storageEndpoint?: unknown;
        auditActionsAndGroups?: unknown;
      };
    }>('arm', `${server.id}/auditingSettings/default`, { 'api-version': SQL_API_VERSION });
    const p = a.properties ?? {};
    return {
      id: a.id,
      name: a.name,
      properties: {
        state: p.state,
        retentionDays: p.retentionDays,
        isAzureMonitorTargetEnabled: p.isAzureMonitorTargetEnabled,
        storageEndpoint: p.storageEndpoint,
        auditActionsAndGroups: p.auditActionsAndGroups,
      },
    };
  },
};

/**
 * Azure SQL logical servers of a subscription: one paged list answers TLS, public network
 * access and the server state; four reads per server answer the rest the checks need: the
 * auditing policy, the TDE protector (service-managed or a Key Vault key), the Entra ID
 * administrator and the firewall rules. Each per-server read is made only when a selected
 * check reads the facts it feeds.
 */
export const sqlServers = defineAzureCollector<SqlServer>({
  type: 'azure.sql.server',
  level: 'subscription',
  list: armList({
    permission: 'Microsoft.Sql/servers/read',
    path: '/subscriptions/{subscriptionId}/providers/Microsoft.Sql/servers',
    apiVersion: SQL_API_VERSION,
  }),
  enrich: {
    auditing,
    encryptionProtector: armGetBelow<SqlServer>({
      permission: 'Microsoft.Sql/servers/encryptionProtector/read',
      suffix: '/encryptionProtector/current',
      apiVersion: SQL_API_VERSION,
      absentOn: ['ResourceNotFound'],
      facts: ['tde_customer_managed_key'],
    }),
    administrators: armGetBelow<SqlServer>({
      permission: 'Microsoft.Sql/servers/administrators/read',
      suffix: '/administrators',
      apiVersion: SQL_API_VERSION,
      list: true,
      facts: ['entra_admin_configured'],
    }),
    firewallRules: armGetBelow<SqlServer>({
      permission: 'Microsoft.Sql/servers/firewallRules/read',
      suffix: '/firewallRules',
      apiVersion: SQL_API_VERSION,
      list: true,
      facts: ['firewall_allows_any_ip', 'firewall_allows_azure_services', 'firewall_rules'],
    }),
  },
  getOne: {
    ids: armIds,
    absentOn: ['ResourceNotFound', 'ResourceGroupNotFound'],
  },
});

export default defineAzureResource({
  collector: sqlServers,
  normaliser,
  changedBy: armChangeEvents('Microsoft.Sql/servers', [
    'auditingSettings/write',
    'encryptionProtector/write',
    'administrators/write',
    'administrators/delete',
    'firewallRules/write',
    'firewallRules/delete',
  ]),
});
