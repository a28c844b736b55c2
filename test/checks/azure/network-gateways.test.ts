import appGatewayHttp2 from '../../../src/checks/azure/network/app-gateway-http2-enabled.js';
import appGatewayTls from '../../../src/checks/azure/network/app-gateway-min-tls-1-2.js';
import appGatewayWaf from '../../../src/checks/azure/network/app-gateway-waf-enabled.js';
import vnetDdos from '../../../src/checks/azure/network/vnet-ddos-protection.js';
import vpnEntraOnly from '../../../src/checks/azure/network/vpn-gateway-p2s-entra-id-only.js';
import wafBots from '../../../src/checks/azure/network/waf-policy-bot-protection.js';
import wafBodies from '../../../src/checks/azure/network/waf-policy-request-body-inspection.js';
import { checkTester } from '../../helpers/check-tester.js';
import { azureRec } from './scope.js';

const APP_GW = 'azure.network.application_gateway';
const gw = (ext: Record<string, unknown>, name = 'shop-agw') => azureRec(APP_GW, ext, name);
/** A gateway's facts when its normaliser could not establish them (they are null). */
const unknownGateway = gw({
  waf_enabled: null,
  http2_enabled: null,
  tls_policy_set: null,
  unknown_facts: { waf_enabled: 'AuthorizationFailed' },
});

checkTester(appGatewayWaf, {
  pass: [
    { name: 'a WAF policy attached', input: gw({ waf_enabled: true, waf_policy: '/subscriptions/s/...' }) },
    {
      name: 'the legacy WAF configuration on',
      input: gw({ waf_enabled: true, waf_configuration_enabled: true }),
    },
  ],
  fail: [
    {
      name: 'Standard_v2 without a WAF',
      input: gw({ waf_enabled: false, sku_tier: 'Standard_v2' }),
      message: 'no web application firewall',
    },
  ],
  error: [{ name: 'unknown', input: unknownGateway, message: 'waf_enabled unknown' }],
});

checkTester(appGatewayHttp2, {
  pass: [{ name: 'HTTP/2 on', input: gw({ http2_enabled: true }) }],
  fail: [{ name: 'HTTP/2 off', input: gw({ http2_enabled: false }), message: 'HTTP/2 off' }],
  error: [{ name: 'unknown', input: unknownGateway }],
});

checkTester(appGatewayTls, {
  pass: [
    {
      name: 'predefined AppGwSslPolicy20220101S',
      input: gw({
        tls_policy_set: true,
        tls_policy: 'AppGwSslPolicy20220101S',
        min_tls_version: '1.2',
        ssl_profiles: [],
      }),
      message: 'TLS 1.2 or later',
    },
    {
      name: 'CustomV2 at TLS 1.3 with a TLS 1.2 profile',
      input: gw({
        tls_policy_set: true,
        tls_policy: 'CustomV2',
        min_tls_version: '1.3',
        ssl_profiles: [{ name: 'partners', min_tls_version: '1.2' }],
      }),
    },
  ],
  fail: [
    {
      name: 'the 2015 predefined policy',
      input: gw({
        tls_policy_set: true,
        tls_policy: 'AppGwSslPolicy20150501',
        min_tls_version: '1.0',
        ssl_profiles: [],
      }),
      message: 'accepts TLS 1.0',
    },
    {
      name: 'no TLS policy (the creation API version decides)',
      input: gw({ tls_policy_set: false, tls_policy: null, min_tls_version: null, ssl_profiles: [] }),
      message: 'sets no TLS policy',
    },
    {
      name: 'a strong gateway policy with an SSL profile at TLS 1.1',
      input: gw({
        tls_policy_set: true,
        tls_policy: 'AppGwSslPolicy20220101',
        min_tls_version: '1.2',
        ssl_profiles: [{ name: 'legacy-clients', min_tls_version: '1.1' }],
      }),
      message: 'SSL profile legacy-clients',
    },
  ],
  error: [
    { name: 'the policy could not be read', input: unknownGateway, message: 'could not be read' },
    {
      name: 'a predefined policy Cloudward does not know',
      input: gw({
        tls_policy_set: true,
        tls_policy: 'AppGwSslPolicy20990101',
        min_tls_version: null,
        ssl_profiles: [],
      }),
      message: 'not one Cloudward knows',
    },
    {
      name: 'an SSL profile whose policy Cloudward does not know',
      input: gw({
        tls_policy_set: true,
        tls_policy: 'AppGwSslPolicy20220101',
        min_tls_version: '1.2',
        ssl_profiles: [{ name: 'odd', min_tls_version: null }],
      }),
      message: 'SSL profile(s) odd',
    },
  ],
});

const WAF = 'azure.network.waf_policy';
const policy = (ext: Record<string, unknown>) => azureRec(WAF, ext, 'shop-waf');
const unknownPolicy = policy({ request_body_check: null, bot_protection: null });

checkTester(wafBodies, {
  pass: [{ name: 'request body check on', input: policy({ request_body_check: true }) }],
  fail: [
    {
      name: 'request body check off',
      input: policy({ request_body_check: false }),
      message: 'does not inspect',
    },
  ],
  error: [
    { name: 'no policy settings in the answer', input: unknownPolicy, message: 'request_body_check unknown' },
  ],
});

checkTester(wafBots, {
  pass: [{ name: 'Microsoft_BotManagerRuleSet present', input: policy({ bot_protection: true }) }],
  fail: [{ name: 'OWASP only', input: policy({ bot_protection: false }), message: 'no bot protection' }],
  error: [
    { name: 'no managed rules in the answer', input: unknownPolicy, message: 'bot_protection unknown' },
  ],
});

const vnet = (ext: Record<string, unknown>) => azureRec('azure.network.virtual_network', ext, 'hub-vnet');
checkTester(vnetDdos, {
  pass: [
    { name: 'a protection plan', input: vnet({ ddos_protection: true, ddos_protection_plan: '/x/plan' }) },
  ],
  fail: [
    {
      name: 'no plan',
      input: vnet({ ddos_protection: false, ddos_protection_plan: null }),
      message: 'no DDoS',
    },
  ],
  error: [{ name: 'unknown', input: vnet({ ddos_protection: null }) }],
});

const vpn = (ext: Record<string, unknown>) =>
  azureRec(
    'azure.network.virtual_network_gateway',
    { gateway_type: 'Vpn', point_to_site: true, ...ext },
    'hub-vpngw',
  );
checkTester(vpnEntraOnly, {
  pass: [{ name: 'AAD only', input: vpn({ p2s_authentication_types: ['AAD'] }), message: 'Entra ID only' }],
  fail: [
    {
      name: 'certificates',
      input: vpn({ p2s_authentication_types: ['Certificate'] }),
      message: 'Certificate',
    },
    {
      name: 'AAD beside RADIUS',
      input: vpn({ p2s_authentication_types: ['AAD', 'Radius'] }),
      message: 'AAD, Radius',
    },
  ],
  error: [
    {
      name: 'no authentication type in the answer',
      input: vpn({ p2s_authentication_types: [] }),
      message: 'does not say',
    },
    { name: 'point-to-site unknown', input: vpn({ point_to_site: null }), message: 'could not be read' },
  ],
  not_applicable: [
    { name: 'site-to-site only', input: vpn({ point_to_site: false, p2s_authentication_types: [] }) },
    { name: 'an ExpressRoute gateway', input: vpn({ gateway_type: 'ExpressRoute', point_to_site: false }) },
  ],
});
