import { z } from 'zod';
import { defineCheck } from '../../../core/check.js';
import { fail, pass } from '../../../core/result.js';
import { extStr } from '../facts.js';

export default defineCheck({
  id: 'aws.apigatewayv2.route_authorization',
  title: 'API Gateway routes specify an authorisation type',
  severity: 'medium',
  resource: 'aws.apigatewayv2.route',
  triggers: ['UpdateRoute', 'CreateRoute'],
  description: 'The route of the HTTP or WebSocket API has no authorisation (authorization type NONE).',
  risk: 'Anyone who finds the endpoint can call the route and reach its integration.',
  remediation: {
    text: 'Attach an authoriser (JWT, Lambda or IAM) to the route, unless it is meant to be public.',
    cli: 'aws apigatewayv2 update-route --api-id <api-id> --route-id <route-id> --authorization-type JWT --authorizer-id <authorizer-id>',
  },
  references: ['https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-access-control.html'],
  params: z.object({
    // empty: any type but NONE passes
    authorization_types: z.array(z.enum(['AWS_IAM', 'CUSTOM', 'JWT'])).default([]),
  }),
  evaluate(route, { authorization_types }) {
    const type = extStr(route, 'authorization_type') ?? 'NONE';
    if (type === 'NONE') return fail(`${route.com.name} has no authorisation`);
    if (authorization_types.length > 0 && !authorization_types.includes(type as never))
      return fail(`${route.com.name} uses ${type}, not one of ${authorization_types.join(', ')}`);
    return pass(`authorisation type ${type}`);
  },
});
