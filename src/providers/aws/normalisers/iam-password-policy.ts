import type { PasswordPolicy } from '@aws-sdk/client-iam';
import { defineNormaliser } from '../../../core/provider.js';
import { bool, buildRecord, isRecord, num } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { awsArn, settingName } from './aws-common.js';

const TYPE = 'aws.iam.password_policy';

/** null: no policy is set (NoSuchEntity). */
const RAW = S.raw({
  item: S.obj({
    MinimumPasswordLength: S.num,
    PasswordReusePrevention: S.num,
    MaxPasswordAge: S.num,
    RequireSymbols: S.bool,
    RequireNumbers: S.bool,
    RequireUppercaseCharacters: S.bool,
    RequireLowercaseCharacters: S.bool,
    ExpirePasswords: S.bool,
    HardExpiry: S.bool,
    AllowUsersToChangePassword: S.bool,
  }),
});

/**
 * The account password policy: one record per account. The collector stores item null when
 * IAM answers NoSuchEntity (no policy set: IAM's defaults apply and nothing is required), so
 * `exists` is false and every requirement reads as not set. In a policy that exists, a field
 * IAM leaves out is a requirement that is not set.
 */
export default defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'iam',
  produces: [TYPE],
  raw: RAW,
  normalise(raw, scope) {
    if (!('item' in raw)) throw new Error(`${TYPE}: missing required field item (the list call's answer)`);
    const item = raw.item;
    if (item !== null && !isRecord(item)) throw new Error(`${TYPE}: item is not an object or null`);
    const p: (PasswordPolicy & Record<string, unknown>) | null = item;
    const setting = (v: unknown): boolean => (p === null ? false : (bool(v) ?? false));
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'password_policy',
        reference: awsArn('iam', 'global', scope.account, 'account-password-policy', scope.partition),
        name: settingName('IAM password policy', scope),
        service: 'iam',
        ext: {
          exists: p !== null,
          minimum_length: p === null ? null : num(p.MinimumPasswordLength),
          // absent in an existing policy = reuse is not prevented
          reuse_prevention: p === null ? 0 : (num(p.PasswordReusePrevention) ?? 0),
          max_age_days: p === null ? null : num(p.MaxPasswordAge),
          require_symbols: setting(p?.RequireSymbols),
          require_numbers: setting(p?.RequireNumbers),
          require_uppercase: setting(p?.RequireUppercaseCharacters),
          require_lowercase: setting(p?.RequireLowercaseCharacters),
          expire_passwords: setting(p?.ExpirePasswords),
          hard_expiry: setting(p?.HardExpiry),
          allow_users_to_change: setting(p?.AllowUsersToChangePassword),
        },
        shape: {},
      }),
    ];
  },
});
