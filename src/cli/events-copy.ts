import type { EventsCopyConfig } from '../config/schema.js';
import { EventsCopyWriter } from '../query/copy-writer.js';
import { QueryError } from '../query/engine.js';
import { expandHome } from '../store/paths.js';
import type { CliContext } from './context.js';
import { UserError } from './errors.js';

/** The directory of the local events copy: the one given, else the config's `events_copy.path`. */
export function eventsCopyDir(ctx: CliContext, given: string | true | undefined, option: string): string {
  if (typeof given === 'string') return expandHome(given);
  const configured = ctx.config.config.events_copy?.path;
  if (!configured)
    throw new UserError(
      `${option} needs a directory: give ${option} DIR, or set events_copy.path in the config`,
    );
  return expandHome(configured);
}

/** Opens the copy `detect --keep-copy` and `watch` write events into; a directory that is not a copy is refused. */
export async function openEventsCopy(
  ctx: CliContext,
  copy: Pick<EventsCopyConfig, 'path'> & Partial<EventsCopyConfig>,
  { timed = true }: { timed?: boolean } = {},
): Promise<EventsCopyWriter> {
  try {
    return await EventsCopyWriter.open(expandHome(copy.path), {
      ...(copy.batch_events ? { batchEvents: copy.batch_events } : {}),
      ...(timed && copy.flush_seconds ? { flushEveryMs: copy.flush_seconds * 1000 } : {}),
      onError: (e) => ctx.logger.error(`events copy: ${e.message}`),
    });
  } catch (e) {
    if (e instanceof QueryError) throw new UserError(`events copy: ${e.message}`);
    throw e;
  }
}
