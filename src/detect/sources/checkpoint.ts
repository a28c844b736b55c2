import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Where a source remembers how far it has read (the last S3 key per delivery prefix, the last
 * CloudWatch Logs timestamp), so that a rerun reads only what is new. Keys are namespaced by
 * the source (s3://bucket/prefix/, cloudwatch-logs:group), so one store can serve several sources.
 */
export interface Checkpoint {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
}

export class MemoryCheckpoint implements Checkpoint {
  readonly values = new Map<string, string>();
  async get(key: string): Promise<string | undefined> {
    return this.values.get(key);
  }
  async set(key: string, value: string): Promise<void> {
    this.values.set(key, value);
  }
}

/**
 * A checkpoint kept in a small JSON file (`{"<key>": "<value>"}`), rewritten atomically on every
 * set so that a crash never leaves a half-written file. A file that is not such a JSON object is
 * an error naming the file: silently starting over would re-read (and re-alert on) everything.
 */
export class FileCheckpoint implements Checkpoint {
  private values: Map<string, string> | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(readonly path: string) {}

  private async load(): Promise<Map<string, string>> {
    if (this.values) return this.values;
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as { code?: unknown }).code === 'ENOENT') {
        this.values = new Map();
        return this.values;
      }
      throw new Error(
        `checkpoint ${this.path}: cannot read: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      throw new Error(
        `checkpoint ${this.path}: not JSON (${err instanceof Error ? err.message : String(err)})`,
      );
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new Error(`checkpoint ${this.path}: expected a JSON object of key -> value`);
    }
    const values = new Map<string, string>();
    for (const [k, v] of Object.entries(parsed)) {
      if (typeof v !== 'string') throw new Error(`checkpoint ${this.path}: value of "${k}" is not a string`);
      values.set(k, v);
    }
    this.values = values;
    return values;
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.load()).get(key);
  }

  async set(key: string, value: string): Promise<void> {
    const values = await this.load();
    values.set(key, value);
    const text = `${JSON.stringify(Object.fromEntries(values), null, 2)}\n`;
    // serialise writes so that an older state never overwrites a newer one
    const next = this.writing
      .catch(() => undefined)
      .then(async () => {
        await mkdir(dirname(this.path), { recursive: true });
        const tmp = `${this.path}.${process.pid}.tmp`;
        await writeFile(tmp, text, 'utf8');
        await rename(tmp, this.path);
      });
    this.writing = next;
    await next;
  }
}
