import { Agent } from 'node:https';
import {
  agentPolicy,
  bearerTokenAuthenticationPolicy,
  createDefaultHttpClient,
  createEmptyPipeline,
  createPipelineRequest,
  type HttpMethods,
} from '@azure/core-rest-pipeline';
import { describe, expect, it } from 'vitest';
import { resolveEndpoints } from '../../../src/providers/azure/clouds.js';
import { AzureReadOnlyViolation } from '../../../src/providers/azure/errors.js';
import { readOnlyPolicy } from '../../../src/providers/azure/readonly-policy.js';
import { azureFixtureForFile, fixtureTransport, SUB_A } from './helpers.js';
import { fixtureCredential } from './tokens.js';

const fx = azureFixtureForFile();

/** The policy in a pipeline like the transport's: guard first, bearer token last. */
function guardedPipeline(resourceGraph: boolean) {
  const endpoints = resolveEndpoints({}, { CLOUDWARD_AZURE_ARM_ENDPOINT: fx.armUrl });
  const credential = fixtureCredential(fx.secret);
  const agent = new Agent({ ca: fx.pki.caPem });
  const pipeline = createEmptyPipeline();
  pipeline.addPolicy(readOnlyPolicy(endpoints.arm, { resourceGraph }), { phase: 'Serialize' });
  pipeline.addPolicy(agentPolicy(agent));
  pipeline.addPolicy(bearerTokenAuthenticationPolicy({ credential, scopes: endpoints.arm.scope }), {
    phase: 'Sign',
  });
  const client = createDefaultHttpClient();
  const send = (method: HttpMethods, path: string, url = `${fx.armUrl}${path}`) =>
    pipeline.sendRequest(
      client,
      createPipelineRequest({ url, method, body: method === 'GET' ? undefined : '{}' }),
    );
  return { send, credential, agent };
}

const storage = `/subscriptions/${SUB_A}/resourceGroups/rg1/providers/Microsoft.Storage/storageAccounts/acct1`;

describe('the read-only policy', () => {
  it.each<[HttpMethods, string]>([
    ['PUT', `${storage}?api-version=2023-05-01`],
    ['PATCH', `${storage}?api-version=2023-05-01`],
    ['DELETE', `${storage}?api-version=2023-05-01`],
    ['POST', `${storage}/listKeys?api-version=2023-05-01`],
    ['HEAD', `${storage}?api-version=2023-05-01`],
  ])('refuses %s before a token is asked for or a byte is sent', async (method, path) => {
    const { send, credential, agent } = guardedPipeline(true);
    const err = await send(method, path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AzureReadOnlyViolation);
    expect(err).toMatchObject({ code: 'ReadOnlyViolation', method });
    expect(credential.calls.size).toBe(0);
    expect(fx.requests.length + fx.refused.length).toBe(0);
    agent.destroy();
  });

  it('lets GET through', async () => {
    fx.routes[`arm ${storage}`] = { body: { id: storage } };
    const { send, agent } = guardedPipeline(false);
    const res = await send('GET', `${storage}?api-version=2023-05-01`);
    expect(res.status).toBe(200);
    expect(fx.requests).toHaveLength(1);
    agent.destroy();
  });

  it('allows the Resource Graph query POST only when resource_graph is on', async () => {
    fx.routes['arm POST /providers/Microsoft.ResourceGraph/resources'] = {
      body: { data: [], count: 0, totalRecords: 0 },
    };
    const path = '/providers/Microsoft.ResourceGraph/resources?api-version=2022-10-01';
    const off = guardedPipeline(false);
    await expect(off.send('POST', path)).rejects.toThrow(/resource_graph: true/);
    expect(fx.requests).toHaveLength(0);
    const on = guardedPipeline(true);
    expect((await on.send('POST', path)).status).toBe(200);
    // the same POST anywhere else is still refused
    await expect(
      on.send('POST', `/subscriptions/${SUB_A}/providers/Microsoft.ResourceGraph/resources`),
    ).rejects.toBeInstanceOf(AzureReadOnlyViolation);
    off.agent.destroy();
    on.agent.destroy();
  });

  it('refuses a GET outside the endpoint base, so the token stays with its API', async () => {
    const { send, credential, agent } = guardedPipeline(false);
    for (const url of [
      `${fx.graphUrl}/v1.0/users`,
      'https://management.azure.com/subscriptions?api-version=2022-12-01',
    ]) {
      const err = await send('GET', '', url).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'OutsideEndpoint' });
    }
    // a base /arm does not cover /army
    await expect(send('GET', '', `${fx.origin}/army/subscriptions`)).rejects.toMatchObject({
      code: 'OutsideEndpoint',
    });
    expect(credential.calls.size).toBe(0);
    agent.destroy();
  });
});

describe('Resource Graph through the transport', () => {
  it('is refused when resource_graph is off', async () => {
    const { transport } = fixtureTransport(fx);
    const err = await transport
      .resourceGraph('Resources | project id', [SUB_A])
      .next()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AzureReadOnlyViolation);
    expect(fx.requests).toHaveLength(0);
    transport.close();
  });

  it('pages with $skipToken when resource_graph is on', async () => {
    const rows = [
      {
        id: `/subscriptions/${SUB_A}/resourceGroups/rg1/providers/Microsoft.Storage/storageAccounts/a`,
        type: 'microsoft.storage/storageaccounts',
      },
      {
        id: `/subscriptions/${SUB_A}/resourceGroups/rg1/providers/Microsoft.Storage/storageAccounts/b`,
        type: 'microsoft.storage/storageaccounts',
      },
    ];
    fx.routes['arm POST /providers/Microsoft.ResourceGraph/resources?api-version=2022-10-01'] = (req) => {
      const body = JSON.parse(req.body) as { options: { $skipToken?: string } };
      return body.options.$skipToken
        ? { body: { totalRecords: 2, count: 1, data: [rows[1]], facets: [], resultTruncated: 'false' } }
        : {
            body: {
              totalRecords: 2,
              count: 1,
              data: [rows[0]],
              facets: [],
              resultTruncated: 'false',
              $skipToken: 'page2',
            },
          };
    };
    const { transport } = fixtureTransport(fx, { resourceGraph: true });
    const got: unknown[] = [];
    for await (const page of transport.resourceGraph(
      "Resources | where type =~ 'microsoft.storage/storageaccounts'",
      [SUB_A],
    )) {
      got.push(...page);
    }
    expect(got).toEqual(rows);
    const first = JSON.parse(fx.requests[0]?.body ?? '{}') as Record<string, unknown>;
    expect(first).toMatchObject({ subscriptions: [SUB_A], options: { resultFormat: 'objectArray' } });
    expect(fx.requests[0]?.headers['content-type']).toBe('application/json');
    transport.close();
  });
});
