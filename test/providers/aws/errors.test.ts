import { GetAccountPasswordPolicyCommand, IAMClient, NoSuchEntityException } from '@aws-sdk/client-iam';
import { GetBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { describeError, errorCodes, isAwsError } from '../../../src/providers/aws/errors.js';
import { sdkError } from './helpers.js';

describe('matching AWS errors', () => {
  it('knows a modelled error by its SDK class, its name and the code AWS sent', async () => {
    const e = await sdkError(IAMClient, new GetAccountPasswordPolicyCommand({}), 'NoSuchEntity', 'none', 404);
    expect(e).toBeInstanceOf(NoSuchEntityException);
    expect(errorCodes(e)).toEqual(new Set(['NoSuchEntityException', 'NoSuchEntity']));
    expect(isAwsError(e, [NoSuchEntityException])).toBe(true);
    expect(isAwsError(e, ['NoSuchEntity'])).toBe(true);
    expect(isAwsError(e, ['NoSuchEntityException'])).toBe(true);
    expect(isAwsError(e, ['AccessDenied'])).toBe(false);
    expect(describeError(e)).toBe('NoSuchEntityException: none');
  });

  it('knows an error the SDK does not model by the code S3 sent', async () => {
    const e = await sdkError(
      S3Client,
      new GetBucketPolicyCommand({ Bucket: 'b' }),
      'NoSuchBucketPolicy',
      'no policy',
      404,
    );
    expect(e.name).toBe('NoSuchBucketPolicy');
    expect(isAwsError(e, ['NoSuchBucketPolicy'])).toBe(true);
    expect(isAwsError(e, [NoSuchEntityException, 'NoSuchPublicAccessBlockConfiguration'])).toBe(false);
  });

  it('matches nothing for no list, plain errors and non-errors', () => {
    expect(isAwsError(new Error('x'), undefined)).toBe(false);
    expect(isAwsError(new Error('x'), ['Error'])).toBe(false);
    expect(isAwsError('NoSuchEntity', ['NoSuchEntity'])).toBe(false);
    expect(isAwsError(null, ['NoSuchEntity'])).toBe(false);
  });
});
