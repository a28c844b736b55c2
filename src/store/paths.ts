import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

type Env = Record<string, string | undefined>;

function homeDir(env: Env): string {
  return env.HOME || env.USERPROFILE || homedir();
}

/** Expands a leading `~` (alone, or followed by a path separator) to the user's home directory. */
export function expandHome(path: string, env: Env = process.env): string {
  if (path === '~') return homeDir(env);
  if (path.startsWith('~/') || path.startsWith('~\\')) return join(homeDir(env), path.slice(2));
  return path;
}

/**
 * Where the SQLite store lives when the config names no path:
 * `$CLOUDWARD_DB`, else `$XDG_DATA_HOME/cloudward/cloudward.db`, else `~/.cloudward/cloudward.db`.
 * Empty variables count as unset and, as the XDG spec says, a relative XDG_DATA_HOME is ignored.
 */
export function defaultStorePath(env: Env = process.env): string {
  const explicit = env.CLOUDWARD_DB;
  if (explicit) return expandHome(explicit, env);
  const xdg = env.XDG_DATA_HOME ? expandHome(env.XDG_DATA_HOME, env) : '';
  if (xdg && isAbsolute(xdg)) return join(xdg, 'cloudward', 'cloudward.db');
  return join(homeDir(env), '.cloudward', 'cloudward.db');
}
