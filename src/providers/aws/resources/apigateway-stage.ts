import {
  APIGatewayClient,
  GetStagesCommand,
  paginateGetRestApis,
  type RestApi,
  type Stage,
} from '@aws-sdk/client-api-gateway';
import { z } from 'zod';
import { defineNormaliser } from '../../../core/provider.js';
import {
  at,
  bool,
  buildRecord,
  isRecord,
  type Json,
  requireItem,
  requireString,
  str,
  tagMap,
} from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineCollector } from '../collector.js';
import { allPages } from '../collectors/pages.js';
import { mapConcurrent } from '../limiter.js';
import { awsArn } from '../normalisers/aws-common.js';
import { defineAwsResource } from '../resource.js';

const TYPE = 'aws.apigateway.stage';

/** A REST API stage as collected: GetStages' Stage, with the API it belongs to. */
export type RestStage = Stage & { restApiId?: string; restApiName?: string };

/**
 * The stages of every REST API of a region: GetRestApis (paged), then GetStages per API, the
 * only way API Gateway lists stages (one call answers all the stages of an API).
 */
const collector = defineCollector({
  type: TYPE,
  service: 'apigateway',
  client: APIGatewayClient,
  scope: 'region',
  list: {
    permission: 'apigateway:GET',
    all: async (client): Promise<RestStage[]> => {
      const apis = await allPages(
        paginateGetRestApis({ client, pageSize: 500 }, {}),
        (p): RestApi[] => p.items ?? [],
      );
      const perApi = await mapConcurrent(apis, 4, async (api) => {
        const stages = await client.send(new GetStagesCommand({ restApiId: api.id }));
        return (stages.item ?? []).map((s) => ({ ...s, restApiId: api.id, restApiName: api.name }));
      });
      return perApi.flat();
    },
  },
});

const METHOD_SETTING = z.looseObject({
  loggingLevel: S.str,
  cachingEnabled: S.bool,
  cacheDataEncrypted: S.bool,
  metricsEnabled: S.bool,
});

const RAW = S.raw({
  item: S.obj({
    stageName: S.str,
    restApiId: S.str,
    restApiName: S.str,
    deploymentId: S.str,
    clientCertificateId: S.str,
    tracingEnabled: S.bool,
    webAclArn: S.str,
    cacheClusterEnabled: S.bool,
    methodSettings: z.record(z.string(), METHOD_SETTING).nullish(),
    accessLogSettings: S.obj({ destinationArn: S.str, format: S.str }),
    tags: S.strMap,
  }),
});

type Setting = z.infer<typeof METHOD_SETTING>;

/** The stage's method settings: `*\/*` (every method) and the overrides of single methods. */
function methodSettings(stage: Json): [string, Setting][] {
  const all = isRecord(stage.methodSettings) ? stage.methodSettings : {};
  return Object.entries(all).filter((e): e is [string, Setting] => isRecord(e[1]));
}

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'apigateway',
  produces: [TYPE, 'api_stage'],
  raw: RAW,
  normalise(raw, scope) {
    const s = requireItem<RestStage>(raw, TYPE);
    const stage = requireString(s, 'stageName', TYPE, 'item.stageName');
    const apiId = requireString(s, 'restApiId', TYPE, 'item.restApiId');
    const settings = methodSettings(s);
    const levelOf = (key: string) => {
      const found = settings.find(([k]) => k === key);
      return found ? (str(found[1].loggingLevel) ?? 'OFF') : 'OFF';
    };
    const cached = settings.filter(([, v]) => bool(v.cachingEnabled) === true);
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'api_stage',
        reference: awsArn(
          'apigateway',
          scope.region,
          '',
          `/restapis/${apiId}/stages/${stage}`,
          scope.partition,
        ),
        name: `${str(s.restApiName) ?? apiId}/${stage}`,
        service: 'apigateway',
        tags: tagMap(s.tags),
        ext: {
          api_id: apiId,
          api_name: str(s.restApiName),
          stage_name: stage,
          protocol: 'REST',
          // execution logging of every method (*/*) and of the methods that override it
          logging_levels: [
            { method: '*/*', level: levelOf('*/*') },
            ...settings
              .filter(([k]) => k !== '*/*')
              .map(([k, v]) => ({ method: k, level: str(v.loggingLevel) ?? levelOf('*/*') })),
          ],
          tracing_enabled: bool(s.tracingEnabled) ?? false,
          web_acl_arn: str(s.webAclArn) || null,
          client_certificate_id: str(s.clientCertificateId) || null,
          cache_cluster_enabled: bool(s.cacheClusterEnabled) ?? false,
          cached_methods: cached.map(([k, v]) => ({
            method: k,
            encrypted: bool(v.cacheDataEncrypted) ?? false,
          })),
          access_log_destination: str(at(s, 'accessLogSettings.destinationArn')),
        },
        shape: {},
      }),
    ];
  },
});

export default defineAwsResource({
  collector,
  normaliser,
  asff: 'AwsApiGatewayStage',
  // API Gateway's control plane allows about ten requests per second per account
  pacing: { rate: 8, burst: 16 },
});
