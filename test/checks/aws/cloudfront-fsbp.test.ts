import customCert from '../../../src/checks/aws/cloudfront/custom-certificate.js';
import rootObject from '../../../src/checks/aws/cloudfront/default-root-object.js';
import lambdaOac from '../../../src/checks/aws/cloudfront/lambda-url-origin-access-control.js';
import logging from '../../../src/checks/aws/cloudfront/logging-enabled.js';
import failover from '../../../src/checks/aws/cloudfront/origin-failover.js';
import originHttps from '../../../src/checks/aws/cloudfront/origin-https-required.js';
import originSsl from '../../../src/checks/aws/cloudfront/origin-no-deprecated-ssl.js';
import tlsPolicy from '../../../src/checks/aws/cloudfront/recommended-tls-policy.js';
import s3Oac from '../../../src/checks/aws/cloudfront/s3-origin-access-control.js';
import sni from '../../../src/checks/aws/cloudfront/sni-enabled.js';
import viewerHttps from '../../../src/checks/aws/cloudfront/viewer-https-required.js';
import waf from '../../../src/checks/aws/cloudfront/waf-enabled.js';
import { checkTester } from '../../helpers/check-tester.js';
import { rec } from './scope.js';

const custom = (over: Record<string, unknown> = {}) => ({
  id: 'api',
  domain_name: 'api.example.com',
  kind: 'custom',
  origin_access_control: null,
  origin_access_identity: null,
  protocol_policy: 'https-only',
  ssl_protocols: ['TLSv1.2'],
  ...over,
});
const s3 = (over: Record<string, unknown> = {}) => ({
  id: 'assets',
  domain_name: 'assets.s3.eu-west-1.amazonaws.com',
  kind: 's3',
  origin_access_control: 'E2QWRUHAPOMQZL',
  origin_access_identity: null,
  protocol_policy: null,
  ssl_protocols: [],
  ...over,
});
const dist = (ext: Record<string, unknown> = {}) =>
  rec(
    'aws.cloudfront.distribution',
    {
      default_root_object: 'index.html',
      logging_enabled: true,
      viewer_protocol_policies: ['redirect-to-https', 'https-only'],
      origin_group_count: 1,
      web_acl_id: 'arn:aws:wafv2:us-east-1:111122223333:global/webacl/edge/1',
      default_certificate: false,
      certificate_source: 'acm',
      ssl_support_method: 'sni-only',
      minimum_protocol_version: 'TLSv1.2_2021',
      origins: [custom(), s3()],
      ...ext,
    },
    { name: 'www.example.com' },
  );

