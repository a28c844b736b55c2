import { flexibleServerNormaliser } from './flexible-server.js';
import { onOff } from './server-parameters.js';

/**
 * Azure Database for MySQL flexible server: tls_version names the versions allowed
 * ("TLSv1.2,TLSv1.3"); audit_log_enabled and audit_log_events (the event classes logged,
 * "CONNECTION,DDL") say what is audited.
 */
export default flexibleServerNormaliser({
  type: 'azure.mysql.flexible_server',
  service: 'mysql',
  engine: 'mysql',
  tlsParameter: 'tls_version',
  parameterFacts(params) {
    const events = params.value('audit_log_events');
    const eventList =
      events === null
        ? null
        : events
            .split(',')
            .map((e) => e.trim().toUpperCase())
            .filter((e) => e !== '');
    return {
      audit_log_enabled: onOff(params.value('audit_log_enabled')),
      audit_log_events: eventList,
      audit_log_connection_events: eventList === null ? null : eventList.includes('CONNECTION'),
    };
  },
  needParameters: ['audit_log_enabled', 'audit_log_connection_events'],
});
