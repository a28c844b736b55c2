import type { Config } from '../config/schema.js';
import type { ActionTarget } from '../core/remediation.js';
import { AwsActionSession, type AwsActionSessionOptions } from '../providers/aws/action-session.js';
import { parseAwsProviderConfig } from '../providers/aws/config.js';
import type { RemediationGrant } from '../providers/aws/write-clients.js';
import type { OpenSession } from './remediator.js';

export type AwsSessionSeams = Omit<AwsActionSessionOptions, 'provider' | 'grant'>;

/**
 * Opens the clients of a target's account with the credentials of the config's provider for
 * its cloud (`respond.provider`, else the first provider of that cloud). Writes only with a
 * grant; without one the sessions read (dry runs, verification).
 */
export function sessionOpener(
  config: Config,
  grant?: RemediationGrant,
  aws: AwsSessionSeams = {},
): OpenSession {
  return async (target: ActionTarget) => {
    const named = config.respond?.provider;
    const entry = named
      ? ([named, config.providers[named]] as const)
      : Object.entries(config.providers).find(([, p]) => p.type === target.cloud);
    if (!entry?.[1] || entry[1].type !== target.cloud)
      throw new Error(
        named
          ? `respond.provider "${named}" is not a ${target.cloud} provider`
          : `no ${target.cloud} provider in the config to act with (providers:)`,
      );
    if (target.cloud !== 'aws') throw new Error(`remediation in ${target.cloud} is not supported yet`);
    const provider = parseAwsProviderConfig(entry[1], `providers.${entry[0]}`);
    return AwsActionSession.open(target.account, { ...aws, provider, ...(grant ? { grant } : {}) });
  };
}
