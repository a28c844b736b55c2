import { afterEach, beforeEach, expect } from 'vitest';
import type { AccountBatch, Collection } from '../../../src/core/provider.js';
import type { ResourceRecord } from '../../../src/core/record.js';
import { AwsProvider } from '../../../src/providers/aws/provider.js';
import { normaliseCollection } from '../../../src/providers/normalisers.js';
import {
  type Answer,
  callerIdentityAnswer,
  type EndpointRequest,
  setEnv,
  startAwsEndpoint,
} from './fixture-endpoint.js';

/**
 * A resource module's collection through the whole SDK stack (signing, the service's wire
 * protocol, the read-only guard, pacing) against the fixture endpoint of fixture-endpoint.ts,
 * for suites that test one or more collectors the same way: `serve` sets what the endpoint
 * answers (STS is answered for the account), `collect` runs the provider for one type and
 * `records` normalises what it collected, failing on any unreadable item.
 */

export const ACCOUNT = '111122223333';
export const REGION = 'eu-west-1';

export const jsonAnswer = (body: unknown, contentType = 'application/x-amz-json-1.1'): Answer => ({
  body: JSON.stringify(body),
  headers: { 'content-type': contentType },
});

export const restJson = (body: unknown, status = 200): Answer => ({
  status,
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/json' },
});

export function endpointCollection(accessKeyId: string) {
  let endpoint: Awaited<ReturnType<typeof startAwsEndpoint>>;
  let env: { restore(): void };
  let answer: (r: EndpointRequest) => Answer | undefined = () => undefined;

  beforeEach(async () => {
    endpoint = await startAwsEndpoint({
      accessKeyId,
      answer: (r) => (r.service === 'sts' ? callerIdentityAnswer(ACCOUNT) : answer(r)),
    });
    env = setEnv({ AWS_ENDPOINT_URL: endpoint.url, AWS_EC2_METADATA_DISABLED: 'true' });
  });
  afterEach(async () => {
    env.restore();
    await endpoint.close();
  });

  const credentials = async () => ({ accessKeyId, secretAccessKey: 'fixture-secret-not-real' });

  async function collect(type: string, facts?: ReadonlySet<string>): Promise<Collection> {
    const provider = new AwsProvider(
      { type: 'aws', regions: [REGION], max_attempts: 1 },
      { credentials, homeRegion: REGION },
    );
    const batches: AccountBatch[] = [];
    const types = new Set([type]);
    const request = facts ? { types, facts: new Map([[type, facts]]) } : { types };
    for await (const b of provider.collect(request)) batches.push(b);
    expect(batches).toHaveLength(1);
    const c = batches[0]?.collections.find((x) => x.type === type);
    expect(c, `a ${type} collection`).toBeDefined();
    return c as Collection;
  }

  return {
    serve(a: (r: EndpointRequest) => Answer | undefined) {
      answer = a;
    },
    collect,
    async records(type: string): Promise<ResourceRecord[]> {
      const c = await collect(type);
      expect(c.error).toBeUndefined();
      const n = normaliseCollection(c);
      expect(n.errors).toEqual([]);
      return n.records;
    },
    /** the calls the endpoint saw, as `<service>:<action or METHOD path>`, STS left out */
    calls(): string[] {
      return endpoint.requests
        .filter((r) => r.service !== 'sts')
        .map((r) => `${r.service}:${r.action || `${r.method} ${r.path}`}`);
    },
    /** the requests the endpoint saw, STS left out, for assertions on their bodies */
    requests: (): EndpointRequest[] => endpoint.requests.filter((r) => r.service !== 'sts'),
    refused: () => endpoint.refused,
    /** the endpoint's base URL (for answers that carry URLs the SDK then calls, as SQS queue URLs) */
    url: () => endpoint.url,
  };
}
