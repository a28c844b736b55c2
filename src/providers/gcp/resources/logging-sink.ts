import { defineNormaliser } from '../../../core/provider.js';
import { itemIds } from '../../kit/resource.js';
import { bool, buildRecord, records, requireItem, requireString, str } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineGcpCollector, pagedList } from '../collector.js';
import { defineGcpResource } from '../resource.js';

const TYPE = 'gcp.logging.sink';

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'gcp',
  service: 'logging',
  produces: [TYPE],
  raw: S.raw({
    item: S.obj({
      name: S.str,
      destination: S.str,
      filter: S.str,
      disabled: S.bool,
      includeChildren: S.bool,
      writerIdentity: S.str,
      exclusions: S.list(S.obj({ name: S.str, filter: S.str, disabled: S.bool })),
    }),
  }),
  normalise(raw, scope) {
    const s = requireItem(raw, TYPE);
    const name = requireString(s, 'name', TYPE, 'item.name');
    const destination = str(s.destination);
    const filter = (str(s.filter) ?? '').trim();
    const exclusions = records(s.exclusions).filter((e) => bool(e.disabled) !== true);
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: TYPE,
        reference: `//logging.googleapis.com/projects/${scope.account}/sinks/${name}`,
        name,
        region: 'global',
        service: 'logging',
        ext: {
          destination,
          // storage.googleapis.com/<bucket>, bigquery.googleapis.com/..., pubsub..., logging.googleapis.com/...
          destination_bucket: destination?.startsWith('storage.googleapis.com/')
            ? destination.slice('storage.googleapis.com/'.length)
            : null,
          filter: filter || null,
          exports_everything: filter === '' && exclusions.length === 0,
          disabled: bool(s.disabled) ?? false,
        },
        shape: {},
      }),
    ];
  },
});

/** A project's log sinks (the _Required and _Default sinks included). */
const collector = defineGcpCollector<Record<string, unknown>>({
  type: TYPE,
  api: 'logging',
  list: pagedList('logging.sinks.list', 'v2/projects/{project}/sinks', 'sinks'),
  getOne: { ids: (raw) => itemIds(raw, 'name'), absentOn: ['absent'] },
});

const SINK_METHODS = ['CreateSink', 'UpdateSink', 'DeleteSink'].map(
  (m) => `google.logging.v2.ConfigServiceV2.${m}`,
);

export default defineGcpResource({
  collector,
  normaliser,
  changedBy: {
    events: Object.fromEntries(SINK_METHODS.map((m) => [m, ['protoPayload.resourceName']])),
    normalise: (v) => v.split('/').pop() || undefined,
  },
});
