import { defineNormaliser } from '../../../core/provider.js';
import { at, bool, buildRecord, isRecord } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { awsArn, settingName } from './aws-common.js';

const TYPE = 'aws.s3.account_public_access_block';
const FLAGS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const;

/** null: no account-level block is configured. */
const RAW = S.raw({
  item: S.obj({
    PublicAccessBlockConfiguration: S.obj({
      BlockPublicAcls: S.bool,
      IgnorePublicAcls: S.bool,
      BlockPublicPolicy: S.bool,
      RestrictPublicBuckets: S.bool,
    }),
  }),
});

/**
 * The account-level S3 public access block (GetPublicAccessBlock of S3 Control). item null:
 * none is configured, every flag off.
 */
export default defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 's3',
  produces: [TYPE],
  raw: RAW,
  normalise(raw, scope) {
    if (!('item' in raw)) throw new Error(`${TYPE}: missing required field item (the list call's answer)`);
    const item = raw.item;
    if (item !== null && !isRecord(item)) throw new Error(`${TYPE}: item is not an object or null`);
    const cfg = item === null ? null : at(item, 'PublicAccessBlockConfiguration');
    if (item !== null && !isRecord(cfg)) {
      throw new Error(`${TYPE}: missing required field item.PublicAccessBlockConfiguration`);
    }
    const flags = Object.fromEntries(FLAGS.map((f) => [f, cfg ? (bool(at(cfg, f)) ?? false) : false]));
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'account_setting',
        reference: awsArn('s3', 'global', scope.account, 'account-public-access-block', scope.partition),
        name: settingName('S3 account public access block', scope),
        service: 's3',
        ext: {
          configured: item !== null,
          flags,
          all_blocked: FLAGS.every((f) => flags[f] === true),
        },
        shape: {},
      }),
    ];
  },
});
