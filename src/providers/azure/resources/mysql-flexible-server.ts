import normaliser from '../normalisers/mysql-flexible-server.js';
import { flexibleServerResource } from './flexible-server.js';

export const MYSQL_FLEXIBLE_API_VERSION = '2023-12-30';

/** MySQL flexible servers, with the TLS and audit log parameters. */
export default flexibleServerResource({
  type: 'azure.mysql.flexible_server',
  provider: 'Microsoft.DBforMySQL',
  apiVersion: MYSQL_FLEXIBLE_API_VERSION,
  parameterFacts: [
    'require_secure_transport',
    'tls_version',
    'min_tls_1_2',
    'audit_log_enabled',
    'audit_log_events',
    'audit_log_connection_events',
  ],
  normaliser,
});
