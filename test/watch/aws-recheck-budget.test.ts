import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FakeOrg,
  fakeOrgEnv,
  MANAGEMENT_KEY,
  MANAGEMENT_SECRET,
  startFakeOrg,
} from '../../bench/lib/fake-org.mjs';
import { AwsProvider } from '../../src/providers/aws/provider.js';
import { RedisSharedBudget } from '../../src/queue/shared-budget.js';
import { AwsRecollector } from '../../src/watch/aws-collect-one.js';
import { dropPrefixes, freshPrefix, redisAvailable, testRedis } from '../queue/helpers.js';

/*
 * A watch re-check of a member account assumes its role through sts:AssumeRole: that call is
 * paced like the provider's (in the STS bucket of the management account, which assumes it)
 * and, with a queue, takes a token of the budget the scale-out workers share.
 */

const available = await redisAvailable('aws re-check budget');
const REGION = 'us-east-1';
let org: FakeOrg;
let redis: Redis;
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  if (!available) return;
  org = await startFakeOrg({ accounts: 2, groups: 1, latencyMs: 1 });
  for (const [k, v] of Object.entries(fakeOrgEnv(org.url))) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  redis = testRedis();
});

afterAll(async () => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  redis?.disconnect();
  await org?.close();
  if (available) await dropPrefixes();
});

describe.skipIf(!available)('AwsRecollector in an organisation', () => {
  it('assumes the member role paced in the management account STS bucket of the shared budget', async () => {
    const taken: string[] = [];
    const budget = new RedisSharedBudget(redis, { prefix: freshPrefix(), onTake: (b) => taken.push(b) });
    const management = org.org[0]?.id as string;
    const member = org.org[1]?.id as string;
    const r = new AwsRecollector(
      new AwsProvider({
        type: 'aws',
        regions: [REGION],
        organization: { role: 'CloudwardAudit' },
        max_attempts: 1,
      }),
      {
        credentials: async () => ({ accessKeyId: MANAGEMENT_KEY, secretAccessKey: MANAGEMENT_SECRET }),
        homeRegion: REGION,
        env: { ...process.env },
        sharedBudget: budget,
      },
    );
    const c = await r.collectOne({
      cloud: 'aws',
      type: 'aws.ec2.security_group',
      id: 'sg-00000000000000001',
      account: member,
      region: REGION,
    });
    expect(c?.error).toBeUndefined();
    expect(org.refused).toEqual([]);
    const assumed = org.requests.filter((q) => q.action === 'AssumeRole');
    expect(assumed.map((q) => q.account)).toEqual([management]);
    // counted and paced by the recollector's limiter, through the shared budget
    expect(r.calls()['sts:AssumeRole']).toBe(1);
    expect(taken).toContain(`${management}/${REGION}/sts`);
    // the member's own call in its own bucket, after the role was assumed
    expect(taken.some((b) => b.startsWith(`${member}/${REGION}/ec2`))).toBe(true);
    await r.close();
  });
});
