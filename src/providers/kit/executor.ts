import type { CloudAdapter } from './adapter.js';
import type { CollectorDef, EnrichSpec, KitContext, ListSpec, RawItem } from './collector.js';
import { TaskPool } from './task-pool.js';

/**
 * Runs a declared collector in one scope: lists with the paginator, and enriches items while
 * pages keep arriving, at most `ctx.itemConcurrency` items at once. A failed list call throws
 * (the provider turns it into Collection.error); a failed per-item call is stored in the item,
 * as null when its code means "not configured", as {__error: "Code: message"} otherwise.
 */
export async function executeCollector<Ctx extends KitContext, T, I, P, M>(
  adapter: CloudAdapter<M, unknown>,
  def: CollectorDef<Ctx, T, I, P, M>,
  ctx: Ctx,
): Promise<RawItem[]> {
  const client = def.open(ctx);
  const out: RawItem[] = [];
  // only the per-item calls that feed what the selected checks read (dependencies included)
  const enrich = def.enrich
    ? Object.entries(def.enrich).filter(([key]) => ctx.enrichments?.has(key) ?? true)
    : [];
  const derive = def.derive ? Object.entries(def.derive) : [];
  const pool = new TaskPool(Math.max(1, ctx.itemConcurrency));
  try {
    for await (const item of listItems(adapter, def.list, client, ctx)) {
      const index = out.length;
      const raw: RawItem = { item };
      if (item !== null) for (const [key, fn] of derive) raw[key] = fn(item);
      out.push(raw);
      if (enrich.length === 0 || item === null) continue;
      await pool.add(async () => {
        out[index] = { ...raw, ...(await enrichItem(adapter, def, enrich, item, ctx)) };
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

async function* listItems<Ctx, T, I, P, M>(
  adapter: CloudAdapter<M, unknown>,
  list: ListSpec<Ctx, T, I, P, M>,
  client: T,
  ctx: Ctx,
): AsyncIterable<I | null> {
  if ('paginate' in list) {
    for await (const page of list.paginate(client, ctx)) {
      const items = list.items(page);
      if (items) yield* items;
    }
  } else if ('single' in list) {
    try {
      yield adapter.answer(await list.single(client, ctx));
    } catch (e) {
      if (adapter.matches(e, list.absentOn)) yield null;
      else throw e;
    }
  } else {
    const all = list.all(client, ctx);
    if (Symbol.asyncIterator in all) yield* all;
    else yield* await all;
  }
}

async function enrichItem<Ctx extends KitContext, T, I, P, M>(
  adapter: CloudAdapter<M, unknown>,
  def: CollectorDef<Ctx, T, I, P, M>,
  enrich: [string, EnrichSpec<Ctx, T, I, M>][],
  item: I,
  ctx: Ctx,
): Promise<RawItem> {
  const raw: RawItem = { item };
  const answers = new Map<string, Promise<void>>();
  const start = (key: string, spec: EnrichSpec<Ctx, T, I, M>): Promise<void> => {
    const started = answers.get(key);
    if (started) return started;
    const p = (async () => {
      await Promise.all(
        (spec.after ?? []).map((dep) => start(dep, def.enrich?.[dep] as EnrichSpec<Ctx, T, I, M>)),
      );
      if (spec.when && !spec.when(item, raw)) return;
      const known = spec.fromItem?.(item);
      if (known !== undefined) {
        raw[key] = known;
        return;
      }
      raw[key] = await answer(adapter, def, key, spec, item, raw, ctx);
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

async function answer<Ctx extends KitContext, T, I, P, M>(
  adapter: CloudAdapter<M, unknown>,
  def: CollectorDef<Ctx, T, I, P, M>,
  key: string,
  spec: EnrichSpec<Ctx, T, I, M>,
  item: I,
  raw: RawItem,
  ctx: Ctx,
): Promise<unknown> {
  try {
    const region = spec.region?.(item, raw);
    const client = def.open(ctx, region);
    const call = () => spec.call(client, item, { ...ctx, raw });
    const cacheKey = spec.cacheKey?.(item);
    return adapter.answer(
      await (cacheKey === undefined ? call() : ctx.memo(`${def.type}#${key}#${cacheKey}`, call)),
    );
  } catch (e) {
    if (adapter.matches(e, spec.absentOn)) return null;
    return { __error: adapter.describeError(e) };
  }
}
