import cacheEncrypted from '../../../src/checks/aws/apigateway/stage-cache-encrypted.js';
import clientCert from '../../../src/checks/aws/apigateway/stage-client-certificate.js';
import restLogging from '../../../src/checks/aws/apigateway/stage-execution-logging.js';
import waf from '../../../src/checks/aws/apigateway/stage-waf-associated.js';
import xray from '../../../src/checks/aws/apigateway/stage-xray-tracing.js';
import routeAuth from '../../../src/checks/aws/apigatewayv2/route-authorization.js';
import accessLogging from '../../../src/checks/aws/apigatewayv2/stage-access-logging.js';
import wsLogging from '../../../src/checks/aws/apigatewayv2/websocket-execution-logging.js';
import { checkTester } from '../../helpers/check-tester.js';
import { rec } from './scope.js';

const rest = (ext: Record<string, unknown> = {}) =>
  rec(
    'aws.apigateway.stage',
    {
      protocol: 'REST',
      logging_levels: [{ method: '*/*', level: 'ERROR' }],
      tracing_enabled: true,
      web_acl_arn: 'arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/api/1',
      client_certificate_id: 'abc123',
      cached_methods: [{ method: '*/*', encrypted: true }],
      ...ext,
    },
    { name: 'orders/prod' },
  );

checkTester(restLogging, {
  pass: [
    { name: 'ERROR for all', input: rest() },
    {
      name: 'INFO override',
      input: rest({
        logging_levels: [
          { method: '*/*', level: 'ERROR' },
          { method: 'orders/GET', level: 'INFO' },
        ],
      }),
    },
  ],
  fail: [
    {
      name: 'off',
      input: rest({ logging_levels: [{ method: '*/*', level: 'OFF' }] }),
      message: 'OFF for */*',
    },
    {
      name: 'one method off',
      input: rest({
        logging_levels: [
          { method: '*/*', level: 'INFO' },
          { method: 'health/GET', level: 'OFF' },
        ],
      }),
      message: 'health/GET',
    },
    {
      name: 'INFO when only ERROR is asked for',
      input: rest({ logging_levels: [{ method: '*/*', level: 'INFO' }] }),
      params: { logging_levels: ['ERROR'] },
    },
  ],
  error: [{ name: 'unreadable', input: rest({ logging_levels: null }) }],
});
checkTester(clientCert, {
  pass: [{ name: 'certificate', input: rest() }],
  fail: [{ name: 'none', input: rest({ client_certificate_id: null }) }],
});
checkTester(xray, {
  pass: [{ name: 'on', input: rest() }],
  fail: [{ name: 'off', input: rest({ tracing_enabled: false }) }],
  error: [{ name: 'unreadable', input: rest({ tracing_enabled: null }) }],
});
checkTester(waf, {
  pass: [{ name: 'web ACL', input: rest() }],
  fail: [{ name: 'none', input: rest({ web_acl_arn: null }) }],
});
checkTester(cacheEncrypted, {
  pass: [{ name: 'encrypted', input: rest() }],
  fail: [
    {
      name: 'plain',
      input: rest({ cached_methods: [{ method: 'items/GET', encrypted: false }] }),
      message: 'items/GET',
    },
  ],
  error: [{ name: 'unreadable', input: rest({ cached_methods: null }) }],
  not_applicable: [{ name: 'no caching', input: rest({ cached_methods: [] }) }],
});

const v2 = (ext: Record<string, unknown> = {}) =>
  rec(
    'aws.apigatewayv2.stage',
    {
      protocol: 'WEBSOCKET',
      logging_levels: [{ method: '$default', level: 'INFO' }],
      access_log_destination: 'arn:aws:logs:eu-west-1:111122223333:log-group:api',
      ...ext,
    },
    { name: 'chat/prod' },
  );
checkTester(wsLogging, {
  pass: [{ name: 'INFO', input: v2() }],
  fail: [{ name: 'OFF', input: v2({ logging_levels: [{ method: '$default', level: 'OFF' }] }) }],
  error: [{ name: 'unreadable', input: v2({ logging_levels: null }) }],
  not_applicable: [{ name: 'HTTP API', input: v2({ protocol: 'HTTP' }) }],
});
checkTester(accessLogging, {
  pass: [{ name: 'configured', input: v2() }],
  fail: [{ name: 'none', input: v2({ access_log_destination: null }) }],
});
const route = (type: string | null) =>
  rec(
    'aws.apigatewayv2.route',
    { authorization_type: type, route_key: 'GET /orders' },
    { name: 'orders GET /orders' },
  );
checkTester(routeAuth, {
  pass: [
    { name: 'JWT', input: route('JWT') },
    { name: 'IAM', input: route('AWS_IAM') },
  ],
  fail: [
    { name: 'NONE', input: route('NONE'), message: 'no authorisation' },
    { name: 'missing means none', input: route(null) },
    { name: 'not the required type', input: route('CUSTOM'), params: { authorization_types: ['JWT'] } },
  ],
});
