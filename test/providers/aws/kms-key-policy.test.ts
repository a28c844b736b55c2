import { describe, expect, it } from 'vitest';
import { awsPolicy } from '../../../src/providers/aws/policy.js';
import { ACCOUNT, endpointCollection, jsonAnswer, REGION } from './endpoint-collection.js';
import type { EndpointRequest } from './fixture-endpoint.js';
import { wireError } from './helpers.js';

/**
 * KMS keys with their key policies (FSBP KMS.3, KMS.5) through the SDK stack against the
 * fixture endpoint, in KMS's JSON 1.1 shapes (ListKeys, DescribeKey, GetKeyPolicy as in the
 * cloud-custodian placebo recordings).
 */

const env = endpointCollection('AKIDKMSTEST');
const TYPE = 'aws.kms.key';
const arn = (id: string) => `arn:aws:kms:${REGION}:${ACCOUNT}:key/${id}`;

interface Key {
  id: string;
  manager: 'CUSTOMER' | 'AWS';
  state?: string;
  policy?: unknown;
}

const keyPolicy = (principal: unknown, condition?: Record<string, unknown>) =>
  JSON.stringify({
    Version: '2012-10-17',
    Id: 'key-default-1',
    Statement: [
      {
        Sid: 'Enable IAM User Permissions',
        Effect: 'Allow',
        Principal: principal,
        Action: 'kms:*',
        Resource: '*',
        ...(condition ? { Condition: condition } : {}),
      },
    ],
  });

function kmsAnswers(keys: Key[]) {
  return (r: EndpointRequest) => {
    if (r.service !== 'kms' || r.headers['x-amz-target'] !== `TrentService.${r.action}`) return undefined;
    const input = JSON.parse(r.body || '{}') as { KeyId?: string };
    const key = keys.find((k) => arn(k.id) === input.KeyId || k.id === input.KeyId);
    switch (r.action) {
      case 'ListKeys':
        return jsonAnswer({ Keys: keys.map((k) => ({ KeyId: k.id, KeyArn: arn(k.id) })), Truncated: false });
      case 'DescribeKey':
        return jsonAnswer({
          KeyMetadata: {
            AWSAccountId: ACCOUNT,
            KeyId: key?.id,
            Arn: key ? arn(key.id) : undefined,
            CreationDate: 1700000000,
            Enabled: key?.state !== 'PendingDeletion',
            KeyUsage: 'ENCRYPT_DECRYPT',
            KeyState: key?.state ?? 'Enabled',
            Origin: 'AWS_KMS',
            KeyManager: key?.manager,
            KeySpec: 'SYMMETRIC_DEFAULT',
            ...(key?.state === 'PendingDeletion' ? { DeletionDate: 1798675200 } : {}),
          },
        });
      case 'GetKeyRotationStatus':
        return jsonAnswer({ KeyRotationEnabled: true });
      case 'GetKeyPolicy':
        if (key?.policy === 'denied')
          return wireError('AwsJson1_1Protocol', 'AccessDeniedException', 'not authorized: kms:GetKeyPolicy');
        return jsonAnswer({ Policy: key?.policy, PolicyName: 'default' });
      default:
        return undefined;
    }
  };
}

describe('aws.kms.key policy and deletion state', () => {
  it('reads the key policy of customer managed keys only, and the deletion date', async () => {
    env.serve(
      kmsAnswers([
        { id: 'open', manager: 'CUSTOMER', policy: keyPolicy('*') },
        {
          id: 'pinned',
          manager: 'CUSTOMER',
          state: 'PendingDeletion',
          policy: keyPolicy({ AWS: '*' }, { StringEquals: { 'kms:CallerAccount': ACCOUNT } }),
        },
        { id: 'aws-managed', manager: 'AWS' },
        { id: 'secret', manager: 'CUSTOMER', policy: 'denied' },
      ]),
    );
    const records = await env.records(TYPE);
    expect(
      records.map((r) => [r.com.name, r.ext.policy_public, r.ext.key_state, r.ext.deletion_date]),
    ).toEqual([
      ['open', true, 'Enabled', null],
      ['pinned', false, 'PendingDeletion', '2026-12-31T00:00:00.000Z'],
      ['aws-managed', null, 'Enabled', null],
      ['secret', null, 'Enabled', null],
    ]);
    expect(records[3]?.ext.unknown_facts).toMatchObject({
      keyPolicy: expect.stringContaining('AccessDenied'),
    });
    expect(env.calls().filter((c) => c === 'kms:GetKeyPolicy')).toHaveLength(3);
    expect(env.refused()).toEqual([]);
  });

  it('skips GetKeyPolicy when no selected check reads the policy', async () => {
    env.serve(kmsAnswers([{ id: 'open', manager: 'CUSTOMER', policy: keyPolicy('*') }]));
    const c = await env.collect(TYPE, new Set(['key_state', 'key_manager']));
    expect(c.error).toBeUndefined();
    expect(env.calls()).not.toContain('kms:GetKeyPolicy');
  });

  it('the policy grants kms:GetKeyPolicy', () => {
    expect(awsPolicy([TYPE]).Statement[0]?.Action).toContain('kms:GetKeyPolicy');
  });
});
