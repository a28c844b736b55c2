import type { CloudType } from '../core/record.js';
import type { EventRecord } from '../detect/event.js';
import { loadBalancerArnOf } from '../providers/aws/resources/elbv2-load-balancer.js';
import { AWS_RESOURCES } from '../providers/aws/resources/index.js';
import { armResourceId } from '../providers/azure/resource.js';
import { AZURE_RESOURCES } from '../providers/azure/resources/index.js';
import { GCP_RESOURCES } from '../providers/gcp/resources/index.js';
import type { ResourceType } from '../providers/kit/resource.js';

export { loadBalancerArnOf };

/**
 * Where the affected resource sits in an activity-log event, per service: the table that turns
 * "AuthorizeSecurityGroupIngress on sg-0abc" into "re-collect aws.ec2.security_group sg-0abc in
 * account 111122223333, eu-west-1". Paths are dotted paths into the raw event; `a.items[].b`
 * takes `b` of every element of the array `a.items`.
 */

type Json = Record<string, unknown>;

/** One resource an event changed: a collector type, the id its raw item answers to, and where. */
export interface ResourceTarget {
  cloud: CloudType;
  /** the collector type (ext.record_type of the primary record), e.g. aws.ec2.security_group */
  type: string;
  /** the resource's id (group id, bucket name, trail name, ARM id...); SINGLETON for per-scope settings */
  id: string;
  account: string;
  /** the region the resource lives in, or 'global' for account-wide collectors */
  region: string;
}

/** The id of a per-account or per-region setting (password policy, EBS default encryption...). */
export const SINGLETON = '*';

export interface ResourceEvents {
  cloud: CloudType;
  type: string;
  /** 'region': collected per region (the event's region); 'global': once per account */
  scope: 'region' | 'global';
  /** event name -> paths to the resource id in the raw event, tried in order (empty for singletons) */
  events: Record<string, readonly string[]>;
  /** a setting with one value per scope: every raw item of the type in the scope is the resource */
  singleton?: boolean;
  /** turns a found value into the id raw items carry (an ARN into a name, a sub-resource into its parent) */
  normalise?: (value: string) => string | undefined;
  /** the ids a collected raw item answers to */
  rawIds: (raw: Json) => string[];
}

