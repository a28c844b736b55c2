import type { ManagedPolicyDetail } from '@aws-sdk/client-iam';
import { defineNormaliser } from '../../../core/provider.js';
import { bool, buildRecord, num, requireItem, requireString, str } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import {
  allowsDecryptOnAllKeys,
  grantsFullAdmin,
  readPolicyDocument,
  wildcardServiceActions,
} from './aws-facts.js';

const TYPE = 'aws.iam.policy';

const RAW = S.raw({
  item: S.obj({
    PolicyName: S.str,
    Arn: S.str,
    PolicyId: S.str,
    AttachmentCount: S.num,
    IsAttachable: S.bool,
    DefaultVersionId: S.str,
  }),
  defaultDocument: S.policyDocument,
  defaultVersion: S.answer({ Document: S.policyDocument }),
});

/**
 * A customer managed policy with its default version's document (the collector decodes it
 * into `defaultDocument`; an encoded or malformed one is read here too). full_admin is null
 * when the document could not be read.
 */
export default defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'iam',
  produces: [TYPE, 'identity_policy'],
  raw: RAW,
  normalise(raw, scope) {
    const p = requireItem<ManagedPolicyDetail>(raw, TYPE);
    const name = requireString(p, 'PolicyName', TYPE, 'item.PolicyName');
    const arn = requireString(p, 'Arn', TYPE, 'item.Arn');
    const versionDoc = (raw.defaultVersion as { Document?: unknown } | null | undefined)?.Document;
    const doc = readPolicyDocument(raw.defaultDocument ?? versionDoc);
    const unreadable = 'unreadable' in doc ? doc.unreadable : null;
    const document = 'doc' in doc ? doc.doc : null;
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'identity_policy',
        reference: arn,
        name,
        service: 'iam',
        ext: {
          policy_id: str(p.PolicyId),
          attachment_count: num(p.AttachmentCount),
          is_attachable: bool(p.IsAttachable),
          default_version_id: str(p.DefaultVersionId),
          document_unreadable: unreadable,
          full_admin: unreadable !== null ? null : document === null ? null : grantsFullAdmin(document),
          kms_decrypt_all_keys: document === null ? null : allowsDecryptOnAllKeys(document),
          wildcard_service_actions: document === null ? null : wildcardServiceActions(document),
        },
        shape: {},
      }),
    ];
  },
});
