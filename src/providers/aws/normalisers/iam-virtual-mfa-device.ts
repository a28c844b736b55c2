import type { VirtualMFADevice } from '@aws-sdk/client-iam';
import { defineNormaliser } from '../../../core/provider.js';
import { at, buildRecord, requireItem, requireString, str } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { dateOf } from './aws-facts.js';

const TYPE = 'aws.iam.virtual_mfa_device';

const RAW = S.raw({
  item: S.obj({ SerialNumber: S.str, User: S.obj({ Arn: S.str }), EnableDate: S.date }),
});

/**
 * A virtual (software) MFA device. assigned_to is the ARN of its user; the root user's virtual
 * device is assigned to arn:aws:iam::<account>:root, which is how a root user without a
 * hardware device is recognised.
 */
export default defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'iam',
  produces: [TYPE],
  raw: RAW,
  normalise(raw, scope) {
    const d = requireItem<VirtualMFADevice>(raw, TYPE);
    const serial = requireString(d, 'SerialNumber', TYPE, 'item.SerialNumber');
    const userArn = str(at(d, 'User.Arn'));
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'mfa_device',
        reference: serial,
        name: serial.slice(serial.lastIndexOf('/') + 1) || serial,
        service: 'iam',
        ext: {
          assigned_to: userArn,
          assigned_to_root: userArn !== null && /:root$/.test(userArn),
          enabled: dateOf(d.EnableDate)?.toISOString() ?? null,
        },
        shape: {},
      }),
    ];
  },
});