checkTester(rootObject, {
  pass: [{ name: 'index.html', input: dist() }],
  fail: [{ name: 'none', input: dist({ default_root_object: '' }) }],
  error: [
    {
      name: 'config unreadable',
      input: dist({ default_root_object: null, unknown_facts: { config: 'AccessDenied' } }),
      message: 'AccessDenied',
    },
  ],
});
checkTester(viewerHttps, {
  pass: [{ name: 'https', input: dist() }],
  fail: [
    {
      name: 'allow-all',
      input: dist({ viewer_protocol_policies: ['redirect-to-https', 'allow-all'] }),
      message: '1 cache',
    },
  ],
  error: [{ name: 'unreadable', input: dist({ viewer_protocol_policies: null }) }],
});
checkTester(failover, {
  pass: [{ name: 'origin group', input: dist() }],
  fail: [{ name: 'none', input: dist({ origin_group_count: 0 }) }],
  error: [{ name: 'unreadable', input: dist({ origin_group_count: null }) }],
});
checkTester(logging, {
  pass: [{ name: 'on', input: dist() }],
  fail: [{ name: 'off', input: dist({ logging_enabled: false }) }],
  error: [{ name: 'unreadable', input: dist({ logging_enabled: null }) }],
});
checkTester(waf, {
  pass: [{ name: 'web ACL', input: dist() }],
  fail: [{ name: 'none', input: dist({ web_acl_id: null }) }],
});
checkTester(customCert, {
  pass: [{ name: 'ACM', input: dist() }],
  fail: [
    {
      name: 'default certificate',
      input: dist({ default_certificate: true, certificate_source: 'cloudfront' }),
    },
    {
      name: 'source cloudfront',
      input: dist({ default_certificate: null, certificate_source: 'cloudfront' }),
    },
  ],
  error: [
    { name: 'no viewer certificate', input: dist({ default_certificate: null, certificate_source: null }) },
  ],
});
checkTester(sni, {
  pass: [{ name: 'sni-only', input: dist() }],
  fail: [{ name: 'vip', input: dist({ ssl_support_method: 'vip' }), message: 'vip' }],
  error: [{ name: 'unknown', input: dist({ ssl_support_method: null }) }],
  not_applicable: [{ name: 'default certificate', input: dist({ default_certificate: true }) }],
});
checkTester(originHttps, {
  pass: [
    { name: 'https-only', input: dist() },
    {
      name: 'match-viewer with HTTPS viewers',
      input: dist({ origins: [custom({ protocol_policy: 'match-viewer' })] }),
    },
  ],
  fail: [
    {
      name: 'http-only',
      input: dist({ origins: [custom({ protocol_policy: 'http-only' })] }),
      message: 'api (http-only)',
    },
    {
      name: 'match-viewer with HTTP viewers',
      input: dist({
        origins: [custom({ protocol_policy: 'match-viewer' })],
        viewer_protocol_policies: ['allow-all'],
      }),
    },
  ],
  error: [
    { name: 'origins unreadable', input: dist({ origins: null }) },
    { name: 'policy missing', input: dist({ origins: [custom({ protocol_policy: null })] }) },
  ],
  not_applicable: [{ name: 'S3 only', input: dist({ origins: [s3()] }) }],
});
checkTester(originSsl, {
  pass: [{ name: 'TLS 1.2', input: dist() }],
  fail: [{ name: 'SSLv3', input: dist({ origins: [custom({ ssl_protocols: ['SSLv3', 'TLSv1.2'] })] }) }],
  error: [{ name: 'unreadable', input: dist({ origins: null }) }],
  not_applicable: [{ name: 'S3 only', input: dist({ origins: [s3()] }) }],
});
checkTester(s3Oac, {
  pass: [{ name: 'OAC', input: dist() }],
  fail: [
    {
      name: 'legacy OAI',
      input: dist({
        origins: [
          s3({ origin_access_control: null, origin_access_identity: 'origin-access-identity/cloudfront/E1' }),
        ],
      }),
      message: 'assets',
    },
  ],
  error: [{ name: 'unreadable', input: dist({ origins: null }) }],
  not_applicable: [{ name: 'custom only', input: dist({ origins: [custom()] }) }],
});
const lambdaOrigin = (oac: string | null) =>
  custom({ id: 'fn', domain_name: 'abcdefg.lambda-url.eu-west-1.on.aws', origin_access_control: oac });
checkTester(lambdaOac, {
  pass: [{ name: 'OAC', input: dist({ origins: [lambdaOrigin('E3OAC')] }) }],
  fail: [{ name: 'no OAC', input: dist({ origins: [lambdaOrigin(null)] }), message: 'fn' }],
  error: [{ name: 'unreadable', input: dist({ origins: null }) }],
  not_applicable: [{ name: 'no Lambda origin', input: dist() }],
});
checkTester(tlsPolicy, {
  pass: [{ name: 'TLSv1.2_2021', input: dist() }],
  fail: [
    {
      name: 'TLSv1.2_2019',
      input: dist({ minimum_protocol_version: 'TLSv1.2_2019' }),
      message: 'TLSv1.2_2019',
    },
    { name: 'outside the policy list', input: dist(), params: { policies: ['TLSv1.3_2025'] } },
  ],
  error: [{ name: 'unknown', input: dist({ minimum_protocol_version: null }) }],
  not_applicable: [{ name: 'default certificate', input: dist({ default_certificate: true }) }],
});
