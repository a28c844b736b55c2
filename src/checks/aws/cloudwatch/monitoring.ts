import {
  defineCheck,
  type ScopeCheck,
  type ScopeContext,
  type Unreadable,
  unreadableErrors,
} from '../../../core/check.js';
import type { ResourceRecord } from '../../../core/record.js';
import { type CheckResult, error, fail, pass } from '../../../core/result.js';
import type { Severity } from '../../../core/severity.js';
import { EVENT_CLASSES, type EventClassName, ROUTINE_EVENTS } from './event-classes.js';
import { compileFilterPattern } from './filter-pattern.js';

/**
 * The CIS monitoring controls all ask the same chain: a multi-region trail that is logging all
 * management events delivers to a CloudWatch Logs group; a metric filter on that group matches
 * the event class; an alarm watches the filter's metric and notifies an SNS topic; the topic has
 * a confirmed subscriber. The result names the first missing link.
 */

export const MONITORING_USES = [
  'aws.cloudtrail.trail',
  'aws.logs.metric_filter',
  'aws.cloudwatch.alarm',
  'aws.sns.subscription',
];

interface LogGroup {
  name: string;
  region: string;
  account: string;
}
interface Metric {
  namespace: string;
  name: string;
}

const isTrue = (v: unknown) => v === true;
const asGroup = (v: unknown): LogGroup | null => {
  if (typeof v !== 'object' || v === null) return null;
  const g = v as Partial<LogGroup>;
  return typeof g.name === 'string' && typeof g.region === 'string' && typeof g.account === 'string'
    ? (g as LogGroup)
    : null;
};
const metricsOf = (r: ResourceRecord): Metric[] =>
  Array.isArray(r.ext.metrics)
    ? (r.ext.metrics as unknown[]).filter(
        (m): m is Metric =>
          typeof m === 'object' &&
          m !== null &&
          typeof (m as Metric).namespace === 'string' &&
          typeof (m as Metric).name === 'string',
      )
    : [];
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/** Log groups that receive every management event of every region, from trails that are logging. */
function monitoredGroups(trails: ResourceRecord[]): { groups: LogGroup[]; unknown: string[] } {
  const groups: LogGroup[] = [];
  const unknown: string[] = [];
  for (const t of trails) {
    const group = asGroup(t.ext.cloudwatch_log_group);
    if (!isTrue(t.ext.is_multi_region) || !group) continue;
    const mgmt = t.ext.management_events as { read?: unknown; write?: unknown } | null | undefined;
    if (t.ext.logging === null || t.ext.logging === undefined || mgmt === null || mgmt === undefined) {
      unknown.push(t.com.name);
      continue;
    }
    if (t.ext.logging === true && isTrue(mgmt.read) && isTrue(mgmt.write)) groups.push(group);
  }
  return { groups, unknown };
}

/**
 * Each link is judged on what could be read: a missing link is a failure when the data of the
 * regions it would be in was read, and `error` (about those regions) when it was not.
 */
