import { activityLogAlertFor } from './activity-log-alert.js';

export default activityLogAlertFor({
  id: 'azure.monitor.service_health_alert',
  title: 'An activity log alert fires on Service Health events',
  category: 'ServiceHealth',
  what: 'Azure reports a service issue, planned maintenance or a health advisory',
});
