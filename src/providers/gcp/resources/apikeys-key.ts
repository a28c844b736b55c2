import { z } from 'zod';
import { defineNormaliser } from '../../../core/provider.js';
import { itemIds } from '../../kit/resource.js';
import { at, buildRecord, type Json, records, requireItem, requireString, str } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineGcpCollector, pagedList } from '../collector.js';
import { ageDays, collectedAt, stampCollectedAt } from '../gcp-facts.js';
import { defineGcpResource } from '../resource.js';

const TYPE = 'gcp.apikeys.key';

const RAW = S.raw({
  collected_at: S.str,
  item: S.obj({
    name: S.str,
    uid: S.str,
    displayName: S.str,
    createTime: S.str,
    deleteTime: S.str,
    restrictions: S.obj({
      apiTargets: S.list(z.looseObject({ service: S.str, methods: S.strs })),
      browserKeyRestrictions: S.obj({ allowedReferrers: S.strs }),
      serverKeyRestrictions: S.obj({ allowedIps: S.strs }),
      androidKeyRestrictions: S.obj({}),
      iosKeyRestrictions: S.obj({}),
    }),
  }),
});

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'gcp',
  service: 'apikeys',
  produces: [TYPE],
  raw: RAW,
  normalise(raw, scope) {
    const key = requireItem(raw, TYPE);
    const name = requireString(key, 'name', TYPE, 'item.name');
    const targets = records(at(key, 'restrictions.apiTargets'))
      .map((t) => str(t.service))
      .filter((s): s is string => s !== null);
    const restrictions = (key.restrictions ?? {}) as Json;
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: TYPE,
        reference: `//apikeys.googleapis.com/${name}`,
        name: str(key.displayName) || (name.split('/').pop() ?? name),
        region: 'global',
        service: 'apikeys',
        ext: {
          uid: str(key.uid),
          created: str(key.createTime),
          age_days: ageDays(key.createTime, collectedAt(raw)),
          api_targets: targets,
          application_restricted: [
            'browserKeyRestrictions',
            'serverKeyRestrictions',
            'androidKeyRestrictions',
            'iosKeyRestrictions',
          ].some((k) => restrictions[k] !== undefined && restrictions[k] !== null),
        },
        shape: {},
      }),
    ];
  },
});

/** A project's API keys (v2; the list never carries a key's secret string, which Cloudward never asks for). */
const collector = defineGcpCollector<Json>({
  type: TYPE,
  api: 'apikeys',
  list: pagedList('apikeys.keys.list', 'v2/projects/{project}/locations/global/keys', 'keys', {
    pageSize: 300,
  }),
  derive: stampCollectedAt,
  getOne: { ids: (raw) => itemIds(raw, 'name', 'uid'), absentOn: ['absent'] },
});

export default defineGcpResource({
  collector,
  normaliser,
  changedBy: {
    events: Object.fromEntries(
      ['CreateKey', 'UpdateKey', 'DeleteKey', 'UndeleteKey'].map((m) => [
        `google.api.apikeys.v2.ApiKeys.${m}`,
        ['protoPayload.resourceName'],
      ]),
    ),
  },
});
