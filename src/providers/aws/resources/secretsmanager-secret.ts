import {
  paginateListSecrets,
  type SecretListEntry,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { defineNormaliser } from '../../../core/provider.js';
import { eventsAt, itemIds } from '../../kit/resource.js';
import {
  bool,
  buildRecord,
  isRecord,
  keyValueTags,
  num,
  requireItem,
  requireString,
  str,
} from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineCollector } from '../collector.js';
import { dateOf, daysSince, isoOf } from '../normalisers/aws-facts.js';
import { defineAwsResource } from '../resource.js';

const TYPE = 'aws.secretsmanager.secret';

/**
 * Secrets Manager secrets: ListSecrets answers everything the checks read (rotation settings,
 * the last rotation and access, the key), so there is no per-secret call. Secret values are
 * never read (the read-only guard refuses GetSecretValue and BatchGetSecretValue).
 */
const collector = defineCollector({
  type: TYPE,
  service: 'secretsmanager',
  client: SecretsManagerClient,
  scope: 'region',
  list: {
    permission: 'secretsmanager:ListSecrets',
    paginate: (client) => paginateListSecrets({ client, pageSize: 100 }, {}),
    items: (page) => page.SecretList,
  },
  getOne: { ids: (raw) => itemIds(raw, 'Name', 'ARN') },
});

const RAW = S.raw({
  item: S.obj({
    ARN: S.str,
    Name: S.str,
    KmsKeyId: S.str,
    RotationEnabled: S.bool,
    RotationRules: S.obj({ AutomaticallyAfterDays: S.num, ScheduleExpression: S.str, Duration: S.str }),
    LastRotatedDate: S.date,
    LastAccessedDate: S.date,
    CreatedDate: S.date,
    NextRotationDate: S.date,
    DeletedDate: S.date,
    Tags: S.keyValueTags,
  }),
  collectedAt: S.date,
});

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'secretsmanager',
  produces: [TYPE, 'secret'],
  raw: RAW,
  normalise(raw, scope) {
    const s = requireItem<SecretListEntry>(raw, TYPE);
    const arn = requireString(s, 'ARN', TYPE, 'item.ARN');
    const name = str(s.Name) ?? arn;
    const rules = isRecord(s.RotationRules) ? s.RotationRules : {};
    const created = dateOf(s.CreatedDate);
    const rotated = dateOf(s.LastRotatedDate);
    const accessed = dateOf(s.LastAccessedDate);
    const next = dateOf(s.NextRotationDate);
    // ages count to when the secret was read, when the collection recorded it (a stored snapshot)
    const now = dateOf(raw.collectedAt)?.getTime() ?? Date.now();
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'secret',
        reference: arn,
        name,
        service: 'secretsmanager',
        tags: keyValueTags(s.Tags),
        ext: {
          secret_name: name,
          // absent from the answer = rotation was never turned on
          rotation_enabled: bool(s.RotationEnabled) ?? false,
          rotation_interval_days: num(rules.AutomaticallyAfterDays),
          rotation_schedule: str(rules.ScheduleExpression),
          kms_key_id: str(s.KmsKeyId),
          created: isoOf(created),
          last_rotated: isoOf(rotated),
          last_accessed: isoOf(accessed),
          next_rotation: isoOf(next),
          days_since_created: daysSince(created, now),
          // never rotated: its age counts from its creation
          days_since_rotation: daysSince(rotated ?? created, now),
          days_since_access: daysSince(accessed, now),
          // a scheduled rotation whose date has passed did not happen
          rotation_overdue_days: next === null ? null : Math.max(0, daysSince(next, now) ?? 0),
        },
        shape: {},
      }),
    ];
  },
});

export default defineAwsResource({
  collector,
  normaliser,
  changedBy: {
    events: {
      CreateSecret: ['responseElements.aRN', 'requestParameters.name'],
      ...eventsAt(
        ['DeleteSecret', 'RestoreSecret', 'RotateSecret', 'CancelRotateSecret', 'UpdateSecret'],
        ['requestParameters.secretId'],
      ),
    },
    // an ARN ends in the name plus a dash and six random characters
    normalise: (v) =>
      v.startsWith('arn:') ? (v.split(':secret:')[1]?.replace(/-[A-Za-z0-9]{6}$/, '') ?? v) : v,
  },
  asff: 'AwsSecretsManagerSecret',
  // one list call per region: a low budget costs nothing
  pacing: { rate: 20, burst: 40 },
});
