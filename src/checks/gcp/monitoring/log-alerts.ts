import type { ScopeContext } from '../../../core/check.js';
import { defineCheck } from '../../../core/check.js';
import type { ResourceRecord } from '../../../core/record.js';
import { type CheckResult, fail, pass } from '../../../core/result.js';

export const METRIC = 'gcp.logging.metric';
export const ALERT_POLICY = 'gcp.monitoring.alert_policy';

/** A log filter compared loosely: lower case, no white space, one kind of quote. */
export function normaliseFilter(filter: string): string {
  return filter.toLowerCase().replace(/'/g, '"').replace(/\s+/g, '');
}

/** True when the filter names every required term (each compared as normaliseFilter does). */
export function filterCovers(filter: string, terms: readonly string[]): boolean {
  const f = normaliseFilter(filter);
  return terms.every((t) => f.includes(normaliseFilter(t)));
}

/**
 * A log-based metric whose filter covers the events (`terms`), and an enabled alert policy on
 * that metric. Passes naming both; fails saying which half is missing.
 */
export function logAlertExists(ctx: ScopeContext, terms: readonly string[], what: string): CheckResult {
  const metrics = ctx
    .resources(METRIC)
    .filter(
      (m) => m.ext.disabled !== true && typeof m.ext.filter === 'string' && filterCovers(m.ext.filter, terms),
    );
  if (metrics.length === 0) {
    return fail(`project ${ctx.account} has no log-based metric for ${what}`, {
      evidence: { filter_terms: terms },
    });
  }
  const policies = ctx.resources(ALERT_POLICY).filter((p) => p.ext.enabled === true);
  for (const m of metrics) {
    const policy = policies.find(
      (p: ResourceRecord) =>
        Array.isArray(p.ext.metric_types) &&
        (p.ext.metric_types as string[]).includes(String(m.ext.metric_type)),
    );
    if (policy) return pass(`metric ${m.com.name} and alert policy ${policy.com.name} watch ${what}`);
  }
  return fail(
    `no enabled alert policy watches metric ${metrics.map((m) => m.com.name).join(', ')} (${what})`,
    {
      evidence: { metrics: metrics.map((m) => m.com.name) },
    },
  );
}

export interface LogAlertSpec {
  id: string;
  title: string;
  /** what the events are, for messages */
  what: string;
  /** terms the metric's filter must contain (the CIS filter's resource type and methods) */
  terms: readonly string[];
  description: string;
  risk: string;
}

/** One CIS "log metric filter and alert exist for ..." check. */
export function defineLogAlertCheck(spec: LogAlertSpec) {
  return defineCheck({
    id: spec.id,
    title: spec.title,
    severity: 'low',
    scope: 'account',
    uses: [METRIC, ALERT_POLICY],
    triggers: [
      'google.logging.v2.MetricsServiceV2.CreateLogMetric',
      'google.logging.v2.MetricsServiceV2.UpdateLogMetric',
      'google.logging.v2.MetricsServiceV2.DeleteLogMetric',
      'google.monitoring.v3.AlertPolicyService.CreateAlertPolicy',
      'google.monitoring.v3.AlertPolicyService.UpdateAlertPolicy',
      'google.monitoring.v3.AlertPolicyService.DeleteAlertPolicy',
    ],
    description: spec.description,
    risk: spec.risk,
    remediation: {
      text: `Create a log-based metric whose filter matches ${spec.what} (${spec.terms.join(' ... ')}), and an alert policy on it with a notification channel.`,
      cli: `gcloud logging metrics create <metric-name> --project <project> --log-filter='${spec.terms.join(' AND ')}'\ngcloud alpha monitoring policies create --project <project> --policy-from-file=<policy.json>`,
    },
    references: [
      'https://cloud.google.com/logging/docs/logs-based-metrics',
      'https://cloud.google.com/monitoring/alerts/using-alerting-ui',
    ],
    evaluate: (ctx) => logAlertExists(ctx, spec.terms, spec.what),
  });
}
