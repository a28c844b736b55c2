import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { describeIssues } from '../core/issues.js';
import type {
  AccountBatch,
  Collection,
  CollectOptions,
  Provider,
  UnitCollections,
  UnitProvider,
  UnitScope,
} from '../core/provider.js';
import { CLOUD_TYPES } from '../core/record.js';
import { ORG_LEVEL_KINDS } from '../core/scan-store.js';
import { collectorTypesFor } from './normalisers.js';

/**
 * A snapshot is the raw answers of one collection run, as a JSON file: enough to audit an
 * estate offline, replay a scan, or ship a demo. The raw items are exactly what collectors
 * yield, so a snapshot goes through the same normalisers as a live scan.
 */
export const SNAPSHOT_FORMAT = 'cloudward.snapshot/v1';

const collectionSchema = z
  .object({
    cloud: z.enum(CLOUD_TYPES),
    account: z.string().min(1),
    region: z.string().min(1),
    partition: z
      .string()
      .regex(/^aws(-[a-z]+)*$/, 'expected an AWS partition such as aws or aws-cn')
      .optional(),
    type: z
      .string()
      .regex(/^[a-z0-9_]+(\.[a-z0-9_]+){2,}$/, 'expected a collector type such as aws.s3.bucket'),
    items: z.array(z.record(z.string(), z.unknown())).optional(),
    error: z.string().optional(),
    not_applicable: z.string().optional(),
  })
  .refine((c) => (c.items === undefined) !== (c.error === undefined), {
    message: 'a collection has either items or an error',
  });

const accountSchema = z.object({
  cloud: z.enum(CLOUD_TYPES),
  account: z.string().min(1),
  account_name: z.string().optional(),
  path: z
    .array(z.object({ kind: z.enum(ORG_LEVEL_KINDS), id: z.string().min(1), name: z.string().optional() }))
    .optional(),
  collections: z.array(collectionSchema),
});

export const snapshotSchema = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  label: z.string(),
  taken_at: z.iso.datetime({ offset: true }),
  accounts: z.array(accountSchema),
});

export interface Snapshot {
  format: typeof SNAPSHOT_FORMAT;
  label: string;
  taken_at: string;
  accounts: AccountBatch[];
}

/** Line and column of a character offset, both 1-based. */
function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `${line}:${offset - before.lastIndexOf('\n')}`;
}

function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const pos = /at position (\d+)/.exec(msg);
    const lc = /line (\d+) column (\d+)/.exec(msg);
    const where = lc ? `${lc[1]}:${lc[2]}` : pos ? lineColumn(text, Number(pos[1])) : null;
    throw new Error(`${path}${where ? `:${where}` : ''}: invalid JSON: ${msg}`);
  }
}

/** Validate a parsed snapshot; `where` names the file in error messages. */
export function parseSnapshot(data: unknown, where: string): Snapshot {
  const r = snapshotSchema.safeParse(data);
  if (!r.success) {
    throw new Error(`${where}: not a valid snapshot: ${describeIssues(r.error.issues, data, { max: 5 })}`);
  }
  return r.data as Snapshot;
}

export async function readSnapshot(path: string): Promise<Snapshot> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(
      `${path}: cannot read snapshot${code === 'ENOENT' ? ': no such file' : `: ${(e as Error).message}`}`,
    );
  }
  return parseSnapshot(parseJson(text, path), path);
}

/**
 * Write a snapshot atomically: a reader never sees half a file, a crash leaves the old one.
 * `indent` pretty-prints (the bundled demo is meant to be read); scans write compact JSON.
 */
