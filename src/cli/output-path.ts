import { accessSync, constants, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UserError } from './errors.js';

/**
 * Refuses an output file that cannot be written, before any work is done: a scan must not run
 * (and be stored) only to fail at the end on a mistyped path. Exit 2, naming the option.
 */
export function checkOutputPath(path: string, option = '--output'): void {
  const full = resolve(path);
  const stat = statOrNull(full, option);
  if (stat) {
    if (stat.isDirectory()) throw new UserError(`${option}: ${path} is a directory; give a file name`);
    if (!writable(full)) throw new UserError(`${option}: ${path} exists and is not writable`);
    return;
  }
  const dir = dirname(full);
  const parent = statOrNull(dir, option);
  if (!parent) throw new UserError(`${option}: cannot write ${path}: the directory ${dir} does not exist`);
  if (!parent.isDirectory())
    throw new UserError(`${option}: cannot write ${path}: ${dir} is not a directory`);
  if (!writable(dir))
    throw new UserError(`${option}: cannot write ${path}: no permission to create files in ${dir}`);
}

function statOrNull(path: string, option: string) {
  try {
    return statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    if (code === 'ENOTDIR')
      throw new UserError(`${option}: cannot write ${path}: a parent of it is not a directory`);
    throw new UserError(`${option}: cannot write ${path}: ${(e as Error).message}`);
  }
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
