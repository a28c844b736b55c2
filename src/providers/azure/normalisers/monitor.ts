import { at, bool, type Json, records, str, strings } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineArmNormaliser } from './azure-common.js';

/** A subscription's Activity Log diagnostic setting: where it sends the log, and which categories. */
export const diagnosticSetting = defineArmNormaliser({
  type: 'azure.monitor.diagnostic_setting',
  service: 'monitor',
  properties: {
    storageAccountId: S.str,
    workspaceId: S.str,
    eventHubAuthorizationRuleId: S.str,
    marketplacePartnerId: S.str,
    logs: S.list(S.obj({ category: S.str, categoryGroup: S.str, enabled: S.bool })),
  },
  name: (r) => `Activity Log diagnostic setting ${r.name}`,
  ext: (p) => {
    const destinations = [
      'storageAccountId',
      'workspaceId',
      'eventHubAuthorizationRuleId',
      'marketplacePartnerId',
    ]
      .map((k) => str(p[k]))
      .filter((v): v is string => v !== null && v !== '');
    const logs = records(p.logs);
    const all = logs.some((l) => bool(l.enabled) && str(l.categoryGroup)?.toLowerCase() === 'alllogs');
    const enabled = logs
      .filter((l) => bool(l.enabled) === true)
      .map((l) => str(l.category))
      .filter((c): c is string => c !== null);
    return {
      destinations,
      has_destination: destinations.length > 0,
      all_categories: all,
      enabled_categories: enabled,
    };
  },
});

/** One condition of an alert rule: a field and the value(s) it must equal. */
interface Condition {
  field: string;
  equals: string[];
}

function conditions(allOf: Json[]): Condition[] {
  return allOf.flatMap((c): Condition[] => {
    const field = str(c.field);
    if (field) {
      const eq = str(c.equals);
      return [{ field: field.toLowerCase(), equals: eq ? [eq] : strings(c.containsAny) }];
    }
    // anyOf groups: every branch's conditions count as alternatives
    return records(c.anyOf).flatMap((a) => conditions([a]));
  });
}

/** An Activity Log alert rule: its scopes, whether it is on, and what it matches. */
export const activityLogAlert = defineArmNormaliser({
  type: 'azure.monitor.activity_log_alert',
  service: 'monitor',
  properties: {
    enabled: S.bool,
    scopes: S.strs,
    condition: S.obj({ allOf: S.list(S.obj({ field: S.str, equals: S.str })) }),
    actions: S.obj({ actionGroups: S.list(S.obj({ actionGroupId: S.str })) }),
  },
  name: (r) => `Activity log alert ${r.name}`,
  ext: (p) => {
    const conds = conditions(records(at(p, 'condition.allOf')));
    const values = (field: string) =>
      conds.filter((c) => c.field === field).flatMap((c) => c.equals.map((v) => v.toLowerCase()));
    const actionGroups = records(at(p, 'actions.actionGroups'));
    return {
      enabled: bool(p.enabled) ?? true,
      scopes: strings(p.scopes).map((s) => s.toLowerCase()),
      categories: values('category'),
      operations: values('operationname'),
      action_groups: actionGroups.map((a) => str(a.actionGroupId)).filter((a): a is string => a !== null),
      condition_count: conds.length,
    };
  },
});
