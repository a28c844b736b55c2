import { type Api, type ApiGatewayV2Client, GetApisCommand } from '@aws-sdk/client-apigatewayv2';
import type { CollectContext } from '../collector.js';

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
