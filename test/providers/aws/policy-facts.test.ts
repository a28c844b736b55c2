import { describe, expect, it } from 'vitest';
import {
  actionMatches,
  allowsDecryptOnAllKeys,
  wildcardServiceActions,
} from '../../../src/providers/aws/normalisers/aws-facts.js';
import { resourcePolicyFacts } from '../../../src/providers/aws/normalisers/resource-policy.js';

const doc = (...Statement: Record<string, unknown>[]) => ({ Version: '2012-10-17', Statement });

describe('IAM policy facts for FSBP IAM.21 and KMS.1/KMS.2', () => {
  it('matches action patterns as IAM does (wildcards, case-insensitive)', () => {
    expect(actionMatches('kms:*', 'kms:Decrypt')).toBe(true);
    expect(actionMatches('KMS:decrypt', 'kms:Decrypt')).toBe(true);
    expect(actionMatches('kms:ReEncrypt*', 'kms:ReEncryptFrom')).toBe(true);
    expect(actionMatches('kms:Re?ncryptFrom', 'kms:ReEncryptFrom')).toBe(true);
    expect(actionMatches('kms:Describe*', 'kms:Decrypt')).toBe(false);
    expect(actionMatches('*', 'kms:Decrypt')).toBe(true);
  });

  it('finds decryption allowed on every key, not on named keys', () => {
    const key = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    expect(allowsDecryptOnAllKeys(doc({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }))).toBe(true);
    expect(
      allowsDecryptOnAllKeys(
        doc({ Effect: 'Allow', Action: ['kms:ReEncrypt*'], Resource: 'arn:aws:kms:*:111122223333:key/*' }),
      ),
    ).toBe(true);
    expect(allowsDecryptOnAllKeys(doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }))).toBe(true);
    expect(allowsDecryptOnAllKeys(doc({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: key }))).toBe(
      false,
    );
    expect(allowsDecryptOnAllKeys(doc({ Effect: 'Deny', Action: 'kms:*', Resource: '*' }))).toBe(false);
    expect(allowsDecryptOnAllKeys(doc({ Effect: 'Allow', Action: 'kms:Encrypt', Resource: '*' }))).toBe(
      false,
    );
  });

  it('lists "<service>:*" actions of Allow statements', () => {
    expect(
      wildcardServiceActions(
        doc(
          { Effect: 'Allow', Action: ['s3:*', 'ec2:Describe*'], Resource: '*' },
          { Effect: 'Allow', Action: 'dynamodb:*', Resource: 'arn:aws:dynamodb:*:*:table/x' },
          { Effect: 'Deny', Action: 'iam:*', Resource: '*' },
        ),
      ),
    ).toEqual(['dynamodb:*', 's3:*']);
  });
});

describe('resource policy publicity', () => {
  it('"*" without a pinning condition is public', () => {
    const f = resourcePolicyFacts(
      JSON.stringify(
        doc({ Sid: 'open', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sqs:SendMessage' }),
      ),
    );
    expect(f).toEqual({ public: true, public_statements: ['open'], unreadable: null });
  });

  it('a fixed account, organisation or source pins it; wildcards, variables and negations do not', () => {
    const pinned = (Condition: Record<string, unknown>) =>
      resourcePolicyFacts(doc({ Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Condition })).public;
    expect(pinned({ StringEquals: { 'kms:CallerAccount': '111122223333' } })).toBe(false);
    expect(pinned({ StringEquals: { 'aws:PrincipalOrgID': ['o-abc123'] } })).toBe(false);
    expect(pinned({ ArnLike: { 'aws:SourceArn': 'arn:aws:sns:eu-west-1:111122223333:alerts' } })).toBe(false);
    expect(pinned({ StringLike: { 'aws:PrincipalOrgID': 'o-*' } })).toBe(true);
    expect(pinned({ StringEquals: { 'aws:SourceAccount': '${aws:PrincipalAccount}' } })).toBe(true);
    expect(pinned({ StringNotEquals: { 'aws:SourceAccount': '111122223333' } })).toBe(true);
    expect(pinned({ StringEqualsIfExists: { 'aws:SourceAccount': '111122223333' } })).toBe(true);
    expect(pinned({ Bool: { 'aws:SecureTransport': 'true' } })).toBe(true);
  });

  it('a named account is not public; no policy is not public; a bad one is unreadable', () => {
    expect(
      resourcePolicyFacts(
        doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: '*' }),
      ).public,
    ).toBe(false);
    expect(resourcePolicyFacts(null)).toEqual({ public: false, public_statements: [], unreadable: null });
    expect(resourcePolicyFacts('{not json').public).toBeNull();
  });

  it('service principals that act for any account need the source pinned when asked', () => {
    const s3 = doc({
      Effect: 'Allow',
      Principal: { Service: 's3.amazonaws.com' },
      Action: 'lambda:InvokeFunction',
    });
    expect(resourcePolicyFacts(s3).public).toBe(false);
    expect(resourcePolicyFacts(s3, { sourceBoundServices: ['s3.amazonaws.com'] }).public).toBe(true);
  });
});
