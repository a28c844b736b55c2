import { defineNormaliser } from '../../../core/provider.js';
import { buildRecord, isErrorFact, type Json, requireItem, requireString } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { dateOf, daysSince } from './aws-facts.js';
import { flag, when } from './iam-report-fields.js';

const TYPE = 'aws.iam.credential_report';
const ROOT = '<root_account>';

function accessKey(row: Json, slot: 1 | 2, now: number) {
  const active = flag(row[`access_key_${slot}_active`]);
  const rotated = when(row[`access_key_${slot}_last_rotated`]);
  const used = when(row[`access_key_${slot}_last_used_date`]);
  return {
    slot,
    active,
    last_rotated: rotated.date?.toISOString() ?? null,
    /** days since the key was created or last rotated; null when unknown */
    age_days: rotated.known ? daysSince(rotated.date, now) : null,
    last_used: used.date?.toISOString() ?? null,
    /** days since last use; null when never used or unknown (see used_known) */
    last_used_days: daysSince(used.date, now),
    used_known: used.known,
  };
}

/** Every column is text in the report's CSV; a row the collector could not parse is {__error}. */
const RAW = S.raw({
  item: S.obj({
    __error: S.str,
    user: S.str,
    arn: S.str,
    user_creation_time: S.str,
    password_enabled: S.str,
    password_last_used: S.str,
    password_last_changed: S.str,
    mfa_active: S.str,
    access_key_1_active: S.str,
    access_key_1_last_rotated: S.str,
    access_key_1_last_used_date: S.str,
    access_key_2_active: S.str,
    access_key_2_last_rotated: S.str,
    access_key_2_last_used_date: S.str,
    cert_1_active: S.str,
    cert_2_active: S.str,
  }),
  collectedAt: S.date,
});

/**
 * One row of the IAM credential report: a user's password, MFA and access key facts, with ages
 * in days counted to `raw.collectedAt` when the collection recorded when it read the report (so
 * a snapshot audited later keeps its ages), else to the time of normalisation. The root account is the row '<root_account>'. A row
 * the collector could not parse arrives as {__error} and is refused with that reason. The
 * reference is the user ARN with '#credentials', so it never collides with the aws.iam.user
 * record of the same user.
 */
export default defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'iam',
  produces: [TYPE],
  raw: RAW,
  normalise(raw, scope) {
    if (isErrorFact(raw.item)) throw new Error(`${TYPE}: unreadable report row: ${raw.item.__error}`);
    const row = requireItem(raw, TYPE);
    const user = requireString(row, 'user', TYPE, 'item.user');
    const arn = requireString(row, 'arn', TYPE, 'item.arn');
    const isRoot = user === ROOT;
    const now = dateOf(raw.collectedAt)?.getTime() ?? Date.now();
    const passwordEnabled = isRoot ? true : flag(row.password_enabled);
    const lastUsed = when(row.password_last_used);
    const changed = when(row.password_last_changed);
    const created = when(row.user_creation_time);
    const keys = [accessKey(row, 1, now), accessKey(row, 2, now)];
    const keyStates = keys.map((k) => k.active);
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'identity_credentials',
        reference: `${arn}#credentials`,
        name: isRoot ? 'root' : user,
        service: 'iam',
        ext: {
          user,
          arn,
          is_root: isRoot,
          password_enabled: passwordEnabled,
          password_last_used: lastUsed.date?.toISOString() ?? null,
          password_last_used_days: daysSince(lastUsed.date, now),
          password_use_known: lastUsed.known,
          password_last_changed_days: changed.known ? daysSince(changed.date, now) : null,
          user_created_days: created.known ? daysSince(created.date, now) : null,
          mfa_active: flag(row.mfa_active),
          access_keys: keys,
          active_access_key_count: keyStates.includes(null)
            ? null
            : keyStates.filter((a) => a === true).length,
          cert_active: flag(row.cert_1_active) === true || flag(row.cert_2_active) === true,
        },
        shape: {},
      }),
    ];
  },
});
