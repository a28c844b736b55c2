import { defineNormaliser } from '../../../core/provider.js';
import { buildRecord, num, requireItem } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { awsArn } from './aws-common.js';

const TYPE = 'aws.iam.account_summary';

/** GetAccountSummary counts are numbers; 1 / 0 for the root flags, anything else is unknown. */
function flag(v: unknown): boolean | null {
  const n = num(v);
  if (n === null) return null;
  return n > 0;
}

const RAW = S.raw({
  item: S.obj({
    AccountMFAEnabled: S.num,
    AccountAccessKeysPresent: S.num,
    AccountSigningCertificatesPresent: S.num,
    Users: S.num,
    MFADevicesInUse: S.num,
  }),
});

/**
 * The IAM account summary, one record per account. It answers the root user's facts (MFA on,
 * access keys present), so the record is the root user: reference arn:...:root, name 'root'.
 */
export default defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'iam',
  produces: [TYPE],
  raw: RAW,
  normalise(raw, scope) {
    const m = requireItem(raw, TYPE);
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'identity_root',
        reference: awsArn('iam', 'global', scope.account, 'root', scope.partition),
        name: 'root',
        service: 'iam',
        ext: {
          root_mfa_enabled: flag(m.AccountMFAEnabled),
          root_access_keys_present: flag(m.AccountAccessKeysPresent),
          root_signing_certificates_present: flag(m.AccountSigningCertificatesPresent),
          users: num(m.Users),
          mfa_devices_in_use: num(m.MFADevicesInUse),
        },
        shape: {},
      }),
    ];
  },
});
