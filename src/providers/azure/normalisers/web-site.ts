import { defineNormaliser } from '../../../core/provider.js';
import {
  at,
  bool,
  buildRecord,
  enrichment,
  type Json,
  str,
  tlsVersion,
  unknownReasons,
} from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { armItem, armResource } from './azure-common.js';
import { RESOURCE_DIAGNOSTIC_SETTING, settingsSending } from './resource-diagnostics.js';

const TYPE = 'azure.web.site';

const SITE_CONFIG = S.obj({
  minTlsVersion: S.str,
  scmMinTlsVersion: S.str,
  ftpsState: S.str,
  http20Enabled: S.bool,
  remoteDebuggingEnabled: S.bool,
  httpLoggingEnabled: S.bool,
});

const RAW = S.raw({
  item: armItem(
    {
      state: S.str,
      defaultHostName: S.str,
      clientCertEnabled: S.bool,
      httpsOnly: S.bool,
      siteConfig: SITE_CONFIG,
    },
    { kind: S.str, identity: S.obj({ type: S.str }) },
  ),
  config: S.answer({ properties: SITE_CONFIG }),
  diagnostics: S.answerList(RESOURCE_DIAGNOSTIC_SETTING),
});

/** The diagnostic settings that send the app's HTTP logs somewhere (AppServiceHTTPLogs, or all logs). */
const httpLogSettings = (raw: Json) =>
  settingsSending(raw, 'diagnostics', { categories: ['AppServiceHTTPLogs'], groups: ['allLogs'] });

/**
 * An App Service web app ('web_app'). The TLS floor is in the site's web config
 * (`raw.config`, sites/config/web): the list answer's siteConfig is usually null, so without
 * the config the minimum TLS version is null. `raw.diagnostics` is the app's diagnostic
 * settings list (http_logs_enabled).
 */
export default defineNormaliser({
  type: TYPE,
  cloud: 'azure',
  service: 'web',
  produces: [TYPE, 'web_app'],
  raw: RAW,
  normalise(raw, scope) {
    const site = armResource(raw, TYPE);
    const config = enrichment(raw, 'config');
    const cfg = config.state === 'value' ? at(config.value, 'properties') : at(site.properties, 'siteConfig');
    const minTls = str(at(cfg, 'minTlsVersion'));
    const httpLogs = httpLogSettings(raw);
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'web_app',
        reference: site.id,
        name: site.name,
        region: site.region,
        service: 'web',
        tags: site.tags,
        ext: {
          resource_group: site.resourceGroup,
          kind: str(site.item.kind),
          state: str(site.properties.state),
          default_host_name: str(site.properties.defaultHostName),
          min_tls_version_raw: minTls,
          scm_min_tls_version: tlsVersion(at(cfg, 'scmMinTlsVersion')),
          ftps_state: str(at(cfg, 'ftpsState')),
          http20_enabled: bool(at(cfg, 'http20Enabled')),
          remote_debugging_enabled: bool(at(cfg, 'remoteDebuggingEnabled')),
          client_cert_enabled: bool(site.properties.clientCertEnabled),
          identity_type: str(at(site.item, 'identity.type')),
          http_logs_enabled: httpLogs.names === null ? null : httpLogs.names.length > 0,
          http_log_settings: httpLogs.names,
          unknown_facts: unknownReasons({ config, http_logs_enabled: httpLogs.state }),
        },
        shape: {
          min_tls_version: tlsVersion(minTls),
          https_only: bool(site.properties.httpsOnly),
        },
      }),
    ];
  },
});
