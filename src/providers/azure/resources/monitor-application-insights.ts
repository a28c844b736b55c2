import { armList, defineAzureCollector } from '../collector.js';
import { applicationInsights } from '../normalisers/monitor-application-insights.js';
import { armChangeEvents, armIds, defineAzureResource } from '../resource.js';
import { unregisteredMeans } from '../unregistered.js';

export const APPLICATION_INSIGHTS_API_VERSION = '2020-02-02';

/** Fields of a component that let anyone send telemetry into it: never kept. */
const INGESTION_SECRETS = ['InstrumentationKey', 'ConnectionString'];

interface Component {
  id: string;
  properties?: Record<string, unknown>;
}

function withoutIngestionSecrets(c: Component): Component {
  if (!c.properties) return c;
  const properties = Object.fromEntries(
    Object.entries(c.properties).filter(([k]) => !INGESTION_SECRETS.includes(k)),
  );
  return { ...c, properties };
}

const list = armList<Component>({
  permission: 'Microsoft.Insights/components/read',
  path: '/subscriptions/{subscriptionId}/providers/Microsoft.Insights/components',
  apiVersion: APPLICATION_INSIGHTS_API_VERSION,
});

/**
 * Application Insights components of a subscription: one paged list. A subscription never
 * registered for Microsoft.Insights has none, which is what the CIS control asks about, so it
 * reads as an empty list rather than as not applicable.
 */
export default defineAzureResource({
  collector: defineAzureCollector<Component>({
    type: 'azure.monitor.application_insights',
    level: 'subscription',
    list: {
      ...unregisteredMeans(list, 'none'),
      items: (page) => page.map(withoutIngestionSecrets),
    },
    getOne: { ids: armIds, absentOn: ['ResourceNotFound', 'NotFound', 'ResourceGroupNotFound'] },
  }),
  normaliser: applicationInsights,
  changedBy: armChangeEvents('Microsoft.Insights/components'),
});
