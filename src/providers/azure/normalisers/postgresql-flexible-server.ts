import { at } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { enabledFlag } from './azure-common.js';
import { flexibleServerNormaliser } from './flexible-server.js';
import { intValue, onOff } from './server-parameters.js';

/**
 * Azure Database for PostgreSQL flexible server: ssl_min_protocol_version is the TLS floor;
 * checkpoint logging, connection throttling and log retention are server parameters, and which
 * sign-ins (password, Entra) it accepts is in properties.authConfig.
 */
export default flexibleServerNormaliser({
  type: 'azure.postgresql.flexible_server',
  service: 'postgresql',
  engine: 'postgres',
  tlsParameter: 'ssl_min_protocol_version',
  parameterFacts: (params) => ({
    log_checkpoints: onOff(params.value('log_checkpoints')),
    connection_throttling: onOff(params.value('connection_throttle.enable')),
    log_retention_days: intValue(params.value('logfiles.retention_days')),
  }),
  needParameters: ['log_checkpoints', 'connection_throttling', 'log_retention_days'],
  properties: { authConfig: S.obj({ passwordAuth: S.str, activeDirectoryAuth: S.str }) },
  propertyFacts: (p) => ({
    password_auth: enabledFlag(at(p, 'authConfig.passwordAuth')),
    entra_auth: enabledFlag(at(p, 'authConfig.activeDirectoryAuth')),
  }),
});
