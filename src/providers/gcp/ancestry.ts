import type { OrgLevel } from '../../core/scan-store.js';
import type { GcpCollectContext } from './collector.js';
import type { GcpOrganization } from './scopes.js';

/** Folders nest at most 10 deep below an organisation; a longer chain is a loop in the answers. */
const MAX_DEPTH = 12;

/** Resource Manager v3 Folder, the fields read here. */
interface ApiFolder {
  name?: string;
  displayName?: string;
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
    const out: string[] = [];
    let at: string | undefined = parent;
    while (at?.startsWith('folders/')) {
      if (out.length >= MAX_DEPTH || out.includes(at)) throw new Error(`the folders above ${parent} loop`);
      const folderName: string = at;
      out.push(folderName);
      const folder = await readFolder(ctx, folderName);
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

/** Resource Manager v3 `folders.get`, once per scan for every project below the folder. */
function readFolder(ctx: GcpCollectContext, folder: string): Promise<ApiFolder> {
  return ancestorRead(ctx, `folder:${folder}`, () =>
    ctx.reader('cloudresourcemanager').get<ApiFolder>(`v3/${folder}`),
  );
}

/**
 * The organisation and folders above a project, outermost first, with their display names.
 * When the scan reads no organisation or folders, only the project's parent as the project
 * lookup gave it (no added call); undefined when that is unknown. Throws when a folder above
 * cannot be read.
 */
export async function pathOf(
  ctx: GcpCollectContext,
  organizations: readonly GcpOrganization[],
): Promise<OrgLevel[] | undefined> {
  const parent = ctx.project.parent;
  if (!parent) return undefined;
  const names = new Map(organizations.map((o) => [`organizations/${o.id}`, o.name]));
  const level = (ref: string, name: string | undefined): OrgLevel => {
    const [collection = '', id = ref] = ref.split('/');
    const kind = collection === 'organizations' ? 'organization' : 'folder';
    return { kind, id, ...(name && name !== id ? { name } : {}) };
  };
  if (!ctx.inherited) return [level(parent, names.get(parent))];
  const chain = [...(await ancestorsOf(ctx))].reverse();
  return Promise.all(
    chain.map(async (ref) =>
      level(ref, ref.startsWith('folders/') ? (await readFolder(ctx, ref)).displayName : names.get(ref)),
    ),
  );
}
