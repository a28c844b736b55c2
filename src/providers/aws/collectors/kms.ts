import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  type KeyMetadata,
  KMSClient,
  KMSInvalidStateException,
  paginateListKeys,
  UnsupportedOperationException,
} from '@aws-sdk/client-kms';
import { defineCollector } from '../collector.js';

function metadataOf(answer: unknown): KeyMetadata | undefined {
  if (typeof answer !== 'object' || answer === null || !('KeyMetadata' in answer)) return undefined;
  return (answer as { KeyMetadata?: KeyMetadata }).KeyMetadata;
}

export const keys = defineCollector({
  type: 'aws.kms.key',
  service: 'kms',
  client: KMSClient,
  scope: 'region',
  list: {
    permission: 'kms:ListKeys',
    paginate: (client) => paginateListKeys({ client, pageSize: 1000 }, {}),
    items: (page) => page.Keys,
  },
  enrich: {
    metadata: {
      permission: 'kms:DescribeKey',
      call: (client, k) => client.send(new DescribeKeyCommand({ KeyId: k.KeyArn ?? k.KeyId })),
    },
    // rotation applies to customer managed keys only (AWS managed keys rotate by themselves);
    // absent when not applicable, null when KMS says it cannot apply (asymmetric, pending deletion)
    rotation: {
      permission: 'kms:GetKeyRotationStatus',
      after: ['metadata'],
      when: (_k, raw) => {
        const m = metadataOf(raw.metadata);
        return m === undefined || m.KeyManager === 'CUSTOMER';
      },
      absentOn: [UnsupportedOperationException, KMSInvalidStateException],
      call: (client, k) => client.send(new GetKeyRotationStatusCommand({ KeyId: k.KeyArn ?? k.KeyId })),
    },
    // the key policy of customer managed keys: AWS managed keys' policies are AWS's to set
    keyPolicy: {
      permission: 'kms:GetKeyPolicy',
      facts: ['policy_public', 'public_statements'],
      after: ['metadata'],
      when: (_k, raw) => {
        const m = metadataOf(raw.metadata);
        return m === undefined || m.KeyManager === 'CUSTOMER';
      },
      call: (client, k) =>
        client.send(new GetKeyPolicyCommand({ KeyId: k.KeyArn ?? k.KeyId, PolicyName: 'default' })),
    },
  },
});
