import { ApiGatewayV2Client, GetRoutesCommand, type Route } from '@aws-sdk/client-apigatewayv2';
import { defineNormaliser } from '../../../core/provider.js';
import { buildRecord, requireItem, requireString, str } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineCollector } from '../collector.js';
import { awsArn } from '../normalisers/aws-common.js';
import { defineAwsResource } from '../resource.js';
import { childrenOfEveryApi, type OfApi } from './apigatewayv2-apis.js';

const TYPE = 'aws.apigatewayv2.route';

type V2Route = OfApi<Route>;

/** The routes of every HTTP and WebSocket API of a region (GetApis, shared, then GetRoutes per API). */
const collector = defineCollector({
  type: TYPE,
  service: 'apigateway',
  client: ApiGatewayV2Client,
  scope: 'region',
  list: {
    permission: 'apigateway:GET',
    all: (client, ctx): Promise<V2Route[]> =>
      childrenOfEveryApi(client, ctx, (ApiId, NextToken) =>
        client.send(new GetRoutesCommand({ ApiId, MaxResults: '500', NextToken })),
      ),
  },
});

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'apigateway',
  produces: [TYPE, 'api_route'],
  raw: S.raw({
    item: S.obj({
      RouteId: S.str,
      RouteKey: S.str,
      ApiId: S.str,
      ApiName: S.str,
      ProtocolType: S.str,
      AuthorizationType: S.str,
      AuthorizerId: S.str,
    }),
  }),
  normalise(raw, scope) {
    const r = requireItem<V2Route>(raw, TYPE);
    const id = requireString(r, 'RouteId', TYPE, 'item.RouteId');
    const apiId = requireString(r, 'ApiId', TYPE, 'item.ApiId');
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'api_route',
        reference: awsArn('apigateway', scope.region, '', `/apis/${apiId}/routes/${id}`, scope.partition),
        name: `${str(r.ApiName) ?? apiId} ${str(r.RouteKey) ?? id}`,
        service: 'apigateway',
        ext: {
          api_id: apiId,
          route_id: id,
          route_key: str(r.RouteKey),
          protocol: str(r.ProtocolType),
          // AWS leaves it out for routes without authorisation
          authorization_type: str(r.AuthorizationType) ?? 'NONE',
          authorizer_id: str(r.AuthorizerId),
        },
        shape: {},
      }),
    ];
  },
});

export default defineAwsResource({ collector, normaliser });
