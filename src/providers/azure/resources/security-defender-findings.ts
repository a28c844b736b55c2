import { ServiceNotInUseError } from '../../kit/not-in-use.js';
import { type AzureCollectContext, defineAzureCollector, scopedPath } from '../collector.js';
import { isAzureError } from '../errors.js';
import { defenderAlertNormaliser, defenderAssessmentNormaliser } from '../normalisers/defender-findings.js';
import { defineAzureResource } from '../resource.js';
import type { AzureTransport } from '../transport.js';

/**
 * Defender for Cloud's findings of a subscription, for the import checks: its security alerts
 * that are still active, and its assessments (recommendations) that are unhealthy. Healthy and
 * not-applicable assessments, and resolved or dismissed alerts, are no finding.
 */

type Item = { id: string; properties?: { status?: unknown } };

async function* listWhere(
  t: AzureTransport,
  ctx: AzureCollectContext,
  path: string,
  query: Record<string, string>,
  keep: (i: Item) => boolean,
): AsyncIterable<Item> {
  try {
    for await (const page of t.pages<Item>('arm', scopedPath(path, ctx), query)) {
      for (const i of page) if (keep(i)) yield i;
    }
  } catch (e) {
    // A subscription never registered for Microsoft.Security has no Defender for Cloud to import from.
    if (isAzureError(e) && e.code === 'MissingSubscriptionRegistration')
      throw new ServiceNotInUseError(`Defender for Cloud is not in use: ${e.azureMessage}`);
    throw e;
  }
}

export const defenderAlerts = defineAzureResource({
  collector: defineAzureCollector<Item>({
    type: 'azure.security.alert',
    level: 'subscription',
    list: {
      permission: 'Microsoft.Security/alerts/read',
      all: (t, ctx) =>
        listWhere(
          t,
          ctx,
          '/subscriptions/{subscriptionId}/providers/Microsoft.Security/alerts',
          { 'api-version': '2022-01-01' },
          (i) => i.properties?.status === 'Active' || i.properties?.status === 'InProgress',
        ),
    },
  }),
  normaliser: defenderAlertNormaliser,
});

export const defenderAssessments = defineAzureResource({
  collector: defineAzureCollector<Item>({
    type: 'azure.security.assessment',
    level: 'subscription',
    list: {
      permission: 'Microsoft.Security/assessments/read',
      all: (t, ctx) =>
        listWhere(
          t,
          ctx,
          '/subscriptions/{subscriptionId}/providers/Microsoft.Security/assessments',
          { 'api-version': '2021-06-01', $expand: 'metadata' },
          (i) => (i.properties?.status as { code?: unknown } | undefined)?.code === 'Unhealthy',
        ),
    },
  }),
  normaliser: defenderAssessmentNormaliser,
});

export default [defenderAlerts, defenderAssessments];