export async function writeSnapshot(
  path: string,
  snapshot: Snapshot,
  opts: { indent?: number } = {},
): Promise<void> {
  // round-trip through JSON first so Dates from SDK answers are validated as the strings they become
  const text = JSON.stringify(snapshot, null, opts.indent);
  parseSnapshot(JSON.parse(text), path);
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    await writeFile(tmp, `${text}\n`, 'utf8');
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/**
 * A provider over a snapshot: yields its accounts one by one, with only the collections asked for.
 * Split into units (scale-out), it gives one unit per account and region.
 */
export class SnapshotProvider implements UnitProvider {
  readonly name: string;

  constructor(readonly snapshot: Snapshot) {
    this.name = `snapshot:${snapshot.label}`;
  }

  static async fromFile(path: string): Promise<SnapshotProvider> {
    return new SnapshotProvider(await readSnapshot(path));
  }

  async *collect(opts: CollectOptions): AsyncIterable<AccountBatch> {
    const wanted = new Set(collectorTypesFor(opts.types));
    const kept = this.snapshot.accounts.map((a) => a.collections.filter((c) => wanted.has(c.type)));
    const total = kept.reduce((n, cs) => n + cs.length, 0);
    let done = 0;
    for (const [i, account] of this.snapshot.accounts.entries()) {
      const collections = kept[i] ?? [];
      for (const c of collections) {
        done += 1;
        opts.onProgress?.(done, total, `${c.type} ${account.account}/${c.region}`);
      }
      yield { ...account, collections };
    }
  }
  /** The account's wanted collections, each with its place in the account's order. */
  private wantedOf(opts: CollectOptions): { seq: number; collection: Collection }[][] {
    const wanted = new Set(collectorTypesFor(opts.types));
    return this.snapshot.accounts.map((a) =>
      a.collections.filter((c) => wanted.has(c.type)).map((collection, seq) => ({ seq, collection })),
    );
  }

  async planUnits(opts: CollectOptions): Promise<UnitScope[]> {
    const wanted = this.wantedOf(opts);
    return this.snapshot.accounts.flatMap((a, i) => {
      const regions = [...new Set((wanted[i] ?? []).map((c) => c.collection.region))];
      // an account with nothing to collect is still one (empty) unit: a scan names it
      return (regions.length > 0 ? regions : ['global']).map((region) => ({
        key: `${a.cloud}/${a.account}/${region}`,
        account: a.account,
        ...(a.account_name ? { account_name: a.account_name } : {}),
        ...(a.path ? { path: a.path } : {}),
        account_ord: i,
        region,
      }));
    });
  }

  async collectUnit(unit: UnitScope, opts: CollectOptions): Promise<UnitCollections[]> {
    const i = unit.account_ord;
    const account = this.snapshot.accounts[i];
    if (!account || account.account !== unit.account) {
      throw new Error(`${this.name}: unit ${unit.key}: the snapshot has no account ${unit.account} at ${i}`);
    }
    const collections = (this.wantedOf(opts)[i] ?? []).filter((c) => c.collection.region === unit.region);
    return [
      {
        cloud: account.cloud,
        account: account.account,
        account_ord: i,
        ...(account.account_name ? { account_name: account.account_name } : {}),
        ...(account.path ? { path: account.path } : {}),
        collections,
      },
    ];
  }

  failedUnit(unit: UnitScope, opts: CollectOptions, reason: string): UnitCollections[] {
    const collections = (this.wantedOf(opts)[unit.account_ord] ?? [])
      .filter((c) => c.collection.region === unit.region)
      .map(({ seq, collection: { items: _items, not_applicable: _na, ...c } }) => ({
        seq,
        collection: { ...c, error: reason },
      }));
    return [
      {
        cloud: this.snapshot.accounts[unit.account_ord]?.cloud ?? 'demo',
        account: unit.account,
        account_ord: unit.account_ord,
        ...(unit.account_name ? { account_name: unit.account_name } : {}),
        ...(unit.path ? { path: unit.path } : {}),
        collections,
      },
    ];
  }
}

/**
 * Wraps a live provider so the raw answers of a run can be saved as a snapshot
 * (`scan --save-snapshot FILE`): batches pass through unchanged and are kept.
 */
export class SnapshotRecorder {
  private readonly batches: AccountBatch[] = [];
  private readonly startedAt = new Date();

  record(provider: Provider): Provider {
    const batches = this.batches;
    return {
      name: provider.name,
      async *collect(opts: CollectOptions): AsyncIterable<AccountBatch> {
        for await (const batch of provider.collect(opts)) {
          batches.push({ ...batch, collections: batch.collections.map((c: Collection) => ({ ...c })) });
          yield batch;
        }
      },
    };
  }

  toSnapshot(label: string): Snapshot {
    return {
      format: SNAPSHOT_FORMAT,
      label,
      taken_at: this.startedAt.toISOString(),
      accounts: this.batches,
    };
  }
}
