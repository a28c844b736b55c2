import { OrganizationsClient, paginateListAccounts } from '@aws-sdk/client-organizations';
import { fromNodeProviderChain, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, Pluggable } from '@smithy/types';
import type { AccountClients } from './clients.js';
import type { AwsProviderConfig } from './config.js';

/** Session name of every role Cloudward assumes, so CloudTrail shows who read what. */
export const ROLE_SESSION_NAME = 'cloudward';

/** Refresh credentials this long before they expire. */
const REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * One identity per provider, shared by every client of an account and refreshed before expiry
 * (each SDK client would otherwise call AssumeRole on its own). Single-flight: callers that
 * find the identity missing, failed or near expiry at once share one new request for it. A
 * caller shares another's request only for its answer: that request's failure (a worker's unit
 * whose share of the rate budget ran out, say) is the other caller's, so this one asks itself,
 * and a failure it gets is its own.
 */
export function memoizeCredentials(
  provider: AwsCredentialIdentityProvider,
  now: () => number = Date.now,
): AwsCredentialIdentityProvider {
  let current: Promise<AwsCredentialIdentity> | undefined;
  const usable = (p: Promise<AwsCredentialIdentity>) =>
    p.then(
      (id) => (!id.expiration || id.expiration.getTime() - now() > REFRESH_MARGIN_MS ? id : undefined),
      () => undefined,
    );
  return async () => {
    const held = current;
    if (held) {
      const id = await usable(held);
      if (id) return id;
      // another caller saw the same while this one waited: its request is the one to share
      const newer = current;
      if (newer && newer !== held) {
        const shared = await usable(newer);
        if (shared) return shared;
      }
    }
    const mine = provider();
    current = mine;
    return mine;
  };
}

export type AssumeRole = (
  base: AwsCredentialIdentityProvider,
  roleArn: string,
  externalId: string | undefined,
  region: string,
  /** added to the STS client that calls AssumeRole (the limiter's pacing) */
  clientPlugins?: readonly Pluggable<object, object>[],
) => AwsCredentialIdentityProvider;

/** sts:AssumeRole through the SDK's own provider, session name "cloudward". */
export const assumeRoleWithSdk: AssumeRole = (base, roleArn, externalId, region, clientPlugins) =>
  memoizeCredentials(
    fromTemporaryCredentials({
      masterCredentials: base,
      params: {
        RoleArn: roleArn,
        RoleSessionName: ROLE_SESSION_NAME,
        ...(externalId ? { ExternalId: externalId } : {}),
      },
      clientConfig: { region },
      ...(clientPlugins && clientPlugins.length > 0 ? { clientPlugins: [...clientPlugins] } : {}),
    }),
  );

/**
 * The credentials the user has: the SDK's provider chain (environment, shared config and
 * credentials files with the profile, SSO, credential_process, web identity, container and
 * instance roles), then the configured role when there is one.
 */
export function baseCredentials(
  cfg: Pick<AwsProviderConfig, 'profile' | 'role_arn' | 'external_id'>,
  homeRegion: string,
  assumeRole: AssumeRole = assumeRoleWithSdk,
): AwsCredentialIdentityProvider {
  const chain = memoizeCredentials(fromNodeProviderChain(cfg.profile ? { profile: cfg.profile } : {}));
  return cfg.role_arn ? assumeRole(chain, cfg.role_arn, cfg.external_id, homeRegion) : chain;
}

export interface OrgAccount {
  id: string;
  name?: string;
}

/** The ACTIVE accounts of the organisation (organizations:ListAccounts). */
export async function listOrganizationAccounts(
  clients: AccountClients,
  homeRegion: string,
): Promise<OrgAccount[]> {
  const org = clients.get(OrganizationsClient, 'organizations', homeRegion);
  const out: OrgAccount[] = [];
  for await (const page of paginateListAccounts({ client: org }, {})) {
    for (const a of page.Accounts ?? []) {
      // State replaces the deprecated Status; either says ACTIVE for a usable account
      const state = a.State ?? a.Status;
      if (!a.Id || state !== 'ACTIVE') continue;
      out.push(a.Name ? { id: a.Id, name: a.Name } : { id: a.Id });
    }
  }
  return out;
}

/** Apply include / exclude lists (include empty or absent = every account). */
export function selectAccounts<T extends { id: string }>(
  accounts: readonly T[],
  include?: readonly string[],
  exclude?: readonly string[],
): T[] {
  const inc = include && include.length > 0 ? new Set(include) : undefined;
  const exc = new Set(exclude ?? []);
  return accounts.filter((a) => (!inc || inc.has(a.id)) && !exc.has(a.id));
}

export function roleArnIn(partition: string, account: string, role: string): string {
  return `arn:${partition}:iam::${account}:role/${role.replace(/^\/+/, '')}`;
}
