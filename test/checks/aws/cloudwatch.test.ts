import { describe, expect, it } from 'vitest';
import trailChanges from '../../../src/checks/aws/cloudwatch/cloudtrail-changes-monitored.js';
import { evaluateMonitoring } from '../../../src/checks/aws/cloudwatch/monitoring.js';
import rootUsage from '../../../src/checks/aws/cloudwatch/root-usage-monitored.js';
import { ALL_CHECKS } from '../../../src/checks/index.js';
import type { ResourceRecord } from '../../../src/core/record.js';
import { checkTester } from '../../helpers/check-tester.js';
import { rec, scope, unreadable } from './scope.js';

const ACCOUNT = '111122223333';
const TOPIC = `arn:aws:sns:us-east-1:${ACCOUNT}:security-alerts`;
const ROOT_PATTERN =
  '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }';

const trail = (over: Record<string, unknown> = {}) =>
  rec(
    'aws.cloudtrail.trail',
    {
      is_multi_region: true,
      logging: true,
      management_events: { read: true, write: true },
      cloudwatch_log_group: { name: 'CloudTrail/org', region: 'us-east-1', account: ACCOUNT },
      ...over,
    },
    { name: 'org' },
  );
const filter = (pattern: string, over: Record<string, unknown> = {}, region = 'us-east-1') =>
  rec(
    'aws.logs.metric_filter',
    { log_group: 'CloudTrail/org', pattern, metrics: [{ namespace: 'CIS', name: 'RootUsage' }], ...over },
    { name: 'root-usage', region },
  );
const alarm = (over: Record<string, unknown> = {}) =>
  rec(
    'aws.cloudwatch.alarm',
    {
      metrics: [{ namespace: 'CIS', name: 'RootUsage' }],
      actions_enabled: true,
      alarm_actions: [TOPIC],
      ...over,
    },
    { name: 'root-usage-alarm' },
  );
const sub = (confirmed = true, topic = TOPIC) => rec('aws.sns.subscription', { topic_arn: topic, confirmed });

const chain = (parts: Partial<Record<'trail' | 'filter' | 'alarm' | 'sub', ResourceRecord[]>> = {}) =>
  scope([
    ...(parts.trail ?? [trail()]),
    ...(parts.filter ?? [filter(ROOT_PATTERN)]),
    ...(parts.alarm ?? [alarm()]),
    ...(parts.sub ?? [sub()]),
  ]);

checkTester(rootUsage, {
  pass: [
    { name: 'trail -> filter -> alarm -> confirmed subscriber', input: chain(), message: 'root-usage-alarm' },
    {
      name: 'one good trail among single-region ones',
      input: chain({ trail: [trail({ is_multi_region: false }), trail()] }),
    },
  ],
  fail: [
    { name: 'no trail at all', input: chain({ trail: [] }), message: 'no multi-region trail' },
    { name: 'single-region trail only', input: chain({ trail: [trail({ is_multi_region: false })] }) },
    { name: 'trail not logging', input: chain({ trail: [trail({ logging: false })] }) },
    {
      name: 'trail records write events only',
      input: chain({ trail: [trail({ management_events: { read: false, write: true } })] }),
    },
    {
      name: 'trail without CloudWatch Logs',
      input: chain({ trail: [trail({ cloudwatch_log_group: null })] }),
    },
    { name: 'no metric filter', input: chain({ filter: [] }), message: 'no metric filter' },
    { name: 'filter for something else', input: chain({ filter: [filter('{ $.eventName = CreateVpc }')] }) },
    {
      name: 'filter on another log group',
      input: chain({ filter: [filter(ROOT_PATTERN, { log_group: 'other' })] }),
    },
    { name: 'filter in another region', input: chain({ filter: [filter(ROOT_PATTERN, {}, 'eu-west-1')] }) },
    { name: 'unparsable filter', input: chain({ filter: [filter('{ $.userIdentity.type = ')] }) },
    { name: 'no alarm', input: chain({ alarm: [] }), message: 'have no alarm' },
    {
      name: 'alarm on another metric',
      input: chain({ alarm: [alarm({ metrics: [{ namespace: 'CIS', name: 'Other' }] })] }),
    },
    { name: 'alarm with actions disabled', input: chain({ alarm: [alarm({ actions_enabled: false })] }) },
    { name: 'no subscriber', input: chain({ sub: [] }), message: 'confirmed subscriber' },
    { name: 'pending subscription only', input: chain({ sub: [sub(false)] }) },
    { name: 'subscriber of another topic', input: chain({ sub: [sub(true, `${TOPIC}-other`)] }) },
  ],
  error: [
    {
      name: 'trail status unreadable',
      input: chain({ trail: [trail({ logging: null })] }),
      message: 'could not be read',
    },
    { name: 'event selectors unreadable', input: chain({ trail: [trail({ management_events: null })] }) },
    {
      name: 'log group in another account',
      input: chain({
        trail: [
          trail({
            cloudwatch_log_group: { name: 'CloudTrail/org', region: 'us-east-1', account: '999988887777' },
          }),
        ],
      }),
      message: 'another account',
    },
  ],
});

