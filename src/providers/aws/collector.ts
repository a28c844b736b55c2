import * as kit from '../kit/collector.js';
import { awsAdapter } from './adapter.js';
import type { ClientCtor, SdkClient } from './clients.js';
import type { AwsErrorMatch } from './errors.js';

export type { RawItem } from '../kit/collector.js';

/** What a collector sees while running in one scope (account x region, or account x 'global'). */
export interface CollectContext extends kit.KitContext {
  /** aws, aws-cn, aws-us-gov */
  partition: string;
  /** region of the default client: the collection region, or the home region for global collectors */
  clientRegion: string;
  /** an SDK client with the read-only guard and pacing; region default: clientRegion */
  client<C extends SdkClient>(ctor: ClientCtor<C>, service: string, region?: string): C;
}

export type EnrichContext = CollectContext & { raw: kit.RawItem };

export type PagedList<C, I, P> = kit.PagedList<CollectContext, C, I, P>;
/** `absentOn`: the SDK's exception class where the SDK models the error, and the code AWS sends. */
export type SingleList<C, I> = kit.SingleList<CollectContext, C, I, AwsErrorMatch>;
export type CustomList<C, I> = kit.CustomList<CollectContext, C, I>;
export type ListSpec<C, I, P> = kit.ListSpec<CollectContext, C, I, P, AwsErrorMatch>;
/** `permission`: the IAM action of the call. */
export type EnrichSpec<C, I> = kit.EnrichSpec<CollectContext, C, I, AwsErrorMatch>;
export type GetOneSpec = kit.GetOneSpec<AwsErrorMatch>;

export interface CollectorDef<C extends SdkClient, I, P = never> {
  /** `aws.<service>.<resource>` */
  type: string;
  /** IAM service prefix, also the rate-limit scope: ec2, s3, iam, elasticloadbalancing, ... */
  service: string;
  client: ClientCtor<C>;
  /** 'region': run in every selected region; 'global': once per account */
  scope: 'region' | 'global';
  list: ListSpec<C, I, P>;
  enrich?: Record<string, EnrichSpec<C, I>>;
  /** keys computed from the list item alone (decoded documents and the like), no API call */
  derive?: Record<string, (item: I) => unknown>;
  /** how one resource is re-collected for an event-driven re-check */
  getOne?: GetOneSpec;
}

/** A collector with its types erased, as the provider and the policy generator see it. */
export type Collector = kit.Collector<CollectContext, AwsErrorMatch>;

/** An AWS collector: the kit's shape, with the SDK client of `service` as its transport. */
export function defineCollector<C extends SdkClient, I, P = never>(def: CollectorDef<C, I, P>): Collector {
  const { service, client, ...rest } = def;
  return kit.defineCollector<CollectContext, C, I, P, AwsErrorMatch>(awsAdapter, {
    ...rest,
    rateScope: service,
    open: (ctx, region) => ctx.client(client, service, region),
  });
}