export function evaluateMonitoring(
  ctx: ScopeContext,
  className: EventClassName,
): CheckResult | CheckResult[] {
  const cls = EVENT_CLASSES[className];
  const trails = ctx.readable('aws.cloudtrail.trail');
  const { groups, unknown } = monitoredGroups(trails.records);
  if (groups.length === 0) {
    if (unknown.length > 0) {
      return error(`the status or event selectors of trail(s) ${unknown.join(', ')} could not be read`);
    }
    if (trails.unreadable.length > 0) return unreadableErrors(ctx, trails.unreadable);
    return fail(
      `no multi-region trail that logs all management events delivers to CloudWatch Logs: nothing can monitor ${cls.what}`,
    );
  }
  const local = groups.filter((g) => g.account === ctx.account);
  if (local.length === 0) {
    return error(
      `the trail log group(s) are in another account (${[...new Set(groups.map((g) => g.account))].join(', ')}): audit the monitoring there`,
    );
  }
  const onGroup = (r: ResourceRecord) =>
    local.some((g) => g.region === r.com.region && g.name === r.ext.log_group);
  const filterData = ctx.readable('aws.logs.metric_filter');
  const filters = filterData.records.filter(onGroup);
  const unreadable: { filter: string; error: string }[] = [];
  const matching = filters.filter((f) => {
    const p = compileFilterPattern(typeof f.ext.pattern === 'string' ? f.ext.pattern : '');
    if (!p.ok) {
      unreadable.push({ filter: f.com.name, error: p.error });
      return false;
    }
    return cls.samples.every((e) => p.match(e)) && !ROUTINE_EVENTS.some((e) => p.match(e));
  });
  const groupNames = local.map((g) => `${g.name} (${g.region})`).join(', ');
  if (matching.length === 0) {
    const blind = inRegions(
      filterData.unreadable,
      local.map((g) => g.region),
    );
    if (blind.length > 0) return unreadableErrors(ctx, blind);
    return fail(`no metric filter on ${groupNames} matches ${cls.what}`, {
      evidence: { log_groups: local, filters: filters.map((f) => f.com.name), unreadable },
    });
  }
  const alarmData = ctx.readable('aws.cloudwatch.alarm');
  const subscriptionData = ctx.readable('aws.sns.subscription');
  const subscriptions = subscriptionData.records.filter((s) => s.ext.confirmed === true);
  let alarmed = false;
  const topicRegions = new Set<string>();
  for (const f of matching) {
    const metrics = metricsOf(f);
    const watching = alarmData.records.filter(
      (a) =>
        a.com.region === f.com.region &&
        metricsOf(a).some((m) => metrics.some((x) => x.namespace === m.namespace && x.name === m.name)),
    );
    for (const a of watching) {
      alarmed = true;
      if (a.ext.actions_enabled === false) continue;
      const topics = strings(a.ext.alarm_actions).filter((x) => x.includes(':sns:'));
      for (const t of topics) topicRegions.add(t.split(':')[3] ?? '');
      const subs = subscriptions.filter((s) => topics.includes(String(s.ext.topic_arn)));
      if (subs.length > 0) {
        return pass(
          `metric filter ${f.com.name} -> alarm ${a.com.name} -> ${subs.length} confirmed subscriber(s) of ${[...new Set(subs.map((s) => s.ext.topic_arn))].join(', ')}`,
        );
      }
    }
  }
  const names = matching.map((f) => f.com.name).join(', ');
  const blindAlarms = inRegions(
    alarmData.unreadable,
    matching.map((f) => f.com.region),
  );
  if (blindAlarms.length > 0) return unreadableErrors(ctx, blindAlarms);
  if (!alarmed) return fail(`metric filter(s) ${names} for ${cls.what} have no alarm`);
  const blindTopics = inRegions(subscriptionData.unreadable, [...topicRegions]);
  if (blindTopics.length > 0) return unreadableErrors(ctx, blindTopics);
  return fail(`the alarms on metric filter(s) ${names} notify no SNS topic with a confirmed subscriber`);
}

const inRegions = (unreadable: Unreadable[], regions: string[]) =>
  unreadable.filter((u) => regions.includes(u.region));

export interface MonitoringCheckSpec {
  id: string;
  title: string;
  severity: Severity;
  eventClass: EventClassName;
  description: string;
  risk: string;
  /** the filter pattern the remediation suggests */
  pattern: string;
  /** metric name for the remediation example */
  metric: string;
}

const MONITORING_REFERENCES = [
  'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html',
  'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/send-cloudtrail-events-to-cloudwatch-logs.html',
  'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html',
];

/** A CIS monitoring check: the shared chain, with its own event class and wording. */
export function defineMonitoringCheck(spec: MonitoringCheckSpec): ScopeCheck {
  return defineCheck({
    id: spec.id,
    title: spec.title,
    severity: spec.severity,
    scope: 'account',
    clouds: ['aws'],
    uses: MONITORING_USES,
    triggers: [
      'PutMetricFilter',
      'DeleteMetricFilter',
      'PutMetricAlarm',
      'DeleteAlarms',
      'Subscribe',
      'Unsubscribe',
    ],
    description: spec.description,
    risk: spec.risk,
    remediation: {
      text: `Create a metric filter on the CloudWatch Logs group of a multi-region CloudTrail trail that matches ${EVENT_CLASSES[spec.eventClass].what}, an alarm on its metric, and an SNS topic with a confirmed subscriber for the alarm.`,
      cli: [
        `aws logs put-metric-filter --log-group-name <trail-log-group> --filter-name ${spec.metric} --metric-transformations metricName=${spec.metric},metricNamespace=CISBenchmark,metricValue=1 --filter-pattern '${spec.pattern}'`,
        `aws cloudwatch put-metric-alarm --alarm-name ${spec.metric} --metric-name ${spec.metric} --namespace CISBenchmark --statistic Sum --period 300 --threshold 1 --comparison-operator GreaterThanOrEqualToThreshold --evaluation-periods 1 --alarm-actions <sns-topic-arn>`,
        'aws sns subscribe --topic-arn <sns-topic-arn> --protocol email --notification-endpoint <security-team-address>',
      ].join('\n'),
    },
    references: MONITORING_REFERENCES,
    evaluate: (ctx) => evaluateMonitoring(ctx, spec.eventClass),
  });
}