checkTester(trailChanges, {
  pass: [
    {
      name: 'the CIS pattern with alarm and subscriber',
      input: chain({
        filter: [
          filter(
            '{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }',
          ),
        ],
      }),
    },
  ],
  fail: [{ name: 'only the root usage filter exists', input: chain() }],
});

describe('the fifteen CIS monitoring checks', () => {
  const monitoring = ALL_CHECKS.filter(
    (c) => c.id.startsWith('aws.cloudwatch.') && c.id.endsWith('_monitored'),
  );
  it('are registered and each has its own event class', () => {
    expect(monitoring).toHaveLength(15);
  });
  it('each fails on an empty estate and errors when trails are unreadable', () => {
    for (const c of monitoring) {
      if (c.kind !== 'scope') throw new Error(`${c.id} is not a scope check`);
      expect(c.evaluate(scope([]), {})).toMatchObject({ status: 'fail' });
      expect(c.evaluate(scope([trail({ logging: null })]), {})).toMatchObject({ status: 'error' });
      expect(c.uses).toEqual([
        'aws.cloudtrail.trail',
        'aws.logs.metric_filter',
        'aws.cloudwatch.alarm',
        'aws.sns.subscription',
      ]);
    }
  });
  // each check passes on the metric filter its own remediation creates
  for (const check of monitoring) {
    if (check.kind !== 'scope') continue;
    const pattern = /--filter-pattern '(.+)'/.exec(check.remediation.cli ?? '')?.[1] ?? '';
    checkTester(check, {
      pass: [
        { name: 'the remediation filter, alarm and subscriber', input: chain({ filter: [filter(pattern)] }) },
      ],
      fail: [
        { name: 'no metric filter', input: chain({ filter: [] }), message: 'no metric filter' },
        { name: 'no trail', input: chain({ trail: [] }), message: 'no multi-region trail' },
      ],
      error: [
        {
          name: 'trail status unreadable',
          input: chain({ trail: [trail({ logging: null })] }),
          message: 'could not be read',
        },
        {
          name: 'metric filters unreadable',
          input: scope([trail(), alarm(), sub()], ACCOUNT, [unreadable('aws.logs.metric_filter')]),
        },
      ],
    });
  }
  it('an alarm on a metric-math metric counts', () => {
    const result = evaluateMonitoring(
      chain({
        alarm: [
          alarm({
            metrics: [
              { namespace: 'Other', name: 'x' },
              { namespace: 'CIS', name: 'RootUsage' },
            ],
          }),
        ],
      }),
      'root_usage',
    );
    expect(result).toMatchObject({ status: 'pass' });
  });
});
