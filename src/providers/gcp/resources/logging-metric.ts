import { defineNormaliser } from '../../../core/provider.js';
import { itemIds } from '../../kit/resource.js';
import { bool, buildRecord, requireItem, requireString, str } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineGcpCollector, pagedList } from '../collector.js';
import { defineGcpResource } from '../resource.js';

const TYPE = 'gcp.logging.metric';

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'gcp',
  service: 'logging',
  produces: [TYPE],
  raw: S.raw({ item: S.obj({ name: S.str, filter: S.str, disabled: S.bool, description: S.str }) }),
  normalise(raw, scope) {
    const m = requireItem(raw, TYPE);
    const name = requireString(m, 'name', TYPE, 'item.name');
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: TYPE,
        reference: `//logging.googleapis.com/projects/${scope.account}/metrics/${name}`,
        name,
        region: 'global',
        service: 'logging',
        ext: {
          filter: str(m.filter),
          disabled: bool(m.disabled) ?? false,
          // what alert policies name it by
          metric_type: `logging.googleapis.com/user/${name}`,
        },
        shape: {},
      }),
    ];
  },
});

/** A project's log-based metrics (user-defined). */
const collector = defineGcpCollector<Record<string, unknown>>({
  type: TYPE,
  api: 'logging',
  list: pagedList('logging.logMetrics.list', 'v2/projects/{project}/metrics', 'metrics'),
  getOne: { ids: (raw) => itemIds(raw, 'name'), absentOn: ['absent'] },
});

export default defineGcpResource({
  collector,
  normaliser,
  changedBy: {
    events: Object.fromEntries(
      ['CreateLogMetric', 'UpdateLogMetric', 'DeleteLogMetric'].map((m) => [
        `google.logging.v2.MetricsServiceV2.${m}`,
        ['protoPayload.resourceName'],
      ]),
    ),
    normalise: (v) => v.split('/').pop() || undefined,
  },
});
