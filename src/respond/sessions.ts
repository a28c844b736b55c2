import type { Config } from '../config/schema.js';
import type { ActionTarget } from '../core/remediation.js';
import { AwsActionSession, type AwsActionSessionOptions } from '../providers/aws/action-session.js';
import { parseAwsProviderConfig } from '../providers/aws/config.js';
import { AzureActionSession, type AzureActionSessionOptions } from '../providers/azure/action-session.js';
import { parseAzureProviderConfig } from '../providers/azure/config.js';
import { GcpActionSession, type GcpActionSessionOptions } from '../providers/gcp/action-session.js';
import { parseGcpProviderConfig } from '../providers/gcp/config.js';
import type { RemediationGrant } from '../providers/kit/remediation-grant.js';
import type { OpenSession } from './remediator.js';

export type AwsSessionSeams = Omit<AwsActionSessionOptions, 'provider' | 'grant'>;
export type AzureSessionSeams = Omit<AzureActionSessionOptions, 'provider' | 'grant'>;
export type GcpSessionSeams = Omit<GcpActionSessionOptions, 'provider' | 'grant'>;

/** What tests replace for the REST clouds (credentials, a private CA, endpoints). */
export interface OtherSessionSeams {
  azure?: AzureSessionSeams;
  gcp?: GcpSessionSeams;
}

/**
 * Opens the clients of a target's account with the credentials of the config's provider for
 * its cloud (`respond.provider` when it is of the target's cloud, else the first provider of
 * that cloud). Writes only with a
 * grant; without one the sessions read (dry runs, verification).
 */
export function sessionOpener(
  config: Config,
  grant?: RemediationGrant,
  aws: AwsSessionSeams = {},
  others: OtherSessionSeams = {},
): OpenSession {
  return async (target: ActionTarget) => {
    // respond.provider names the provider of its own cloud; another cloud's target is acted
    // on with that cloud's first provider
    const named = config.respond?.provider;
    const entry =
      named && config.providers[named]?.type === target.cloud
        ? ([named, config.providers[named]] as const)
        : Object.entries(config.providers).find(([, p]) => p.type === target.cloud);
    if (!entry?.[1] || entry[1].type !== target.cloud)
      throw new Error(`no ${target.cloud} provider in the config to act with (providers:)`);
    const where = `providers.${entry[0]}`;
    const granted = grant ? { grant } : {};
    if (target.cloud === 'azure') {
      const provider = parseAzureProviderConfig(entry[1], where);
      return AzureActionSession.open(target.account, { ...others.azure, provider, ...granted });
    }
    if (target.cloud === 'gcp') {
      const provider = parseGcpProviderConfig(entry[1], where);
      return GcpActionSession.open(target.account, { ...others.gcp, provider, ...granted });
    }
    if (target.cloud !== 'aws') throw new Error(`remediation in ${target.cloud} is not supported yet`);
    const provider = parseAwsProviderConfig(entry[1], where);
    return AwsActionSession.open(target.account, { ...aws, provider, ...(grant ? { grant } : {}) });
  };
}
