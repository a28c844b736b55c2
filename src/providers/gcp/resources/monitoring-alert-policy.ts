import { z } from 'zod';
import { defineNormaliser } from '../../../core/provider.js';
import { itemIds } from '../../kit/resource.js';
import { at, bool, buildRecord, records, requireItem, requireString, str } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineGcpCollector, pagedList } from '../collector.js';
import { defineGcpResource } from '../resource.js';

const TYPE = 'gcp.monitoring.alert_policy';

const CONDITION = z.looseObject({
  displayName: S.str,
  conditionThreshold: S.obj({ filter: S.str }),
  conditionAbsent: S.obj({ filter: S.str }),
  conditionMatchedLog: S.obj({ filter: S.str }),
});

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'gcp',
  service: 'monitoring',
  produces: [TYPE],
  raw: S.raw({
    item: S.obj({
      name: S.str,
      displayName: S.str,
      enabled: S.bool,
      conditions: S.list(CONDITION),
      notificationChannels: S.strs,
    }),
  }),
  normalise(raw, scope) {
    const p = requireItem(raw, TYPE);
    const name = requireString(p, 'name', TYPE, 'item.name');
    const conditions = records(p.conditions);
    // the metric types the policy's conditions watch: metric.type = "logging.googleapis.com/user/<m>"
    const metricTypes = conditions
      .flatMap((c) => [str(at(c, 'conditionThreshold.filter')), str(at(c, 'conditionAbsent.filter'))])
      .flatMap((f) => [...(f ?? '').matchAll(/metric\.type\s*=\s*"([^"]+)"/g)].map((m) => m[1] as string));
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: TYPE,
        reference: `//monitoring.googleapis.com/${name}`,
        name: str(p.displayName) ?? name,
        region: 'global',
        service: 'monitoring',
        // an alert policy answer always carries `enabled`; a missing one is read as on, as the API defaults
        ext: {
          enabled: bool(p.enabled) ?? true,
          metric_types: metricTypes,
          notification_channels: (p.notificationChannels as string[] | undefined)?.length ?? 0,
        },
        shape: {},
      }),
    ];
  },
});

/** A project's Cloud Monitoring alert policies. */
const collector = defineGcpCollector<Record<string, unknown>>({
  type: TYPE,
  api: 'monitoring',
  list: pagedList('monitoring.alertPolicies.list', 'v3/projects/{project}/alertPolicies', 'alertPolicies'),
  getOne: { ids: (raw) => itemIds(raw, 'name'), absentOn: ['absent'] },
});

export default defineGcpResource({
  collector,
  normaliser,
  changedBy: {
    events: Object.fromEntries(
      ['CreateAlertPolicy', 'UpdateAlertPolicy', 'DeleteAlertPolicy'].map((m) => [
        `google.monitoring.v3.AlertPolicyService.${m}`,
        ['protoPayload.resourceName'],
      ]),
    ),
  },
});
