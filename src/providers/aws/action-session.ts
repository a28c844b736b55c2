import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { AwsRead } from './action.js';
import { CallStats, type HttpHandler } from './clients.js';
import type { AwsProviderConfig } from './config.js';
import {
  type AssumeRole,
  assumeRoleWithSdk,
  baseCredentials,
  memoizeCredentials,
  roleArnIn,
} from './credentials.js';
import { awsPacing, RateLimiter } from './limiter.js';
import { AWS_PACING } from './resources/index.js';
import { callerIdentity, resolveHomeRegion } from './scopes.js';
import { AwsActionClients, type RemediationGrant } from './write-clients.js';

export interface AwsActionSessionOptions {
  /** the aws provider whose credentials (profile, role, organisation role) act */
  provider: AwsProviderConfig;
  /** present only when remediation is enabled: without it the session only reads (dry runs) */
  grant?: RemediationGrant;
  /** test seams */
  credentials?: AwsCredentialIdentityProvider;
  requestHandler?: HttpHandler;
  homeRegion?: string;
  assumeRole?: AssumeRole;
  env?: NodeJS.ProcessEnv;
}

/**
 * The clients an action uses in one account. The credentials must be the account's: the
 * caller's own when it is that account, or the provider's organisation role assumed into it;
 * anything else is refused before any call to the account is made.
 */
export class AwsActionSession {
  private constructor(private readonly clients: AwsActionClients) {}

  static async open(account: string, o: AwsActionSessionOptions): Promise<AwsActionSession> {
    const home = o.homeRegion ?? (await resolveHomeRegion(o.provider.profile));
    const assume = o.assumeRole ?? assumeRoleWithSdk;
    const base = o.credentials
      ? memoizeCredentials(o.credentials)
      : baseCredentials(o.provider, home, assume);
    const settings = {
      limiter: new RateLimiter({
        maxConcurrency: 4,
        pacing: awsPacing(o.provider.requests_per_second, AWS_PACING),
      }),
      stats: new CallStats(),
      requestTimeoutMs: o.provider.request_timeout_ms,
      ...(o.provider.profile ? { profile: o.provider.profile } : {}),
      ...(o.requestHandler ? { requestHandler: o.requestHandler } : {}),
      ...(o.env ? { env: o.env } : {}),
    };
    const caller = new AwsActionClients('caller', base, settings);
    let credentials = base;
    try {
      const me = await callerIdentity(caller.readClients, home);
      if (me.account !== account) {
        const org = o.provider.organization;
        if (!org)
          throw new Error(
            `the credentials are for account ${me.account}, not ${account}, and the provider has no organization role to assume`,
          );
        credentials = assume(base, roleArnIn(me.partition, account, org.role), undefined, home);
      }
    } finally {
      caller.destroy();
    }
    return new AwsActionSession(new AwsActionClients(account, credentials, settings, o.grant));
  }

  get canWrite(): boolean {
    return this.clients.canWrite;
  }

  readonly read: AwsRead = (action, region, input) => this.clients.read(action, region, input);

  write(action: string, region: string, input: Record<string, unknown>): Promise<Record<string, unknown>> {
    return this.clients.write(action, region, input);
  }

  close(): void {
    this.clients.destroy();
  }
}
