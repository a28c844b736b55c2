import { z } from 'zod';
import { defineNormaliser } from '../../../core/provider.js';
import { itemIds } from '../../kit/resource.js';
import {
  bool,
  buildRecord,
  enrichment,
  type Json,
  records,
  requireItem,
  requireString,
  str,
} from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineGcpCollector, pagedList } from '../collector.js';
import { ageDays, collectedAt, stampCollectedAt } from '../gcp-facts.js';
import { defineGcpResource } from '../resource.js';

const TYPE = 'gcp.iam.service_account';

const RAW = S.raw({
  collected_at: S.str,
  item: S.obj({
    name: S.str,
    email: S.str,
    uniqueId: S.str,
    displayName: S.str,
    disabled: S.bool,
  }),
  keys: S.answer({
    keys: S.list(
      z.looseObject({
        name: S.str,
        validAfterTime: S.str,
        validBeforeTime: S.str,
        keyType: S.str,
        keyOrigin: S.str,
        disabled: S.bool,
      }),
    ),
  }),
});

export interface UserManagedKey {
  id: string;
  created: string | null;
  age_days: number | null;
  expires: string | null;
  disabled: boolean;
  origin: string | null;
}

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'gcp',
  service: 'iam',
  produces: [TYPE],
  raw: RAW,
  normalise(raw, scope) {
    const sa = requireItem(raw, TYPE);
    const email = requireString(sa, 'email', TYPE, 'item.email');
    const keys = enrichment(raw, 'keys');
    const now = collectedAt(raw);
    const userManaged: UserManagedKey[] | null =
      keys.state === 'value'
        ? records(keys.value.keys)
            .filter((k) => (str(k.keyType) ?? 'USER_MANAGED') === 'USER_MANAGED')
            .map((k) => ({
              id: (str(k.name) ?? '').split('/').pop() ?? '',
              created: str(k.validAfterTime),
              age_days: ageDays(k.validAfterTime, now),
              expires: str(k.validBeforeTime),
              disabled: bool(k.disabled) ?? false,
              origin: str(k.keyOrigin),
            }))
        : keys.state === 'absent'
          ? []
          : null;
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: TYPE,
        reference: `//iam.googleapis.com/${str(sa.name) ?? `projects/${scope.account}/serviceAccounts/${email}`}`,
        name: email,
        region: 'global',
        service: 'iam',
        ext: {
          email,
          unique_id: str(sa.uniqueId),
          display_name: str(sa.displayName),
          disabled: bool(sa.disabled) ?? false,
          // a Google-managed default account (Compute Engine, App Engine) or one the project made
          default_account: /-compute@developer\.gserviceaccount\.com$|@appspot\.gserviceaccount\.com$/.test(
            email,
          ),
          user_managed_keys: userManaged,
          ...(keys.state === 'unknown' ? { keys_unreadable: keys.reason } : {}),
        },
        shape: {},
      }),
    ];
  },
});

/** A project's service accounts and, per account, its user-managed keys (never key material). */
const collector = defineGcpCollector<Json>({
  type: TYPE,
  api: 'iam',
  list: pagedList('iam.serviceAccounts.list', 'v1/projects/{project}/serviceAccounts', 'accounts', {
    pageSize: 100,
  }),
  derive: stampCollectedAt,
  enrich: {
    keys: {
      permission: 'iam.serviceAccountKeys.list',
      facts: ['user_managed_keys'],
      call: (r, sa) =>
        // an e-mail is a valid path segment as it is (RFC 3986 allows @), as Google's clients send it
        r.get(
          `${r.path('v1/projects/{project}/serviceAccounts')}/${String(sa.email).replace(/\//g, '%2F')}/keys`,
          {
            keyTypes: 'USER_MANAGED',
          },
        ),
    },
  },
  getOne: { ids: (raw) => itemIds(raw, 'email', 'uniqueId'), absentOn: ['absent'] },
});

/** The service account in a resource name: projects/-/serviceAccounts/<id or e-mail>[/keys/<key>]. */
const accountOf = (v: string) => /serviceAccounts\/([^/]+)/.exec(v)?.[1] ?? undefined;

export default defineGcpResource({
  collector,
  normaliser,
  changedBy: {
    events: Object.fromEntries(
      [
        'CreateServiceAccount',
        'DeleteServiceAccount',
        'DisableServiceAccount',
        'EnableServiceAccount',
        'CreateServiceAccountKey',
        'DeleteServiceAccountKey',
        'DisableServiceAccountKey',
        'EnableServiceAccountKey',
        'UploadServiceAccountKey',
      ].map((m) => [`google.iam.admin.v1.${m}`, ['protoPayload.resourceName']]),
    ),
    normalise: accountOf,
  },
});
