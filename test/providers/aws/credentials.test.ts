import { describe, expect, it } from 'vitest';
import { memoizeCredentials } from '../../../src/providers/aws/credentials.js';
import { partitionOf } from '../../../src/providers/aws/scopes.js';

/** A credential provider counting its calls: each answer is numbered and lasts an hour from now(). */
function hourlyProvider(now: () => number) {
  const fake = {
    calls: 0,
    provider: async () => {
      fake.calls++;
      return {
        accessKeyId: `AKID${fake.calls}`,
        secretAccessKey: 'x',
        expiration: new Date(now() + 60 * 60_000),
      };
    },
  };
  return fake;
}

/** A credential provider counting its calls whose first call fails with `message`. */
function failingOnce(message: string) {
  const fake = {
    calls: 0,
    provider: async () => {
      fake.calls++;
      if (fake.calls === 1) throw new Error(message);
      return { accessKeyId: 'AKID', secretAccessKey: 'x' };
    },
  };
  return fake;
}

describe('memoizeCredentials', () => {
  it('asks the provider once for every client of an account, until close to expiry', async () => {
    let now = 0;
    const fake = hourlyProvider(() => now);
    const creds = memoizeCredentials(fake.provider, () => now);
    await Promise.all([creds(), creds(), creds()]);
    expect(fake.calls).toBe(1);
    now += 50 * 60_000; // 10 minutes left: still fine
    expect((await creds()).accessKeyId).toBe('AKID1');
    now += 6 * 60_000; // 4 minutes left: refreshed
    expect((await creds()).accessKeyId).toBe('AKID2');
    expect(fake.calls).toBe(2);
  });

  it('refreshes once when many callers find the credentials near expiry at the same time', async () => {
    let now = 0;
    const fake = hourlyProvider(() => now);
    const creds = memoizeCredentials(fake.provider, () => now);
    await creds();
    now += 58 * 60_000;
    const ids = await Promise.all(Array.from({ length: 8 }, () => creds()));
    expect(fake.calls).toBe(2);
    expect(new Set(ids.map((id) => id.accessKeyId))).toEqual(new Set(['AKID2']));
  });

  it('retries once for concurrent callers after a failure', async () => {
    const fake = failingOnce('throttled');
    const creds = memoizeCredentials(fake.provider);
    await expect(creds()).rejects.toThrow('throttled');
    const ids = await Promise.all(Array.from({ length: 5 }, () => creds()));
    expect(fake.calls).toBe(2);
    expect(ids.every((id) => id.accessKeyId === 'AKID')).toBe(true);
  });

  it("never hands a caller another caller's failure: a worker unit's exhausted budget stays that unit's", async () => {
    // calls 1 and 2 fail (each caller's own budget ran out), call 3 succeeds
    let calls = 0;
    const creds = memoizeCredentials(async () => {
      calls++;
      const n = calls;
      await new Promise((r) => setTimeout(r, 5));
      if (n < 3) throw new Error(`budget of caller ${n} exhausted`);
      return { accessKeyId: 'AKID', secretAccessKey: 'x' };
    });
    const first = creds();
    const [second, third] = [creds(), creds()];
    await expect(first).rejects.toThrow('budget of caller 1 exhausted');
    // the second asked itself after the first failed, and its own failure is its own
    await expect(second).rejects.toThrow('budget of caller 2 exhausted');
    // the third shared none of those failures: it asked itself and got credentials
    expect((await third).accessKeyId).toBe('AKID');
    expect(calls).toBe(3);
  });

  it('retries after a failure instead of caching it', async () => {
    const creds = memoizeCredentials(failingOnce('sso session expired').provider);
    await expect(creds()).rejects.toThrow('sso session expired');
    await expect(creds()).resolves.toMatchObject({ accessKeyId: 'AKID' });
  });
});

describe('partitionOf', () => {
  it('reads the partition of an ARN', () => {
    expect(partitionOf('arn:aws:iam::123456789012:user/a')).toBe('aws');
    expect(partitionOf('arn:aws-cn:iam::123456789012:user/a')).toBe('aws-cn');
    expect(partitionOf('arn:aws-us-gov:sts::123456789012:assumed-role/r/s')).toBe('aws-us-gov');
    expect(partitionOf('not an arn')).toBe('aws');
    expect(partitionOf(undefined)).toBe('aws');
  });
});
