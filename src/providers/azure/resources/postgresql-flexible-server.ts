import { armList, defineAzureCollector } from '../collector.js';
import normaliser from '../normalisers/postgresql-flexible-server.js';
import { armChangeEvents, armIds, defineAzureResource } from '../resource.js';
import { serverFirewallRules, serverParameterList } from './flexible-server.js';

export const POSTGRESQL_FLEXIBLE_API_VERSION = '2022-12-01';
const PROVIDER = 'Microsoft.DBforPostgreSQL';

/**
 * PostgreSQL flexible servers of a subscription: the paged list answers network access,
 * authentication and encryption; per server, one configurations list answers every server
 * parameter the checks read and one list the firewall rules.
 */
export const postgresqlFlexibleServers = defineAzureCollector<{ id: string }>({
  type: 'azure.postgresql.flexible_server',
  level: 'subscription',
  list: armList({
    permission: `${PROVIDER}/flexibleServers/read`,
    path: `/subscriptions/{subscriptionId}/providers/${PROVIDER}/flexibleServers`,
    apiVersion: POSTGRESQL_FLEXIBLE_API_VERSION,
  }),
  enrich: {
    parameters: serverParameterList(PROVIDER, POSTGRESQL_FLEXIBLE_API_VERSION, [
      'require_secure_transport',
      'ssl_min_protocol_version',
      'min_tls_1_2',
      'log_checkpoints',
      'connection_throttling',
      'log_retention_days',
    ]),
    firewallRules: serverFirewallRules(PROVIDER, POSTGRESQL_FLEXIBLE_API_VERSION),
  },
  getOne: {
    ids: armIds,
    absentOn: ['ResourceNotFound', 'ResourceGroupNotFound'],
  },
});

export default defineAzureResource({
  collector: postgresqlFlexibleServers,
  normaliser,
  changedBy: armChangeEvents(`${PROVIDER}/flexibleServers`, [
    'configurations/write',
    'updateConfigurations/action',
    'firewallRules/write',
    'firewallRules/delete',
  ]),
});
