import { at, records, str } from '../../normalise-kit.js';
import type { ApiReader, GcpCollectContext } from '../collector.js';

/** The project's Compute Engine settings, with its project-wide instance metadata (commonInstanceMetadata). */
export const PROJECT_METADATA_PATH = 'compute/v1/projects/{project}';

/** The project's Compute Engine settings, read once per project however many collectors need them. */
export function readProjectMetadata(r: ApiReader, ctx: GcpCollectContext): Promise<Record<string, unknown>> {
  return ctx.memo('compute.projects.get', () =>
    r.get<Record<string, unknown>>(r.path(PROJECT_METADATA_PATH)),
  );
}

/** A metadata item's value ("serial-port-enable", "enable-oslogin"...) of an instance's or project's metadata. */
export function metadataValue(metadata: unknown, key: string): string | null {
  const item = records(at(metadata, 'items')).find((i) => str(i.key) === key);
  return item ? str(item.value) : null;
}

/** Compute Engine reads TRUE, true, 1 and yes as on (the guest environment's parsing). */
export const truthy = (v: string | null): boolean | null =>
  v === null ? null : ['true', '1', 'yes', 'y'].includes(v.trim().toLowerCase());
