import { type Api, type ApiGatewayV2Client, GetApisCommand } from '@aws-sdk/client-apigatewayv2';
import type { CollectContext } from '../collector.js';
import { mapConcurrent } from '../limiter.js';

/**
 * Every page of an API Gateway v2 listing: the service pages with NextToken and the SDK has no
 * paginator for these operations.
 */
export async function tokenPages<T>(
  page: (token: string | undefined) => Promise<{ Items?: T[]; NextToken?: string }>,
): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const answer = await page(token);
    out.push(...(answer.Items ?? []));
    token = answer.NextToken;
  } while (token);
  return out;
}

/** The HTTP and WebSocket APIs of the region, listed once and shared by the stage and route types. */
export function regionApis(client: ApiGatewayV2Client, ctx: CollectContext): Promise<Api[]> {
  return ctx.memo('apigateway:GetApis', () =>
    tokenPages((NextToken) => client.send(new GetApisCommand({ MaxResults: '500', NextToken }))),
  );
}

/** A child of an API (a stage, a route) with the API it belongs to. */
export type OfApi<T> = T & { ApiId?: string; ApiName?: string; ProtocolType?: string };

/**
 * The children of every HTTP and WebSocket API of the region: the shared GetApis listing, then
 * every page of `list` per API (four APIs at a time), each child tagged with its API.
 */
export async function childrenOfEveryApi<T>(
  client: ApiGatewayV2Client,
  ctx: CollectContext,
  list: (apiId: string, token: string | undefined) => Promise<{ Items?: T[]; NextToken?: string }>,
): Promise<OfApi<T>[]> {
  const apis = await regionApis(client, ctx);
  const perApi = await mapConcurrent(apis, 4, async (api) => {
    const children = await tokenPages((token) => list(api.ApiId as string, token));
    return children.map((c) => ({
      ...c,
      ApiId: api.ApiId,
      ApiName: api.Name,
      ProtocolType: api.ProtocolType,
    }));
  });
  return perApi.flat();
}
