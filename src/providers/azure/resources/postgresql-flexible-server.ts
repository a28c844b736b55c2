import normaliser from '../normalisers/postgresql-flexible-server.js';
import { flexibleServerResource } from './flexible-server.js';

export const POSTGRESQL_FLEXIBLE_API_VERSION = '2022-12-01';

/** PostgreSQL flexible servers, with the TLS, checkpoint logging, throttling and retention parameters. */
export default flexibleServerResource({
  type: 'azure.postgresql.flexible_server',
  provider: 'Microsoft.DBforPostgreSQL',
  apiVersion: POSTGRESQL_FLEXIBLE_API_VERSION,
  parameterFacts: [
    'require_secure_transport',
    'ssl_min_protocol_version',
    'min_tls_1_2',
    'log_checkpoints',
    'connection_throttling',
    'log_retention_days',
  ],
  normaliser,
});
