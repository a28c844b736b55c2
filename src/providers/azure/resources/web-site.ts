import { armGetBelow, armList, defineAzureCollector } from '../collector.js';
import normaliser from '../normalisers/web-site.js';
import { armChangeEvents, armIds, defineAzureResource } from '../resource.js';

export const WEB_API_VERSION = '2023-12-01';
export const RESOURCE_DIAGNOSTICS_API_VERSION = '2021-05-01-preview';

/** The site config fields the checks read; the rest of sites/config/web is not kept. */
const SITE_CONFIG_FIELDS = [
  'minTlsVersion',
  'scmMinTlsVersion',
  'ftpsState',
  'http20Enabled',
  'remoteDebuggingEnabled',
  'httpLoggingEnabled',
] as const;

interface SiteItem {
  id: string;
}

/**
 * App Service apps of a subscription (web and function apps): the list carries HTTPS-only,
 * client certificates and the identity; the TLS floor, FTP state, HTTP/2 and remote debugging
 * are in the site's web config, one GET per app; whether the HTTP logs go anywhere is the app's
 * diagnostic settings, one list per app. Each per-app call is made only when a selected check
 * reads what it feeds. Publishing credentials and app settings are never read.
 */
export const webSites = defineAzureCollector<SiteItem>({
  type: 'azure.web.site',
  level: 'subscription',
  list: armList({
    permission: 'Microsoft.Web/sites/Read',
    path: '/subscriptions/{subscriptionId}/providers/Microsoft.Web/sites',
    apiVersion: WEB_API_VERSION,
  }),
  enrich: {
    config: {
      permission: 'Microsoft.Web/sites/config/Read',
      facts: [
        'min_tls_version_raw',
        'scm_min_tls_version',
        'ftps_state',
        'http20_enabled',
        'remote_debugging_enabled',
      ],
      call: async (t, site) => {
        const cfg = await t.get<{ id?: unknown; properties?: Record<string, unknown> }>(
          'arm',
          `${site.id}/config/web`,
          { 'api-version': WEB_API_VERSION },
        );
        const props = cfg.properties ?? {};
        return {
          id: cfg.id,
          properties: Object.fromEntries(SITE_CONFIG_FIELDS.map((f) => [f, props[f]])),
        };
      },
    },
    diagnostics: armGetBelow<SiteItem>({
      permission: 'Microsoft.Insights/DiagnosticSettings/Read',
      suffix: '/providers/Microsoft.Insights/diagnosticSettings',
      apiVersion: RESOURCE_DIAGNOSTICS_API_VERSION,
      facts: ['http_logs_enabled'],
      list: true,
    }),
  },
  getOne: {
    ids: armIds,
    absentOn: ['ResourceNotFound', 'NotFound', 'ResourceGroupNotFound'],
  },
});

export default defineAzureResource({
  collector: webSites,
  normaliser,
  changedBy: armChangeEvents('Microsoft.Web/sites', ['config/write']),
});
