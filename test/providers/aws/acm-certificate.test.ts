import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountBatch, Collection } from '../../../src/core/provider.js';
import { AwsProvider } from '../../../src/providers/aws/provider.js';
import { normaliseCollection } from '../../../src/providers/normalisers.js';
import {
  type Answer,
  callerIdentityAnswer,
  type EndpointRequest,
  setEnv,
  startAwsEndpoint,
} from './fixture-endpoint.js';
import { wireError } from './helpers.js';

/**
 * ACM certificates through the whole SDK stack (awsJson1_1, target CertificateManager.*) against
 * the fixture endpoint: one ListCertificates asking for every key type, no call per certificate.
 */

const ACCOUNT = '111122223333';
const KEY = 'AKIDACMTEST';
const REGION = 'eu-west-1';

let endpoint: Awaited<ReturnType<typeof startAwsEndpoint>>;
let env: { restore(): void };
let list: (r: EndpointRequest) => Answer;

beforeEach(async () => {
  endpoint = await startAwsEndpoint({
    accessKeyId: KEY,
    answer: (r) => {
      if (r.service === 'sts') return callerIdentityAnswer(ACCOUNT);
      if (r.service === 'acm' && r.headers['x-amz-target'] === 'CertificateManager.ListCertificates')
        return list(r);
      return undefined;
    },
  });
  env = setEnv({ AWS_ENDPOINT_URL: endpoint.url, AWS_EC2_METADATA_DISABLED: 'true' });
});
afterEach(async () => {
  env.restore();
  await endpoint.close();
});

async function collect(): Promise<Collection> {
  const provider = new AwsProvider(
    { type: 'aws', regions: [REGION], max_attempts: 1 },
    {
      credentials: async () => ({ accessKeyId: KEY, secretAccessKey: 'fixture-secret-not-real' }),
      homeRegion: REGION,
    },
  );
  const batches: AccountBatch[] = [];
  for await (const b of provider.collect({ types: new Set(['aws.acm.certificate']) })) batches.push(b);
  return batches[0]?.collections.find((c) => c.type === 'aws.acm.certificate') as Collection;
}

const json = (body: unknown): Answer => ({
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/x-amz-json-1.1' },
});

describe('aws.acm.certificate', () => {
  it('lists every key type and reads expiry, type and key from the summaries', async () => {
    const soon = Date.now() / 1000 + 10 * 86_400 + 3600;
    list = (r) => {
      const input = JSON.parse(r.body) as { Includes?: { keyTypes?: string[] } };
      expect(input.Includes?.keyTypes).toEqual(
        expect.arrayContaining(['RSA_1024', 'RSA_4096', 'EC_prime256v1']),
      );
      return json({
        CertificateSummaryList: [
          {
            CertificateArn: `arn:aws:acm:${REGION}:${ACCOUNT}:certificate/1`,
            DomainName: 'www.example.com',
            Type: 'IMPORTED',
            KeyAlgorithm: 'RSA-1024',
            Status: 'ISSUED',
            InUse: true,
            NotAfter: soon,
          },
          {
            CertificateArn: `arn:aws:acm:${REGION}:${ACCOUNT}:certificate/2`,
            DomainName: 'api.example.com',
            Type: 'AMAZON_ISSUED',
            KeyAlgorithm: 'EC-prime256v1',
            Status: 'PENDING_VALIDATION',
          },
        ],
      });
    };
    const c = await collect();
    expect(c.error).toBeUndefined();
    const n = normaliseCollection(c);
    expect(n.errors).toEqual([]);
    expect(
      n.records.map((r) => [r.com.name, r.ext.certificate_type, r.ext.key_algorithm, r.ext.days_to_expiry]),
    ).toEqual([
      ['www.example.com', 'IMPORTED', 'RSA-1024', 10],
      ['api.example.com', 'AMAZON_ISSUED', 'EC-prime256v1', null],
    ]);
    expect(endpoint.requests.filter((r) => r.service === 'acm')).toHaveLength(1);
    expect(endpoint.refused).toEqual([]);
  });

  it('a refused listing is the collection error, naming the API', async () => {
    list = () =>
      wireError(
        'AwsJson1_1Protocol',
        'AccessDeniedException',
        'not authorized to perform: acm:ListCertificates',
        400,
      );
    const c = await collect();
    expect(c.error).toMatch(/^acm:ListCertificates: AccessDeniedException/);
  });
});
