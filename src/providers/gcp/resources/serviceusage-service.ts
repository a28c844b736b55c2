import { defineNormaliser } from '../../../core/provider.js';
import { buildRecord, requireItem, requireString, str } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineGcpCollector, pagedList } from '../collector.js';
import { defineGcpResource } from '../resource.js';

const TYPE = 'gcp.serviceusage.service';

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'gcp',
  service: 'serviceusage',
  produces: [TYPE],
  raw: S.raw({ item: S.obj({ name: S.str, state: S.str, config: S.obj({ name: S.str, title: S.str }) }) }),
  normalise(raw, scope) {
    const s = requireItem(raw, TYPE);
    // projects/<number>/services/<service>.googleapis.com
    const name = requireString(s, 'name', TYPE, 'item.name');
    const service =
      str((s.config as Record<string, unknown> | undefined)?.name) ?? name.split('/').pop() ?? name;
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: TYPE,
        reference: `//serviceusage.googleapis.com/${name}`,
        name: service,
        region: 'global',
        service: 'serviceusage',
        ext: { state: str(s.state), title: str((s.config as Record<string, unknown> | undefined)?.title) },
        shape: {},
      }),
    ];
  },
});

/** The APIs enabled in a project (Service Usage, filtered to ENABLED: one page holds 200). */
const collector = defineGcpCollector<Record<string, unknown>>({
  type: TYPE,
  api: 'serviceusage',
  list: pagedList('serviceusage.services.list', 'v1/projects/{project}/services', 'services', {
    filter: 'state:ENABLED',
    pageSize: 200,
  }),
});

export default defineGcpResource({
  collector,
  normaliser,
  singleton: true,
  changedBy: {
    events: {
      'google.api.serviceusage.v1.ServiceUsage.EnableService': [],
      'google.api.serviceusage.v1.ServiceUsage.DisableService': [],
      'google.api.serviceusage.v1.ServiceUsage.BatchEnableServices': [],
    },
  },
});
