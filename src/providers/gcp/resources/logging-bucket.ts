import { defineNormaliser } from '../../../core/provider.js';
import { itemIds } from '../../kit/resource.js';
import { at, bool, buildRecord, num, requireItem, requireString, str } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineGcpCollector, pagedList } from '../collector.js';
import { lastSegment } from '../normalisers/gcp-common.js';
import { defineGcpResource } from '../resource.js';

const TYPE = 'gcp.logging.bucket';

const RAW = S.raw({
  item: S.obj({
    name: S.str,
    retentionDays: S.num,
    locked: S.bool,
    lifecycleState: S.str,
    analyticsEnabled: S.bool,
    cmekSettings: S.obj({ kmsKeyName: S.str }),
    description: S.str,
  }),
});

/**
 * A Cloud Logging log bucket ('log_profile'). Log buckets always expire logs after
 * retentionDays (there is no "forever"); the reference is the bucket's full resource name.
 */
const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'gcp',
  service: 'logging',
  produces: [TYPE, 'log_profile'],
  raw: RAW,
  normalise(raw, scope) {
    const b = requireItem(raw, TYPE);
    // projects/<p>/locations/<loc>/buckets/<id>
    const name = requireString(b, 'name', TYPE, 'item.name');
    const location = /\/locations\/([^/]+)\//.exec(name)?.[1] ?? scope.region;
    const days = num(b.retentionDays);
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'log_profile',
        reference: `//logging.googleapis.com/${name}`,
        name: lastSegment(name),
        region: location,
        service: 'logging',
        ext: {
          full_name: name,
          locked: bool(b.locked),
          lifecycle_state: str(b.lifecycleState),
          analytics_enabled: bool(b.analyticsEnabled),
          cmek: str(at(b, 'cmekSettings.kmsKeyName')) !== null,
          description: str(b.description),
        },
        shape: {
          retention_days: days,
          retention_enabled: days === null ? null : true,
        },
      }),
    ];
  },
});

/** A project's log buckets in every location (`locations/-`), one paged list. */
const collector = defineGcpCollector<Record<string, unknown>>({
  type: TYPE,
  api: 'logging',
  list: pagedList('logging.buckets.list', 'v2/projects/{project}/locations/-/buckets', 'buckets'),
  getOne: { ids: (raw) => itemIds(raw, 'name'), absentOn: ['absent'] },
});

export default defineGcpResource({
  collector,
  normaliser,
  changedBy: {
    events: Object.fromEntries(
      ['CreateBucket', 'UpdateBucket', 'DeleteBucket', 'UndeleteBucket'].map((m) => [
        `google.logging.v2.ConfigServiceV2.${m}`,
        ['protoPayload.resourceName'],
      ]),
    ),
  },
});
