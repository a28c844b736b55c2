import { armList, defineAzureCollector } from '../collector.js';
import { activityLogAlert } from '../normalisers/monitor.js';
import { armChangeEvents, armIds, defineAzureResource } from '../resource.js';

/** Activity Log alert rules of the subscription. */
export default defineAzureResource({
  collector: defineAzureCollector<{ id: string }>({
    type: 'azure.monitor.activity_log_alert',
    level: 'subscription',
    list: armList({
      permission: 'Microsoft.Insights/ActivityLogAlerts/Read',
      path: '/subscriptions/{subscriptionId}/providers/Microsoft.Insights/activityLogAlerts',
      apiVersion: '2020-10-01',
    }),
    getOne: { ids: armIds, absentOn: ['ResourceNotFound', 'ResourceGroupNotFound'] },
  }),
  normaliser: activityLogAlert,
  changedBy: armChangeEvents('Microsoft.Insights/activityLogAlerts'),
});
