import { ApiGatewayV2Client, GetStagesCommand, type Stage } from '@aws-sdk/client-apigatewayv2';
import { defineNormaliser } from '../../../core/provider.js';
import { at, bool, buildRecord, requireItem, requireString, str, tagMap } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineCollector } from '../collector.js';
import { awsArn } from '../normalisers/aws-common.js';
import { defineAwsResource } from '../resource.js';
import { childrenOfEveryApi, type OfApi } from './apigatewayv2-apis.js';

const TYPE = 'aws.apigatewayv2.stage';

type V2Stage = OfApi<Stage>;

/** The stages of every HTTP and WebSocket API of a region (GetApis, then GetStages per API). */
const collector = defineCollector({
  type: TYPE,
  service: 'apigateway',
  client: ApiGatewayV2Client,
  scope: 'region',
  list: {
    permission: 'apigateway:GET',
    all: (client, ctx): Promise<V2Stage[]> =>
      childrenOfEveryApi(client, ctx, (ApiId, NextToken) =>
        client.send(new GetStagesCommand({ ApiId, MaxResults: '500', NextToken })),
      ),
  },
});

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'apigateway',
  produces: [TYPE, 'api_stage'],
  raw: S.raw({
    item: S.obj({
      StageName: S.str,
      ApiId: S.str,
      ApiName: S.str,
      ProtocolType: S.str,
      AutoDeploy: S.bool,
      AccessLogSettings: S.obj({ DestinationArn: S.str, Format: S.str }),
      DefaultRouteSettings: S.obj({ LoggingLevel: S.str, DetailedMetricsEnabled: S.bool }),
      Tags: S.strMap,
    }),
  }),
  normalise(raw, scope) {
    const s = requireItem<V2Stage>(raw, TYPE);
    const stage = requireString(s, 'StageName', TYPE, 'item.StageName');
    const apiId = requireString(s, 'ApiId', TYPE, 'item.ApiId');
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'api_stage',
        reference: awsArn('apigateway', scope.region, '', `/apis/${apiId}/stages/${stage}`, scope.partition),
        name: `${str(s.ApiName) ?? apiId}/${stage}`,
        service: 'apigateway',
        tags: tagMap(s.Tags),
        ext: {
          api_id: apiId,
          api_name: str(s.ApiName),
          stage_name: stage,
          protocol: str(s.ProtocolType),
          // only WebSocket APIs have execution logging; HTTP APIs answer no level
          logging_levels: [
            { method: '$default', level: str(at(s, 'DefaultRouteSettings.LoggingLevel')) ?? 'OFF' },
          ],
          auto_deploy: bool(s.AutoDeploy),
          access_log_destination: str(at(s, 'AccessLogSettings.DestinationArn')),
        },
        shape: {},
      }),
    ];
  },
});

export default defineAwsResource({ collector, normaliser, asff: 'AwsApiGatewayV2Stage' });
