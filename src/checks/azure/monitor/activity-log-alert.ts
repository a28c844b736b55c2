import { defineCheck, type ScopeCheck } from '../../../core/check.js';
import type { ResourceRecord } from '../../../core/record.js';
import { fail, pass } from '../../../core/result.js';
import { extBool, extList } from '../../facts.js';

export const ALERT = 'azure.monitor.activity_log_alert';

/** Whether an alert rule watches the whole subscription (its scopes name it, or nothing narrower). */
function coversSubscription(alert: ResourceRecord, subscription: string): boolean {
  const scopes = extList<string>(alert, 'scopes') ?? [];
  return scopes.some((s) => s.replace(/\/+$/, '') === `/subscriptions/${subscription.toLowerCase()}`);
}

/**
 * A subscription check: an enabled Activity Log alert rule on the whole subscription matches
 * `operation` (Administrative category), or with `category` alone, every event of it.
 */
export function activityLogAlertFor(def: {
  id: string;
  title: string;
  /** the operation (Microsoft.Network/networkSecurityGroups/write) */
  operation?: string;
  /** the category (ServiceHealth); default Administrative */
  category?: string;
  what: string;
}): ScopeCheck {
  const category = (def.category ?? 'Administrative').toLowerCase();
  const operation = def.operation?.toLowerCase();
  const condition = operation ? `operationName = ${def.operation}` : `category = ${def.category}`;
  return defineCheck({
    id: def.id,
    title: def.title,
    severity: 'low',
    scope: 'account',
    uses: [ALERT],
    clouds: ['azure'],
    triggers: ['Microsoft.Insights/activityLogAlerts/write', 'Microsoft.Insights/activityLogAlerts/delete'],
    description: `No enabled Activity Log alert rule on the subscription fires when ${def.what}.`,
    risk: `Nobody is told when ${def.what}; a harmful change goes unnoticed until someone reads the log.`,
    remediation: {
      text: `Create an Activity Log alert rule scoped to the subscription with the condition ${condition}, and an action group that notifies the team.`,
      cli: operation
        ? `az monitor activity-log alert create --name <name> --resource-group <group> --scope /subscriptions/<subscription> --condition category=Administrative and operationName=${def.operation} --action-group <action group id>`
        : `az monitor activity-log alert create --name <name> --resource-group <group> --scope /subscriptions/<subscription> --condition category=${def.category} --action-group <action group id>`,
    },
    references: ['https://learn.microsoft.com/azure/azure-monitor/alerts/activity-log-alerts'],
    evaluate(ctx) {
      const match = ctx.resources(ALERT).find((a) => {
        if (extBool(a, 'enabled') === false || !coversSubscription(a, ctx.account)) return false;
        const categories = extList<string>(a, 'categories') ?? [];
        const operations = extList<string>(a, 'operations') ?? [];
        if (categories.length > 0 && !categories.includes(category)) return false;
        return operation
          ? operations.includes(operation)
          : categories.includes(category) && operations.length === 0;
      });
      return match
        ? pass(`the alert rule ${match.com.name.replace(/^Activity log alert /, '')} fires when ${def.what}`)
        : fail(`no enabled alert rule on the subscription for ${condition}`);
    },
  });
}
