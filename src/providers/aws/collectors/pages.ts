/** Every item of every page of a paginator. */
export async function allPages<P, T>(
  pages: AsyncIterable<P>,
  items: (page: P) => readonly T[] | undefined,
): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...(items(page) ?? []));
  return out;
}

/** Group items by a key (an item may have several keys, for example a volume's attachments). */
export function groupBy<T>(
  items: readonly T[],
  keys: (item: T) => readonly (string | undefined)[],
): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    for (const k of new Set(keys(item))) {
      if (k === undefined) continue;
      const list = out.get(k);
      if (list) list.push(item);
      else out.set(k, [item]);
    }
  }
  return out;
}

/** Items in batches of `size`, for the batch reads that take a bounded list of ids. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
