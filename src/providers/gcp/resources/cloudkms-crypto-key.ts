import { defineNormaliser } from '../../../core/provider.js';
import { eventsAt } from '../../kit/resource.js';
import { mapConcurrent } from '../../kit/task-pool.js';
import { buildRecord, enrichment, type Json, requireItem, requireString, str } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { type ApiReader, defineGcpCollector } from '../collector.js';
import { durationSeconds } from '../gcp-facts.js';
import { BINDING_TYPE, bindingRecords, bindingsOf, POLICY_SHAPE, PUBLIC_MEMBERS } from '../iam-policy.js';
import { defineGcpResource } from '../resource.js';

const TYPE = 'gcp.cloudkms.crypto_key';
/** key rings listed at once, over a project's locations */
const LOCATION_CONCURRENCY = 4;

const RAW = S.raw({
  item: S.obj({
    name: S.str,
    purpose: S.str,
    createTime: S.str,
    nextRotationTime: S.str,
    rotationPeriod: S.str,
    primary: S.obj({ state: S.str }),
    versionTemplate: S.obj({ protectionLevel: S.str, algorithm: S.str }),
  }),
  iam: POLICY_SHAPE,
});

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'gcp',
  service: 'cloudkms',
  produces: [TYPE, BINDING_TYPE, 'key'],
  raw: RAW,
  normalise(raw, scope) {
    const key = requireItem(raw, TYPE);
    // projects/<p>/locations/<l>/keyRings/<r>/cryptoKeys/<k>
    const name = requireString(key, 'name', TYPE, 'item.name');
    const location = /\/locations\/([^/]+)\//.exec(name)?.[1] ?? 'global';
    const ring = /\/keyRings\/([^/]+)\//.exec(name)?.[1] ?? null;
    const short = name.split('/').pop() ?? name;
    const reference = `//cloudkms.googleapis.com/${name}`;
    const iam = enrichment(raw, 'iam');
    const bindings = iam.state === 'value' ? bindingsOf(iam.value) : iam.state === 'absent' ? [] : null;
    const rotationSeconds = durationSeconds(key.rotationPeriod);
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'key',
        reference,
        name: `${ring ?? '?'}/${short}`,
        region: location,
        service: 'cloudkms',
        ext: {
          full_name: name,
          key_ring: ring,
          purpose: str(key.purpose),
          primary_state: str((key.primary as Json | undefined)?.state),
          rotation_period_days: rotationSeconds === null ? null : rotationSeconds / 86_400,
          next_rotation_time: str(key.nextRotationTime),
          public_members:
            bindings === null
              ? null
              : bindings
                  .filter((b) => PUBLIC_MEMBERS.has(b.member))
                  .map((b) => ({ member: b.member, role: b.role })),
          ...(iam.state === 'unknown' ? { iam_unreadable: iam.reason } : {}),
        },
        shape: {},
      }),
      ...(iam.state === 'value'
        ? bindingRecords(
            iam.value,
            { reference, name: short, kind: 'crypto_key' },
            { ...scope, region: location },
            TYPE,
            'cloudkms',
          )
        : []),
    ];
  },
});

/** Every key ring of every location of the project (Cloud KMS lists by location; there is no wildcard). */
async function* allKeys(r: ApiReader): AsyncIterable<Json> {
  const locations = await r.list<Json>(r.path('v1/projects/{project}/locations'), 'locations');
  const ids = locations.map((l) => str(l.locationId)).filter((l): l is string => l !== null);
  const rings = await mapConcurrent(ids, LOCATION_CONCURRENCY, (loc) =>
    r.list<Json>(r.path('v1/projects/{project}/locations/{loc}/keyRings', { loc }), 'keyRings', {
      pageSize: 1000,
    }),
  );
  for (const ring of rings.flat()) {
    const name = str(ring.name);
    if (!name) continue;
    yield* await r.list<Json>(`v1/${name}/cryptoKeys`, 'cryptoKeys', { pageSize: 1000 });
  }
}

/** A project's Cloud KMS keys (every location and key ring) with each key's IAM policy. */
const collector = defineGcpCollector<Json>({
  type: TYPE,
  api: 'cloudkms',
  list: {
    permission: 'cloudkms.cryptoKeys.list',
    alsoCalls: ['cloudkms.locations.list', 'cloudkms.keyRings.list'],
    all: (r) => allKeys(r),
  },
  enrich: {
    iam: {
      permission: 'cloudkms.cryptoKeys.getIamPolicy',
      facts: ['public_members'],
      // a GET in Cloud KMS (not the POST of Resource Manager)
      call: (r, key) => r.get(`v1/${String(key.name)}:getIamPolicy`, { 'options.requestedPolicyVersion': 3 }),
    },
  },
  getOne: {
    ids: (raw) => [String((raw.item as Json | undefined)?.name ?? '')].filter(Boolean),
    absentOn: ['absent'],
  },
});

/** The key in a resource name (a key version's too): projects/p/locations/l/keyRings/r/cryptoKeys/k[/...]. */
const keyOf = (v: string) =>
  /^(projects\/[^/]+\/locations\/[^/]+\/keyRings\/[^/]+\/cryptoKeys\/[^/]+)/.exec(v)?.[1];

export default defineGcpResource({
  collector,
  normaliser,
  changedBy: {
    events: eventsAt(
      ['CreateCryptoKey', 'UpdateCryptoKey', 'UpdateCryptoKeyPrimaryVersion', 'SetIamPolicy'],
      ['protoPayload.resourceName'],
    ),
    normalise: keyOf,
  },
});
