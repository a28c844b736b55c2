import { ALL_CHECKS } from '../checks/index.js';
import type { ConfigCatalogue } from '../config/load.js';
import { resolveParams } from '../core/check.js';
import { loadFrameworks } from '../frameworks/framework.js';
import { AWS_ACTIONS } from '../providers/aws/actions/index.js';
import { parseAwsProviderConfig } from '../providers/aws/config.js';
import { parseAzureProviderConfig } from '../providers/azure/config.js';
import { parseGcpProviderConfig } from '../providers/gcp/config.js';

/** The built-in checks, frameworks and provider option parsers a config's names must match. */
export const builtinCatalogue: ConfigCatalogue = {
  checkIds: new Set(ALL_CHECKS.map((c) => c.id)),
  checkParams(checkId, params) {
    const check = ALL_CHECKS.find((c) => c.id === checkId);
    if (check) resolveParams(check, params);
  },
  frameworkIds: () => new Set(loadFrameworks().map((f) => f.id)),
  actionIds: new Set(AWS_ACTIONS.map((a) => a.id)),
  providerOptions(provider, path) {
    if (provider.type === 'aws') parseAwsProviderConfig(provider, path);
    if (provider.type === 'gcp') parseGcpProviderConfig(provider, path);
    if (provider.type === 'azure') parseAzureProviderConfig(provider, path);
  },
};
