import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { type EventRecord, validateEvent } from '../../../src/detect/event.js';
import type { LogSource } from '../../../src/detect/sources/source.js';

export const FIXTURES = join(import.meta.dirname, 'fixtures');

/** Reads every event of a source, checking each against the event schema. */
export async function collect(source: LogSource, signal?: AbortSignal): Promise<EventRecord[]> {
  const out: EventRecord[] = [];
  for await (const ev of source.read({ signal })) out.push(validateEvent(ev, source.name));
  return out;
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A temporary directory removed after the test. */
export function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'cloudward-sources-'));
  dirs.push(d);
  return d;
}
