import metrics from '../../../src/checks/aws/wafv2/rule-metrics-enabled.js';
import hasRules from '../../../src/checks/aws/wafv2/web-acl-has-rules.js';
import logging from '../../../src/checks/aws/wafv2/web-acl-logging-enabled.js';
import { checkTester } from '../../helpers/check-tester.js';
import { rec } from './scope.js';

const acl = (ext: Record<string, unknown>) =>
  rec(
    'aws.wafv2.web_acl',
    {
      rules: [{ name: 'core', metrics_enabled: true }],
      metrics_enabled: true,
      logging_enabled: true,
      ...ext,
    },
    { name: 'edge' },
  );
const unreadable = {
  rules: null,
  metrics_enabled: null,
  unknown_facts: { webAcl: 'WAFInternalErrorException' },
};

checkTester(hasRules, {
  pass: [{ name: 'one rule', input: acl({}) }],
  fail: [{ name: 'no rules', input: acl({ rules: [] }) }],
  error: [{ name: 'unreadable', input: acl(unreadable), message: 'WAFInternalErrorException' }],
});
checkTester(logging, {
  pass: [{ name: 'configured', input: acl({}) }],
  fail: [{ name: 'none', input: acl({ logging_enabled: false }) }],
  error: [
    {
      name: 'unreadable',
      input: acl({ logging_enabled: null, unknown_facts: { logging: 'AccessDenied' } }),
      message: 'AccessDenied',
    },
  ],
});
checkTester(metrics, {
  pass: [
    { name: 'all on', input: acl({}) },
    { name: 'no rules, ACL metrics on', input: acl({ rules: [] }) },
  ],
  fail: [
    {
      name: 'a rule without metrics',
      input: acl({ rules: [{ name: 'geo', metrics_enabled: false }] }),
      message: 'rule geo',
    },
    { name: 'the ACL without metrics', input: acl({ metrics_enabled: false }), message: 'web ACL itself' },
  ],
  error: [{ name: 'unreadable', input: acl(unreadable) }],
});
