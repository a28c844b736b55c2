import type { GcpCollectContext } from './collector.js';

/** Folders nest at most 10 deep below an organisation; a longer chain is a loop in the answers. */
const MAX_DEPTH = 12;

/** Resource Manager v3 Folder, the fields read here. */
interface ApiFolder {
  name?: string;
  parent?: string;
}

/**
 * The folders and organisation a project inherits settings from, nearest first
 * (`folders/345`, `organizations/123`), when the scan reads inherited settings (an organisation
 * or folders scanned); empty otherwise. Each folder's parent comes from Resource Manager v3
 * `folders.get` (a GET), read once per scan. A folder that cannot be read fails the walk: the
 * settings above it are unknown.
 */
export function ancestorsOf(ctx: GcpCollectContext): Promise<string[]> {
  const parent = ctx.project.parent;
  if (!ctx.inherited || !parent) return Promise.resolve([]);
  const walk = async (): Promise<string[]> => {
    const r = ctx.reader('cloudresourcemanager');
    const out: string[] = [];
    let at: string | undefined = parent;
    while (at?.startsWith('folders/')) {
      if (out.length >= MAX_DEPTH || out.includes(at)) throw new Error(`the folders above ${parent} loop`);
      const folderName: string = at;
      out.push(folderName);
      const folder = await ancestorRead(ctx, `folder:${folderName}`, () =>
        r.get<ApiFolder>(`v3/${folderName}`),
      );
      at = folder.parent;
    }
    if (at?.startsWith('organizations/')) out.push(at);
    return out;
  };
  return ancestorRead(ctx, `ancestry:${parent}`, walk);
}

/** A read about a folder or organisation, made once per scan for every project below it. */
export function ancestorRead<T>(ctx: GcpCollectContext, key: string, load: () => Promise<T>): Promise<T> {
  return ctx.shared ? ctx.shared(key, load) : ctx.memo(key, load);
}