function isJson(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Every string at a dotted path (`a.b`, `a.items[].b`); numbers count as strings. */
export function valuesAt(root: unknown, path: string): string[] {
  let nodes: unknown[] = [root];
  for (const part of path.split('.')) {
    const each = part.endsWith('[]');
    const key = each ? part.slice(0, -2) : part;
    const next: unknown[] = [];
    for (const n of nodes) {
      if (!isJson(n)) continue;
      const v = n[key];
      if (each) {
        if (Array.isArray(v)) next.push(...v);
      } else if (v !== undefined && v !== null) next.push(v);
    }
    nodes = next;
  }
  const out: string[] = [];
  for (const n of nodes) {
    if (typeof n === 'string' && n.trim() !== '') out.push(n.trim());
    else if (typeof n === 'number' && Number.isFinite(n)) out.push(String(n));
  }
  return out;
}

const item = (raw: Json): Json => (isJson(raw.item) ? raw.item : {});
const strings = (...vs: unknown[]): string[] =>
  vs.filter((v): v is string => typeof v === 'string' && v !== '');

export { armResourceId };

/** GCP resource names end in the resource's own name: projects/p/global/firewalls/NAME. */
const lastSegment = (v: string) => v.split('/').filter(Boolean).pop();

const on = (names: readonly string[], paths: readonly string[]): Record<string, readonly string[]> =>
  Object.fromEntries(names.map((n) => [n, paths]));

/** The entries a cloud's resource modules declare (src/providers/<cloud>/resources/). */
function moduleEvents(cloud: CloudType, resources: readonly ResourceType[]): ResourceEvents[] {
  return resources.flatMap((r) =>
    r.changedBy
      ? [
          {
            cloud,
            type: r.collector.type,
            scope: r.collector.scope,
            events: r.changedBy.events,
            ...(r.singleton ? { singleton: true } : {}),
            ...(r.changedBy.normalise ? { normalise: r.changedBy.normalise } : {}),
            rawIds: r.singleton ? () => [SINGLETON] : (r.collector.getOne?.ids ?? (() => [])),
          },
        ]
      : [],
  );
}

const AWS_RESOURCE_EVENTS: ResourceEvents[] = moduleEvents('aws', AWS_RESOURCES);

/** The Azure entries of the resource modules (src/providers/azure/resources/). */
const AZURE_MODULE_EVENTS: ResourceEvents[] = moduleEvents('azure', AZURE_RESOURCES);

/** Azure types audited from snapshots only (no resource module yet). */
const AZURE_SNAPSHOT_EVENTS: ResourceEvents[] = (
  [
    ['azure.web.site', 'Microsoft.Web/sites'],
    ['azure.compute.vm', 'Microsoft.Compute/virtualMachines'],
  ] as const
).map(([type, provider]) => ({
  cloud: 'azure' as const,
  type,
  scope: 'region' as const,
  events: on(
    [
      `${provider}/write`,
      `${provider}/delete`,
      ...(type === 'azure.web.site' ? [`${provider}/config/write`] : []),
    ],
    ['resourceId', 'resource_id'],
  ),
  normalise: armResourceId,
  rawIds: (raw: Json) => strings(item(raw).id).map((s) => s.toLowerCase()),
}));

const GCP_MODULE_EVENTS: ResourceEvents[] = moduleEvents('gcp', GCP_RESOURCES);

/** GCP types audited from snapshots only, where no resource module declares its events yet. */
const GCP_SNAPSHOT_EVENTS: ResourceEvents[] = [
  {
    cloud: 'gcp',
    type: 'gcp.storage.bucket',
    scope: 'region',
    events: on(
      [
        'storage.buckets.create',
        'storage.buckets.update',
        'storage.buckets.delete',
        'storage.setIamPermissions',
      ],
      ['protoPayload.resourceName'],
    ),
    normalise: lastSegment,
    rawIds: (raw) => strings(item(raw).name),
  },
  {
    cloud: 'gcp',
    type: 'gcp.compute.instance',
    scope: 'region',
    events: on(
      [
        'v1.compute.instances.insert',
        'v1.compute.instances.delete',
        'v1.compute.instances.setMetadata',
        'v1.compute.instances.setServiceAccount',
      ],
      ['protoPayload.resourceName'],
    ),
    normalise: lastSegment,
    rawIds: (raw) => strings(item(raw).name),
  },
  {
    cloud: 'gcp',
    type: 'gcp.sql.instance',
    scope: 'region',
    events: on(
      ['cloudsql.instances.create', 'cloudsql.instances.update', 'cloudsql.instances.delete'],
      ['protoPayload.resourceName'],
    ),
    normalise: lastSegment,
    rawIds: (raw) => strings(item(raw).name),
  },
];

export const RESOURCE_EVENTS: readonly ResourceEvents[] = [
  ...AWS_RESOURCE_EVENTS,
  ...AZURE_MODULE_EVENTS,
  ...AZURE_SNAPSHOT_EVENTS.filter((e) => !AZURE_MODULE_EVENTS.some((m) => m.type === e.type)),
  ...GCP_MODULE_EVENTS,
  ...GCP_SNAPSHOT_EVENTS.filter((e) => !GCP_MODULE_EVENTS.some((m) => m.type === e.type)),
];

/** Azure operation names are case-insensitive (the Activity Log's storage export upper-cases them). */
const eventKey = (cloud: CloudType, name: string) =>
  `${cloud}|${cloud === 'azure' ? name.toLowerCase() : name}`;

/** The id paths of an entry for an event name, compared as the entry's cloud compares names. */
function pathsFor(entry: ResourceEvents, name: string): readonly string[] {
  const exact = entry.events[name];
  if (exact || entry.cloud !== 'azure') return exact ?? [];
  const lower = name.toLowerCase();
  return Object.entries(entry.events).find(([n]) => n.toLowerCase() === lower)?.[1] ?? [];
}

/** cloud -> event name -> the table entries that name it */
const BY_EVENT = new Map<string, ResourceEvents[]>();
for (const e of RESOURCE_EVENTS) {
  for (const name of Object.keys(e.events)) {
    const key = eventKey(e.cloud, name);
    BY_EVENT.set(key, [...(BY_EVENT.get(key) ?? []), e]);
  }
}

export const BY_TYPE: ReadonlyMap<string, ResourceEvents> = new Map(RESOURCE_EVENTS.map((e) => [e.type, e]));

/** The table entries for an event name of a cloud (several when two services share a name). */
export function entriesFor(cloud: CloudType, eventName: string): ResourceEvents[] {
  return BY_EVENT.get(eventKey(cloud, eventName)) ?? [];
}

/** Every event name the table knows, per cloud. */
export function knownEvents(cloud: CloudType): string[] {
  return [...new Set(RESOURCE_EVENTS.filter((e) => e.cloud === cloud).flatMap((e) => Object.keys(e.events)))];
}

/**
 * The resources an event changed, by the table. A failed call changed nothing and yields none;
 * an event whose id cannot be found yields none (the next scheduled scan covers it).
 */
export function targetsOf(event: EventRecord): ResourceTarget[] {
  if (event.com.outcome === 'failure') return [];
  const cloud = event.com.cloud_type;
  const account = event.com.account;
  if (!account) return [];
  const out: ResourceTarget[] = [];
  const seen = new Set<string>();
  for (const entry of entriesFor(cloud, event.com.action)) {
    const region = entry.scope === 'global' ? 'global' : event.com.region || 'global';
    const ids: string[] = [];
    if (entry.singleton) ids.push(SINGLETON);
    else {
      for (const path of pathsFor(entry, event.com.action)) {
        const found = valuesAt(event.raw, path);
        if (found.length === 0) continue;
        for (const v of found) {
          const id = entry.normalise ? entry.normalise(v) : v;
          if (id) ids.push(id);
        }
        break;
      }
    }
    for (const id of ids) {
      const key = `${entry.type}|${id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ cloud, type: entry.type, id, account, region });
    }
  }
  return out;
}

/** True when a collected raw item of `type` is the resource `id`. */
export function rawMatches(type: string, raw: Json, id: string): boolean {
  const entry = BY_TYPE.get(type);
  if (!entry) return false;
  if (entry.singleton || id === SINGLETON) return true;
  const want = entry.cloud === 'azure' ? id.toLowerCase() : id;
  return entry.rawIds(raw).includes(want);
}
