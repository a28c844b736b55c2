import { beforeEach, describe, expect, it } from 'vitest';
import type { ResourceRecord } from '../../../src/core/record.js';
import { ACCOUNT, endpointCollection, REGION, restJson } from './endpoint-collection.js';
import type { Answer, EndpointRequest } from './fixture-endpoint.js';
import { wireError } from './helpers.js';

/**
 * API Gateway stages and routes through the whole SDK stack against the fixture endpoint, in
 * API Gateway's REST-JSON: v1 (GET /restapis, /restapis/{id}/stages; lists under `item`) and v2
 * (GET /v2/apis, /v2/apis/{id}/stages and /routes; lists under `items`, paged by nextToken).
 */

const aws = endpointCollection('AKIDAPIGATEWAYTEST');
let routes: Record<string, (r: EndpointRequest) => Answer>;

const json = (body: unknown): Answer => restJson(body);

beforeEach(() => {
  routes = {};
  aws.serve((r) => (r.service === 'apigateway' && r.method === 'GET' ? routes[r.path]?.(r) : undefined));
});

async function records(type: string): Promise<ResourceRecord[]> {
  const found = await aws.records(type);
  expect(aws.refused()).toEqual([]);
  return found;
}

describe('aws.apigateway.stage (REST APIs)', () => {
  it('lists the APIs, then the stages of each, with logging, tracing, WAF and cache settings', async () => {
    routes['/restapis'] = () => json({ item: [{ id: 'a1b2c3', name: 'orders' }] });
    routes['/restapis/a1b2c3/stages'] = () =>
      json({
        item: [
          {
            stageName: 'prod',
            deploymentId: 'd1',
            tracingEnabled: false,
            cacheClusterEnabled: true,
            webAclArn: 'arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/api/1',
            methodSettings: {
              '*/*': {
                loggingLevel: 'ERROR',
                cachingEnabled: true,
                cacheDataEncrypted: false,
                metricsEnabled: false,
              },
              'health/GET': { loggingLevel: 'OFF', cachingEnabled: false, cacheDataEncrypted: false },
            },
            tags: { team: 'shop' },
          },
          { stageName: 'dev', deploymentId: 'd2' },
        ],
      });
    const [prod, dev] = await records('aws.apigateway.stage');
    expect(prod?.com).toMatchObject({
      name: 'orders/prod',
      reference: `arn:aws:apigateway:${REGION}::/restapis/a1b2c3/stages/prod`,
    });
    expect(prod?.ext).toMatchObject({
      logging_levels: [
        { method: '*/*', level: 'ERROR' },
        { method: 'health/GET', level: 'OFF' },
      ],
      tracing_enabled: false,
      web_acl_arn: 'arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/api/1',
      client_certificate_id: null,
      cached_methods: [{ method: '*/*', encrypted: false }],
    });
    expect(dev?.ext).toMatchObject({
      logging_levels: [{ method: '*/*', level: 'OFF' }],
      cached_methods: [],
      web_acl_arn: null,
    });
  });

  it('a stage listing API Gateway refuses fails the collection, naming the API', async () => {
    routes['/restapis'] = () => json({ item: [{ id: 'a1b2c3', name: 'orders' }] });
    routes['/restapis/a1b2c3/stages'] = () =>
      wireError('AwsRestJsonProtocol', 'AccessDeniedException', 'not authorized', 403);
    const c = await aws.collect('aws.apigateway.stage');
    expect(c.error).toMatch(/AccessDenied/);
  });
});

describe('aws.apigatewayv2 stages and routes (HTTP and WebSocket APIs)', () => {
  beforeEach(() => {
    routes['/v2/apis'] = (r) =>
      r.query.get('nextToken') === 'p2'
        ? json({ items: [{ apiId: 'ws1', name: 'chat', protocolType: 'WEBSOCKET' }] })
        : json({ items: [{ apiId: 'h1', name: 'shop', protocolType: 'HTTP' }], nextToken: 'p2' });
    routes['/v2/apis/h1/stages'] = () => json({ items: [{ stageName: '$default', autoDeploy: true }] });
    routes['/v2/apis/ws1/stages'] = () =>
      json({
        items: [
          {
            stageName: 'prod',
            accessLogSettings: {
              destinationArn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:chat`,
              format: '$context.requestId',
            },
            defaultRouteSettings: { loggingLevel: 'INFO', dataTraceEnabled: false },
          },
        ],
      });
    routes['/v2/apis/h1/routes'] = () =>
      json({
        items: [
          { routeId: 'r1', routeKey: 'GET /items', authorizationType: 'JWT', authorizerId: 'au1' },
          { routeId: 'r2', routeKey: 'GET /health' },
        ],
      });
    routes['/v2/apis/ws1/routes'] = () =>
      json({ items: [{ routeId: 'r3', routeKey: '$connect', authorizationType: 'NONE' }] });
  });

  it("pages through the APIs once and reads each API's stages", async () => {
    const stages = await records('aws.apigatewayv2.stage');
    expect(
      stages.map((s) => [s.com.name, s.ext.protocol, s.ext.access_log_destination, s.ext.logging_levels]),
    ).toEqual([
      ['shop/$default', 'HTTP', null, [{ method: '$default', level: 'OFF' }]],
      [
        'chat/prod',
        'WEBSOCKET',
        `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:chat`,
        [{ method: '$default', level: 'INFO' }],
      ],
    ]);
    expect(aws.requests().filter((r) => r.path === '/v2/apis')).toHaveLength(2);
  });

  it('reads the routes with their authorisation type; a route without one has NONE', async () => {
    const rs = await records('aws.apigatewayv2.route');
    expect(rs.map((r) => [r.com.name, r.ext.authorization_type])).toEqual([
      ['shop GET /items', 'JWT'],
      ['shop GET /health', 'NONE'],
      ['chat $connect', 'NONE'],
    ]);
  });
});
