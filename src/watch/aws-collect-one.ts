import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { AccountBatch, Collection } from '../core/provider.js';
import type { CloudType } from '../core/record.js';
import {
  AccountClients,
  CallStats,
  type HttpHandler,
  pacingPlugin,
  type SdkClient,
} from '../providers/aws/clients.js';
import type { CollectContext } from '../providers/aws/collector.js';
import { collectorByType } from '../providers/aws/collectors/index.js';
import type { AwsProviderConfig } from '../providers/aws/config.js';
import {
  type AssumeRole,
  assumeRoleWithSdk,
  baseCredentials,
  memoizeCredentials,
  roleArnIn,
} from '../providers/aws/credentials.js';
import { type AwsErrorMatch, actionOf, describeError, isAwsError } from '../providers/aws/errors.js';
import { awsPacing, RateLimiter, type SharedBudget } from '../providers/aws/limiter.js';
import { awsPartition } from '../providers/aws/normalisers/aws-common.js';
import type { AwsProvider } from '../providers/aws/provider.js';
import { AWS_PACING } from '../providers/aws/resources/index.js';
import { callerIdentity, resolveHomeRegion } from '../providers/aws/scopes.js';
import type { Recollector } from './recollect.js';
import { BY_TYPE, type ResourceTarget, rawMatches, SINGLETON } from './resource-ids.js';

/**
 * Targeted AWS collection: the provider's own collector for the resource's type, run in the
 * resource's account and region, with its list call narrowed to the one resource where the API
 * can filter (DescribeSecurityGroups with GroupIds, DescribeTrails with trailNameList...). The
 * answers of list calls are cut down to the resource before the collector enriches them, so a
 * bucket recheck makes the bucket's own calls, not every bucket's. Clients are the provider's
 * (read-only guard, pacing, retries, AWS_ENDPOINT_URL).
 */

type Input = Record<string, unknown>;

/**
 * The errors of a narrowed list call that mean "no such resource": the resource is gone. Each
 * resource module declares them with its get-one (src/providers/aws/resources/).
 */
export function notFoundCodes(type: string): readonly AwsErrorMatch[] | undefined {
  return collectorByType(type)?.getOne?.absentOn;
}

function isJson(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Keeps, in every top-level list of an answer, only the elements that are the resource; lists
 * whose elements do not look like resources of the type (no id field) are left alone.
 */
export function cutAnswer(type: string, id: string, answer: unknown): unknown {
  if (!isJson(answer) || id === SINGLETON) return answer;
  const entry = BY_TYPE.get(type);
  if (!entry) return answer;
  const out: Record<string, unknown> = { ...answer };
  for (const [k, v] of Object.entries(answer)) {
    if (!Array.isArray(v) || v.length === 0 || !v.every(isJson)) continue;
    if (!v.some((e) => entry.rawIds({ item: e }).length > 0)) continue;
    out[k] = v.filter((e) => rawMatches(type, { item: e }, id));
  }
  return out;
}

/** A client whose `send` narrows list inputs and cuts list answers to one resource. */
export function narrowedClient<C extends SdkClient>(client: C, type: string, id: string): C {
  const narrow = collectorByType(type)?.getOne?.narrow ?? {};
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop !== 'send') return Reflect.get(target, prop, receiver);
      const send = Reflect.get(target, prop, receiver) as (...args: unknown[]) => Promise<unknown>;
      return async (command: { input?: Input; constructor: { name: string } }, ...rest: unknown[]) => {
        const fn = narrow[command.constructor.name];
        if (fn && command.input && id !== SINGLETON) fn(command.input, id);
        return cutAnswer(type, id, await send.call(target, command, ...rest));
      };
    },
  });
}

export interface AwsRecollectorDeps {
  credentials?: AwsCredentialIdentityProvider;
  assumeRole?: AssumeRole;
  requestHandler?: HttpHandler;
  homeRegion?: string;
  env?: NodeJS.ProcessEnv;
  /** the request budget shared with the scale-out workers (Redis token buckets) */
  sharedBudget?: SharedBudget;
}

interface Caller {
  account: string;
  partition: string;
}

/** collectOne for the AWS provider of an audit; collectAccount is the provider's own collection. */
export class AwsRecollector implements Recollector {
  private readonly config: AwsProviderConfig;
  private readonly limiter: RateLimiter;
  private readonly stats = new CallStats();
  private readonly clients = new Map<string, AccountClients>();
  private home?: Promise<string>;
  private base?: AwsCredentialIdentityProvider;
  private caller?: Promise<Caller>;

  constructor(
    private readonly provider: AwsProvider,
    private readonly deps: AwsRecollectorDeps = {},
  ) {
    this.config = provider.config;
    this.limiter = new RateLimiter({
      maxConcurrency: this.config.max_concurrency,
      pacing: awsPacing(this.config.requests_per_second, AWS_PACING),
      ...(deps.sharedBudget ? { shared: deps.sharedBudget } : {}),
    });
  }

  /**
   * sts:AssumeRole paced like every other call, as the provider paces it: in the STS bucket of
   * the account that assumes the role ('caller' while that account is not known yet).
   */
  private assume(caller: string, home: string): AssumeRole {
    const assume = this.deps.assumeRole ?? assumeRoleWithSdk;
    const paced = pacingPlugin(
      'sts',
      { account: caller, region: home },
      { limiter: this.limiter, stats: this.stats },
    );
    return (base, roleArn, externalId, region, plugins) =>
      assume(base, roleArn, externalId, region, [...(plugins ?? []), paced]);
  }

