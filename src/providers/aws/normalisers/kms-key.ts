import type { KeyMetadata } from '@aws-sdk/client-kms';
import { defineNormaliser } from '../../../core/provider.js';
import {
  bool,
  buildRecord,
  enrichment,
  isRecord,
  type Json,
  num,
  requireItem,
  requireString,
  str,
  unknownReasons,
} from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { awsArn } from './aws-common.js';
import { isoOf } from './aws-facts.js';
import { resourcePolicyFacts } from './resource-policy.js';

const TYPE = 'aws.kms.key';

const RAW = S.raw({
  item: S.obj({ KeyId: S.str, KeyArn: S.str }),
  metadata: S.answer({
    KeyMetadata: S.obj({
      KeyManager: S.str,
      KeySpec: S.str,
      CustomerMasterKeySpec: S.str,
      KeyUsage: S.str,
      KeyState: S.str,
      Origin: S.str,
      Description: S.str,
      DeletionDate: S.date,
    }),
  }),
  rotation: S.answer({ KeyRotationEnabled: S.bool, RotationPeriodInDays: S.num }),
  keyPolicy: S.answer({ Policy: S.policyDocument }),
});

/**
 * A KMS key with DescribeKey (`metadata`) and GetKeyRotationStatus (`rotation`). The collector
 * asks for rotation only for customer managed keys; KMS refuses it for keys that cannot rotate
 * (asymmetric, HMAC, imported, pending deletion), stored as null: rotation_supported false.
 * rotation_enabled is null when the metadata or the rotation status could not be read.
 */
export default defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'kms',
  produces: [TYPE, 'key'],
  raw: RAW,
  normalise(raw, scope) {
    const k = requireItem(raw, TYPE);
    const id = requireString(k, 'KeyId', TYPE, 'item.KeyId');
    const metadata = enrichment(raw, 'metadata');
    const rotation = enrichment(raw, 'rotation');
    const meta = metadata.state === 'value' ? metadata.value.KeyMetadata : undefined;
    // the SDK type is a view for readability; every field is still read through the narrowing helpers
    const m = isRecord(meta) ? (meta as KeyMetadata & Json) : null;
    const manager = m ? str(m.KeyManager) : null;
    // not asked (AWS managed key) = not applicable; asked and refused = not supported
    const rotationAsked = 'rotation' in raw;
    const policyAsked = 'keyPolicy' in raw;
    const keyPolicy = enrichment(raw, 'keyPolicy');
    const policy =
      keyPolicy.state === 'value'
        ? resourcePolicyFacts(keyPolicy.value.Policy ?? { __error: 'GetKeyPolicy answered without Policy' })
        : null;
    // the key policy of a customer managed key not read (a scan whose checks do not read it, a
    // snapshot from before it was collected) says why it is unknown
    const unknown = unknownReasons({
      metadata,
      ...(rotationAsked ? { rotation } : {}),
      ...(policyAsked || manager !== 'AWS' ? { keyPolicy } : {}),
    });
    if (policy?.unreadable) unknown.keyPolicy = policy.unreadable;
    const rotationEnabled =
      rotation.state === 'value'
        ? bool(rotation.value.KeyRotationEnabled)
        : rotation.state === 'absent'
          ? false
          : null;
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'key',
        reference: str(k.KeyArn) ?? awsArn('kms', scope.region, scope.account, `key/${id}`, scope.partition),
        name: id,
        service: 'kms',
        ext: {
          key_id: id,
          key_manager: manager,
          key_spec: m ? (str(m.KeySpec) ?? str(m.CustomerMasterKeySpec)) : null,
          key_usage: m ? str(m.KeyUsage) : null,
          key_state: m ? str(m.KeyState) : null,
          origin: m ? str(m.Origin) : null,
          description: m ? str(m.Description) : null,
          rotation_supported: rotationAsked ? rotation.state !== 'absent' : null,
          rotation_enabled: rotationAsked ? rotationEnabled : null,
          rotation_period_days: rotation.state === 'value' ? num(rotation.value.RotationPeriodInDays) : null,
          deletion_date: m ? isoOf(m.DeletionDate) : null,
          // not asked (AWS managed key, or no check reads it) = not applicable
          policy_public: policyAsked ? (policy?.public ?? null) : null,
          public_statements: policyAsked ? (policy?.public_statements ?? null) : null,
          unknown_facts: unknown,
        },
        shape: {},
      }),
    ];
  },
});
