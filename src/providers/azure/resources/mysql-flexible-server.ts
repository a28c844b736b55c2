import { armList, defineAzureCollector } from '../collector.js';
import normaliser from '../normalisers/mysql-flexible-server.js';
import { armChangeEvents, armIds, defineAzureResource } from '../resource.js';
import { serverFirewallRules, serverParameterList } from './flexible-server.js';

export const MYSQL_FLEXIBLE_API_VERSION = '2023-12-30';
const PROVIDER = 'Microsoft.DBforMySQL';

/**
 * MySQL flexible servers of a subscription: the paged list answers network access and
 * encryption; per server, one configurations list answers the TLS and audit log parameters
 * and one list the firewall rules.
 */
export const mysqlFlexibleServers = defineAzureCollector<{ id: string }>({
  type: 'azure.mysql.flexible_server',
  level: 'subscription',
  list: armList({
    permission: `${PROVIDER}/flexibleServers/read`,
    path: `/subscriptions/{subscriptionId}/providers/${PROVIDER}/flexibleServers`,
    apiVersion: MYSQL_FLEXIBLE_API_VERSION,
  }),
  enrich: {
    parameters: serverParameterList(PROVIDER, MYSQL_FLEXIBLE_API_VERSION, [
      'require_secure_transport',
      'tls_version',
      'min_tls_1_2',
      'audit_log_enabled',
      'audit_log_events',
      'audit_log_connection_events',
    ]),
    firewallRules: serverFirewallRules(PROVIDER, MYSQL_FLEXIBLE_API_VERSION),
  },
  getOne: {
    ids: armIds,
    absentOn: ['ResourceNotFound', 'ResourceGroupNotFound'],
  },
});

export default defineAzureResource({
  collector: mysqlFlexibleServers,
  normaliser,
  changedBy: armChangeEvents(`${PROVIDER}/flexibleServers`, [
    'configurations/write',
    'updateConfigurations/action',
    'firewallRules/write',
    'firewallRules/delete',
  ]),
});