  /** API calls made, per `<service>:<Operation>` */
  calls(): Record<string, number> {
    return this.stats.byAction();
  }

  private homeRegion(): Promise<string> {
    this.home ??= this.deps.homeRegion
      ? Promise.resolve(this.deps.homeRegion)
      : resolveHomeRegion(this.config.profile);
    return this.home;
  }

  private baseCreds(home: string): AwsCredentialIdentityProvider {
    if (!this.base) {
      const assume = this.assume('caller', home);
      this.base = this.deps.credentials
        ? this.config.role_arn
          ? assume(
              memoizeCredentials(this.deps.credentials),
              this.config.role_arn,
              this.config.external_id,
              home,
            )
          : memoizeCredentials(this.deps.credentials)
        : baseCredentials(this.config, home, assume);
    }
    return this.base;
  }

  private accountClients(account: string, credentials: AwsCredentialIdentityProvider): AccountClients {
    let c = this.clients.get(account);
    if (!c) {
      c = new AccountClients(account, credentials, {
        limiter: this.limiter,
        stats: this.stats,
        maxAttempts: this.config.max_attempts,
        requestTimeoutMs: this.config.request_timeout_ms,
        ...(this.config.profile ? { profile: this.config.profile } : {}),
        ...(this.deps.requestHandler ? { requestHandler: this.deps.requestHandler } : {}),
        ...(this.deps.env ? { env: this.deps.env } : {}),
      });
      this.clients.set(account, c);
    }
    return c;
  }

  /** The clients of an account this provider reads, or why it cannot read it. */
  private async clientsFor(
    account: string,
  ): Promise<{ clients: AccountClients; partition: string; home: string } | null> {
    const home = await this.homeRegion();
    const base = this.baseCreds(home);
    this.caller ??= callerIdentity(this.accountClients('caller', base), home).then((c) => ({
      account: c.account,
      partition: c.partition,
    }));
    this.caller.catch(() => {
      this.caller = undefined;
    });
    const me = await this.caller;
    if (account === me.account)
      return { clients: this.accountClients(account, base), partition: me.partition, home };
    const org = this.config.organization;
    const excluded =
      org && ((org.include && !org.include.includes(account)) || org.exclude?.includes(account));
    // an account the credentials do not reach is another provider's
    if (!org || excluded) return null;
    const creds = this.assume(me.account, home)(
      base,
      roleArnIn(me.partition, account, org.role),
      undefined,
      home,
    );
    return { clients: this.accountClients(account, creds), partition: me.partition, home };
  }

  async collectOne(target: ResourceTarget): Promise<Collection | null> {
    if (target.cloud !== 'aws') return null;
    const base: Collection = {
      cloud: 'aws',
      account: target.account,
      region: target.region,
      type: target.type,
    };
    const collector = collectorByType(target.type);
    if (!collector) return { ...base, error: `no AWS collector for ${target.type}` };
    let ctx: CollectContext;
    try {
      const reach = await this.clientsFor(target.account);
      if (!reach) return null;
      const { clients, partition, home } = reach;
      base.partition = partition;
      const region = collector.scope === 'global' ? 'global' : target.region;
      if (region === 'global' && collector.scope === 'region') {
        return { ...base, error: `${target.type} is regional but the event names no region` };
      }
      if (region !== 'global' && awsPartition(region) !== partition) {
        return {
          ...base,
          error: `region ${region} is not in the ${partition} partition of the credentials: not read`,
        };
      }
      const memo = new Map<string, Promise<unknown>>();
      ctx = {
        account: target.account,
        partition,
        region,
        clientRegion: region === 'global' ? home : region,
        itemConcurrency: this.config.max_concurrency,
        memo: <T>(key: string, load: () => Promise<T>): Promise<T> => {
          let p = memo.get(key) as Promise<T> | undefined;
          if (!p) {
            p = load();
            p.catch(() => undefined);
            memo.set(key, p);
          }
          return p;
        },
        client: (ctor, service, inRegion) =>
          narrowedClient(clients.get(ctor, service, inRegion ?? ctx.clientRegion), target.type, target.id),
      };
      base.region = region;
    } catch (e) {
      return { ...base, error: describeError(e) };
    }
    try {
      const items = await collector.run(ctx);
      return { ...base, items: items.filter((raw) => rawMatches(target.type, raw, target.id)) };
    } catch (e) {
      if (isAwsError(e, notFoundCodes(target.type))) return { ...base, items: [] };
      return { ...base, error: `${actionOf(e) ?? collector.listPermission}: ${describeError(e)}` };
    }
  }

  async collectAccount(
    types: ReadonlySet<string>,
    cloud: CloudType,
    account: string,
  ): Promise<AccountBatch | null> {
    if (cloud !== 'aws') return null;
    for await (const batch of this.provider.collect({ types: new Set(types) })) {
      if (batch.account === account) return batch;
    }
    return null;
  }

  async close(): Promise<void> {
    for (const c of this.clients.values()) c.destroy();
    this.clients.clear();
  }
}
