import { defineNormaliser } from '../../../core/provider.js';
import { bool, buildRecord, requireItem, str } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { awsArn, settingName } from './aws-common.js';

const TYPE = 'aws.ec2.ebs_encryption_default';

const RAW = S.raw({ item: S.obj({ EbsEncryptionByDefault: S.bool, SseType: S.str }) });

/** Whether new EBS volumes of one region are encrypted by default (GetEbsEncryptionByDefault). */
export default defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'ec2',
  produces: [TYPE],
  raw: RAW,
  normalise(raw, scope) {
    const a = requireItem(raw, TYPE);
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'region_setting',
        reference: awsArn('ec2', scope.region, scope.account, 'ebs-encryption-by-default', scope.partition),
        name: settingName('EBS encryption by default', scope),
        service: 'ec2',
        ext: { enabled: bool(a.EbsEncryptionByDefault), sse_type: str(a.SseType) },
        shape: {},
      }),
    ];
  },
});
