import { randomUUID } from 'node:crypto';
import type { Logger } from '../core/logger.js';
import type { Checkpoint } from '../detect/sources/checkpoint.js';
import { renewEveryMs } from '../store/postgres-lease.js';
import type { HeldLease, WatchReplicaStore } from '../store/watch-replicas.js';

/*
 * `cloudward watch` as replicas sharing a PostgreSQL store: one lease makes a replica the
 * leader (it alone runs the schedules), one lease per log source makes one replica its reader.
 * Every replica tries each lease every third of its length: it renews what it holds and takes
 * what has expired, so a replica that dies is replaced within the lease plus a third of it.
 */

export const LEADER_LEASE = 'leader';

export function sourceLease(source: string): string {
  return `source:${source}`;
}

/** Default lease of `watch` replicas: a dead leader is replaced within 30 s + 10 s. */
export const DEFAULT_REPLICA_LEASE_MS = 30_000;

export interface ReplicaRoles {
  /** called when this replica takes a lease (lease) or stops holding it (null); one call at a time per name */
  changed(name: string, lease: HeldLease | null): Promise<void>;
}

export interface ReplicaCoordinatorOptions {
  store: WatchReplicaStore;
  /** this replica, as the leases and checkpoints name it (host:pid) */
  holder: string;
  leaseMs: number;
  /** the lease names this replica competes for */
  names: readonly string[];
  roles: ReplicaRoles;
  logger: Logger;
}

interface Held {
  lease: HeldLease;
  /** Date.now() when the lease was last taken or renewed */
  renewedAt: number;
}

export class ReplicaCoordinator {
  private readonly held = new Map<string, Held>();
  private timer?: NodeJS.Timeout;
  private pass?: Promise<void>;
  private stopped = false;
  /** role changes, in order, per lease name */
  private readonly changes = new Map<string, Promise<void>>();

  constructor(private readonly o: ReplicaCoordinatorOptions) {}

  get holder(): string {
    return this.o.holder;
  }

  holds(name: string): HeldLease | undefined {
    return this.held.get(name)?.lease;
  }

  /** The first pass (this replica takes what is free), then a pass every third of the lease. */
  async start(): Promise<void> {
    await this.runPass();
    this.arm();
  }

  private arm(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.runPass().finally(() => this.arm());
    }, renewEveryMs(this.o.leaseMs));
  }

  private runPass(): Promise<void> {
    this.pass = this.tryAll();
    return this.pass;
  }

  private async tryAll(): Promise<void> {
    for (const name of this.o.names) {
      if (this.stopped) return;
      const mine = this.held.get(name);
      const started = Date.now();
      let got: HeldLease | null;
      try {
        got = await this.o.store.acquireLease(
          name,
          this.o.holder,
          mine?.lease.token ?? randomUUID(),
          this.o.leaseMs,
        );
      } catch (e) {
        // the store is away: a held lease is kept while it may still run, then let go (another
        // replica cannot take it before it expires either)
        if (mine && Date.now() - mine.renewedAt >= (this.o.leaseMs * 2) / 3) {
          this.o.logger.warn(
            `replica: cannot renew the lease ${name}, letting it go: ${(e as Error).message}`,
          );
          this.lose(name);
        } else if (!mine) {
          this.o.logger.debug(`replica: cannot try the lease ${name}: ${(e as Error).message}`);
        }
        continue;
      }
      if (got) {
        this.held.set(name, { lease: got, renewedAt: started });
        if (!mine) {
          this.o.logger.info(`replica ${this.o.holder}: took ${name} (term ${got.term})`);
          this.change(name, got);
        }
      } else if (mine) {
        this.o.logger.warn(`replica ${this.o.holder}: lost ${name}: another replica holds it`);
        this.lose(name);
      }
    }
  }

  private lose(name: string): void {
    this.held.delete(name);
    this.change(name, null);
  }

  private change(name: string, lease: HeldLease | null): void {
    const before = this.changes.get(name) ?? Promise.resolve();
    const next = before.then(() =>
      this.o.roles.changed(name, lease).catch((e: unknown) => {
        this.o.logger.error(`replica: ${name}: ${(e as Error).message}`);
      }),
    );
    this.changes.set(name, next);
  }

  /**
   * Gives one lease up now (its work failed): its role is told, then the lease is released, so
   * any replica, this one included, takes it again at its next pass and starts the work afresh.
   */
  async letGo(name: string): Promise<void> {
    const mine = this.held.get(name);
    if (!mine || this.stopped) return;
    this.lose(name);
    await this.changes.get(name);
    await this.o.store.releaseLease(name, mine.lease.token).catch(() => undefined);
  }

  /**
   * Stops competing: the work of every lease held is stopped (roles told), then the leases
   * are given up, so another replica takes them at its next pass rather than at expiry.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.pass?.catch(() => undefined);
    const mine = [...this.held.values()].map((h) => h.lease);
    for (const l of mine) this.lose(l.name);
    await Promise.all(this.changes.values());
    for (const l of mine) {
      await this.o.store.releaseLease(l.name, l.token).catch((e: unknown) => {
        this.o.logger.warn(
          `replica: could not give up ${l.name} (it expires by itself): ${(e as Error).message}`,
        );
      });
    }
  }
}

/**
 * A log source's checkpoint in the shared store, written only while this replica holds the
 * source's lease: a replica that lost the source (paused past its lease) cannot move it. A key
 * the store has never held is read from `before` (the checkpoint file a single watch process
 * kept), so turning one process into replicas does not read its sources again from the start.
 */
export class ReplicaCheckpoint implements Checkpoint {
  constructor(
    private readonly store: WatchReplicaStore,
    private readonly source: string,
    private readonly lease: HeldLease,
    private readonly holder: string,
    private readonly before?: Checkpoint,
  ) {}

  async get(key: string): Promise<string | undefined> {
    return (await this.store.getCheckpoint(this.source, key)) ?? (await this.before?.get(key));
  }

  set(key: string, value: string): Promise<void> {
    return this.store.setCheckpoint(this.source, key, value, this.lease, this.holder);
  }
}
