import type { SdkClient } from './clients.js';
import type { CollectContext, CollectorDef, EnrichSpec, ListSpec, RawItem } from './collector.js';
import { describeError, isAwsError } from './errors.js';
import { TaskPool } from './limiter.js';

/**
 * Runs a declared collector in one scope: lists with the paginator, and enriches items while
 * pages keep arriving, at most `ctx.itemConcurrency` items at once. A failed list call throws
 * (the provider turns it into Collection.error); a failed per-item call is stored in the item,
 * as null when its code means "not configured", as {__error: "Code: message"} otherwise.
 */
export async function executeCollector<C extends SdkClient, I, P>(
  def: CollectorDef<C, I, P>,
  ctx: CollectContext,
): Promise<RawItem[]> {
  const client = ctx.client(def.client, def.service);
  const out: RawItem[] = [];
  // only the per-item calls that feed what the selected checks read (dependencies included)
  const enrich = def.enrich
    ? Object.entries(def.enrich).filter(([key]) => ctx.enrichments?.has(key) ?? true)
    : [];
  const derive = def.derive ? Object.entries(def.derive) : [];
  const pool = new TaskPool(Math.max(1, ctx.itemConcurrency));
  try {
    for await (const item of listItems(def.list, client, ctx)) {
      const index = out.length;
      const raw: RawItem = { item };
      if (item !== null) for (const [key, fn] of derive) raw[key] = fn(item);
      out.push(raw);
      if (enrich.length === 0 || item === null) continue;
      await pool.add(async () => {
        out[index] = { ...raw, ...(await enrichItem(def, enrich, item, ctx)) };
      });
    }
  } catch (e) {
    // a later page failed: let the calls in flight finish before reporting the collection failed
    await pool.drain().catch(() => undefined);
    throw e;
  }
  await pool.drain();
  return out;
}

async function* listItems<C, I, P>(
  list: ListSpec<C, I, P>,
  client: C,
  ctx: CollectContext,
): AsyncIterable<I | null> {
  if ('paginate' in list) {
    for await (const page of list.paginate(client, ctx)) {
      const items = list.items(page);
      if (items) yield* items;
    }
  } else if ('single' in list) {
    try {
      yield withoutMetadata(await list.single(client, ctx));
    } catch (e) {
      if (isAwsError(e, list.absentOn)) yield null;
      else throw e;
    }
  } else {
    const all = list.all(client, ctx);
    if (Symbol.asyncIterator in all) yield* all;
    else yield* await all;
  }
}

async function enrichItem<C extends SdkClient, I, P>(
  def: CollectorDef<C, I, P>,
  enrich: [string, EnrichSpec<C, I>][],
  item: I,
  ctx: CollectContext,
): Promise<RawItem> {
  const raw: RawItem = { item };
  const answers = new Map<string, Promise<void>>();
  const start = (key: string, spec: EnrichSpec<C, I>): Promise<void> => {
    const started = answers.get(key);
    if (started) return started;
    const p = (async () => {
      await Promise.all((spec.after ?? []).map((dep) => start(dep, def.enrich?.[dep] as EnrichSpec<C, I>)));
      if (spec.when && !spec.when(item, raw)) return;
      const known = spec.fromItem?.(item);
      if (known !== undefined) {
        raw[key] = known;
        return;
      }
      raw[key] = await answer(def, key, spec, item, raw, ctx);
    })();
    answers.set(key, p);
    return p;
  };
  await Promise.all(enrich.map(([key, spec]) => start(key, spec)));
  // keep the declared key order, whatever order the answers came in
  const ordered: RawItem = {};
  for (const [key] of enrich) if (key in raw) ordered[key] = raw[key];
  return ordered;
}

async function answer<C extends SdkClient, I, P>(
  def: CollectorDef<C, I, P>,
  key: string,
  spec: EnrichSpec<C, I>,
  item: I,
  raw: RawItem,
  ctx: CollectContext,
): Promise<unknown> {
  try {
    const region = spec.region?.(item, raw);
    const client = ctx.client(def.client, def.service, region);
    const call = () => spec.call(client, item, { ...ctx, raw });
    const cacheKey = spec.cacheKey?.(item);
    return withoutMetadata(
      await (cacheKey === undefined ? call() : ctx.memo(`${def.type}#${key}#${cacheKey}`, call)),
    );
  } catch (e) {
    if (isAwsError(e, spec.absentOn)) return null;
    return { __error: describeError(e) };
  }
}

/** An SDK answer without its $metadata (request ids, attempts): not part of the resource. */
export function withoutMetadata<T>(answer: T): T {
  if (typeof answer !== 'object' || answer === null || !('$metadata' in answer)) return answer;
  const { $metadata: _, ...rest } = answer as Record<string, unknown>;
  return rest as T;
}
