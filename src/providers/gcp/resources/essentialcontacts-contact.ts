import { defineNormaliser } from '../../../core/provider.js';
import { buildRecord, type Json, requireItem, requireString, str, strings } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { type ApiReader, defineGcpCollector } from '../collector.js';
import { defineGcpResource } from '../resource.js';

const TYPE = 'gcp.essentialcontacts.contact';

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'gcp',
  service: 'essentialcontacts',
  produces: [TYPE],
  raw: S.raw({
    item: S.obj({
      name: S.str,
      email: S.str,
      notificationCategorySubscriptions: S.strs,
      validationState: S.str,
    }),
  }),
  normalise(raw, scope) {
    const c = requireItem(raw, TYPE);
    // projects/<p>/contacts/<id> or organizations/<n>/contacts/<id>
    const name = requireString(c, 'name', TYPE, 'item.name');
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: TYPE,
        reference: `//essentialcontacts.googleapis.com/${name}`,
        // the address is who gets told: the finding names it
        name: str(c.email) ?? name,
        region: 'global',
        service: 'essentialcontacts',
        ext: {
          set_on: name.split('/contacts/')[0] ?? null,
          categories: strings(c.notificationCategorySubscriptions),
          validation_state: str(c.validationState),
        },
        shape: {},
      }),
    ];
  },
});

/** The project's contacts and those of its organisation, which Google notifies for the project too. */
async function contacts(r: ApiReader): Promise<Json[]> {
  const own = await r.list<Json>(r.path('v1/projects/{project}/contacts'), 'contacts', { pageSize: 100 });
  const parent = r.project.parent;
  if (!parent?.startsWith('organizations/')) return own;
  return [...own, ...(await r.list<Json>(`v1/${parent}/contacts`, 'contacts', { pageSize: 100 }))];
}

const collector = defineGcpCollector<Json>({
  type: TYPE,
  api: 'essentialcontacts',
  list: { permission: 'essentialcontacts.contacts.list', all: contacts },
});

export default defineGcpResource({
  collector,
  normaliser,
  singleton: true,
  changedBy: {
    events: Object.fromEntries(
      ['CreateContact', 'UpdateContact', 'DeleteContact'].map((m) => [
        `google.cloud.essentialcontacts.v1.EssentialContactsService.${m}`,
        [],
      ]),
    ),
  },
});
