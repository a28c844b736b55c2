import { defineNormaliser } from '../../../core/provider.js';
import { itemIds } from '../../kit/resource.js';
import {
  at,
  bool,
  buildRecord,
  enrichment,
  type Json,
  records,
  requireItem,
  requireString,
  str,
} from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { ancestorRead, ancestorsOf } from '../ancestry.js';
import { type ApiReader, defineGcpCollector, type GcpCollectContext } from '../collector.js';
import { defineGcpResource } from '../resource.js';

const TYPE = 'gcp.logging.sink';
/**
 * An aggregated sink (includeChildren) of a folder or organisation above the project, which
 * routes the project's entries too; or, named after the folder or organisation, the record
 * saying its sinks could not be read (`read_error`).
 */
export const INHERITED_SINK = 'gcp.logging.inherited_sink';
/** Where Cloudward marks, in a list item, the folder or organisation a sink is inherited from. */
const FROM = 'cloudwardInheritedFrom';
const READ_ERROR = 'cloudwardReadError';
const STORAGE = 'storage.googleapis.com/';

/** The destination bucket's Bucket Lock, from its metadata (storage.buckets.get). */
function bucketLock(raw: Json): Record<string, unknown> {
  const b = enrichment(raw, 'destinationBucket');
  if (raw.destinationBucket === undefined)
    return {
      destination_bucket_exists: null,
      destination_retention_locked: null,
      destination_retention_period: null,
      destination_bucket_error: null,
    };
  if (b.state === 'unknown')
    return {
      destination_bucket_exists: null,
      destination_retention_locked: null,
      destination_retention_period: null,
      destination_bucket_error: b.reason,
    };
  if (b.state === 'absent')
    return {
      destination_bucket_exists: false,
      destination_retention_locked: false,
      destination_retention_period: null,
      destination_bucket_error: null,
    };
  return {
    destination_bucket_exists: true,
    destination_retention_locked: bool(at(b.value, 'retentionPolicy.isLocked')) ?? false,
    destination_retention_period: str(at(b.value, 'retentionPolicy.retentionPeriod')),
    destination_bucket_error: null,
  };
}

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'gcp',
  service: 'logging',
  produces: [TYPE, INHERITED_SINK],
  raw: S.raw({
    destinationBucket: S.answer({ retentionPolicy: S.obj({ retentionPeriod: S.str, isLocked: S.bool }) }),
    item: S.obj({
      name: S.str,
      destination: S.str,
      filter: S.str,
      disabled: S.bool,
      includeChildren: S.bool,
      writerIdentity: S.str,
      exclusions: S.list(S.obj({ name: S.str, filter: S.str, disabled: S.bool })),
      [FROM]: S.str,
      [READ_ERROR]: S.str,
    }),
  }),
  normalise(raw, scope) {
    const s = requireItem(raw, TYPE);
    const name = requireString(s, 'name', TYPE, 'item.name');
    const from = str(s[FROM]);
    const recordType = from ? INHERITED_SINK : TYPE;
    const readError = str(s[READ_ERROR]);
    if (from && readError) {
      return [
        buildRecord({
          raw,
          scope,
          origin: TYPE,
          extType: INHERITED_SINK,
          recordType,
          reference: `//logging.googleapis.com/${from}/sinks`,
          name: `sinks of ${from}`,
          region: 'global',
          service: 'logging',
          ext: { set_on: from, read_error: readError },
          shape: {},
        }),
      ];
    }
    const destination = str(s.destination);
    const filter = (str(s.filter) ?? '').trim();
    const exclusions = records(s.exclusions).filter((e) => bool(e.disabled) !== true);
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: recordType,
        recordType,
        reference: `//logging.googleapis.com/${from ?? `projects/${scope.account}`}/sinks/${name}`,
        name,
        region: 'global',
        service: 'logging',
        ext: {
          destination,
          // storage.googleapis.com/<bucket>, bigquery.googleapis.com/..., pubsub..., logging.googleapis.com/...
          destination_bucket: destination?.startsWith('storage.googleapis.com/')
            ? destination.slice('storage.googleapis.com/'.length)
            : null,
          filter: filter || null,
          exports_everything: filter === '' && exclusions.length === 0,
          disabled: bool(s.disabled) ?? false,
          set_on: from ?? `projects/${scope.account}`,
          include_children: bool(s.includeChildren) ?? false,
          ...bucketLock(raw),
        },
        shape: {},
      }),
    ];
  },
});

/**
 * The aggregated sinks (includeChildren) of the folders and organisation above the project,
 * each listed once per scan; a folder or organisation whose sinks cannot be read gives one item
 * saying why (the project's own sinks are still reported).
 */
async function inheritedSinks(r: ApiReader, ctx: GcpCollectContext): Promise<Json[]> {
  let names: string[];
  try {
    names = await ancestorsOf(ctx);
  } catch (e) {
    const at = ctx.project.parent ?? 'the project';
    return [
      {
        name: at,
        [FROM]: at,
        [READ_ERROR]: `the folders above the project could not be read: ${message(e)}`,
      },
    ];
  }
  const lists = await Promise.all(
    names.map(async (name) => {
      try {
        const sinks = await ancestorRead(ctx, `sinks:${name}`, () =>
          r.list<Json>(`v2/${name}/sinks`, 'sinks'),
        );
        return sinks.filter((sk) => sk.includeChildren === true).map((sk) => ({ ...sk, [FROM]: name }));
      } catch (e) {
        return [{ name, [FROM]: name, [READ_ERROR]: message(e) }];
      }
    }),
  );
  return lists.flat();
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** A project's log sinks (the _Required and _Default sinks included), and those it inherits. */
async function sinks(r: ApiReader, ctx: GcpCollectContext): Promise<Json[]> {
  const own: Json[] = [];
  // page by page, so a re-check of one sink keeps only it (and reads no other sink's bucket)
  for await (const page of r.pages<Json>(r.path('v2/projects/{project}/sinks'), 'sinks')) own.push(...page);
  return ctx.inherited ? [...own, ...(await inheritedSinks(r, ctx))] : own;
}

const collector = defineGcpCollector<Json>({
  type: TYPE,
  api: 'logging',
  list: { permission: 'logging.sinks.list', all: sinks },
  enrich: {
    // Bucket Lock on the bucket a sink exports to (CIS 2.4), wherever the bucket is
    destinationBucket: {
      permission: 'storage.buckets.get',
      facts: ['destination_retention_locked', 'destination_bucket_exists', 'destination_bucket_error'],
      when: (item) => str(item.destination)?.startsWith(STORAGE) === true,
      cacheKey: (item) => str(item.destination) ?? undefined,
      absentOn: ['absent'],
      call: (_r, item, ctx) =>
        ctx
          .reader('storage')
          .get(`storage/v1/b/${encodeURIComponent(String(item.destination).slice(STORAGE.length))}`, {
            fields: 'name,retentionPolicy',
          }),
    },
  },
  getOne: { ids: (raw) => itemIds(raw, 'name'), absentOn: ['absent'] },
});

const SINK_METHODS = ['CreateSink', 'UpdateSink', 'DeleteSink'].map(
  (m) => `google.logging.v2.ConfigServiceV2.${m}`,
);

export default defineGcpResource({
  collector,
  normaliser,
  changedBy: {
    events: Object.fromEntries(SINK_METHODS.map((m) => [m, ['protoPayload.resourceName']])),
    normalise: (v) => v.split('/').pop() || undefined,
  },
});
