import type pg from 'pg';
import type { PgSession } from './postgres-connection.js';
import { type HeldLease, LeaseLostError, type LeaseRow, type WatchReplicaStore } from './watch-replicas.js';

/** Holds the lease row while the transaction writes under it; false when `lease` no longer holds. */
async function stillHeld(c: pg.PoolClient, s: string, lease: HeldLease): Promise<boolean> {
  const rows = await c.query(
    `SELECT 1 FROM ${s}.watch_leases
      WHERE name = $1 AND token = $2 AND expires_at > clock_timestamp() FOR SHARE`,
    [lease.name, lease.token],
  );
  return (rows.rowCount ?? 0) === 1;
}

export class PostgresWatchReplicas implements WatchReplicaStore {
  constructor(private readonly db: PgSession) {}

  private get s(): string {
    return this.db.s;
  }

  acquireLease(name: string, holder: string, token: string, leaseMs: number): Promise<HeldLease | null> {
    return this.db.run(`taking the lease ${name}`, async () => {
      // an expired lease changes hands in the same statement that finds it expired: the row
      // lock makes two replicas asking at once take turns, and the second finds it live
      const rows = await this.db.query<{ term: string }>(
        `INSERT INTO ${this.s}.watch_leases AS l (name, holder, token, term, expires_at)
         VALUES ($1, $2, $3, 1, clock_timestamp() + $4::bigint * interval '1 millisecond')
         ON CONFLICT (name) DO UPDATE
            SET holder = EXCLUDED.holder, token = EXCLUDED.token, expires_at = EXCLUDED.expires_at,
                term = CASE WHEN l.token = EXCLUDED.token THEN l.term ELSE l.term + 1 END
          WHERE l.token = EXCLUDED.token OR l.expires_at <= clock_timestamp()
         RETURNING term`,
        [name, holder, token, leaseMs],
      );
      const row = rows[0];
      return row ? { name, token, term: Number(row.term) } : null;
    });
  }

  releaseLease(name: string, token: string): Promise<void> {
    return this.db.run(`giving up the lease ${name}`, async () => {
      // expired, not deleted: the term keeps counting
      await this.db.query(
        `UPDATE ${this.s}.watch_leases SET expires_at = clock_timestamp() - interval '1 millisecond'
          WHERE name = $1 AND token = $2`,
        [name, token],
      );
    });
  }

  leases(): Promise<LeaseRow[]> {
    return this.db.run('reading the leases', async () => {
      const rows = await this.db.query<{ name: string; holder: string; term: string; live: boolean }>(
        `SELECT name, holder, term, expires_at > clock_timestamp() AS live FROM ${this.s}.watch_leases ORDER BY name`,
      );
      return rows.map((r) => ({ name: r.name, holder: r.holder, term: Number(r.term), live: r.live }));
    });
  }

  getCheckpoint(source: string, key: string): Promise<string | undefined> {
    return this.db.run(`reading the checkpoint of ${source}`, async () => {
      const rows = await this.db.query<{ value: string }>(
        `SELECT value FROM ${this.s}.watch_checkpoints WHERE source = $1 AND key = $2`,
        [source, key],
      );
      return rows[0]?.value;
    });
  }

  async setCheckpoint(
    source: string,
    key: string,
    value: string,
    lease: HeldLease,
    holder: string,
  ): Promise<void> {
    const saved = await this.db.run(`saving the checkpoint of ${source}`, () =>
      this.db.tx(async (c) => {
        if (!(await stillHeld(c, this.s, lease))) return false;
        await c.query(
          `INSERT INTO ${this.s}.watch_checkpoints (source, key, value, holder, updated_at)
           VALUES ($1, $2, $3, $4, clock_timestamp())
           ON CONFLICT (source, key) DO UPDATE
              SET value = EXCLUDED.value, holder = EXCLUDED.holder, updated_at = EXCLUDED.updated_at`,
          [source, key, value, holder],
        );
        return true;
      }),
    );
    if (!saved) {
      throw new LeaseLostError(
        `logs.${source}: this replica no longer holds the source (lease ${lease.name} expired or taken): checkpoint not saved`,
      );
    }
  }

  claimRun(auditKey: string, tick: string, lease: HeldLease, holder: string): Promise<boolean> {
    return this.db.run(`claiming the run of ${auditKey} at ${tick}`, () =>
      this.db.tx(async (c) => {
        if (!(await stillHeld(c, this.s, lease))) return false;
        // a run claimed under an earlier lease and not done was cut short with its leader (or
        // failed: a new leader tries it again, as a restarted single process does); a run cut
        // short keeps the scan its leader noted, so the new leader resumes it, a failed one not
        const res = await c.query(
          `INSERT INTO ${this.s}.watch_runs AS r (audit_key, tick, token, holder, status, claimed_at)
           VALUES ($1, $2, $3, $4, 'running', clock_timestamp())
           ON CONFLICT (audit_key, tick) DO UPDATE
              SET token = EXCLUDED.token, holder = EXCLUDED.holder, claims = r.claims + 1,
                  status = 'running', claimed_at = EXCLUDED.claimed_at,
                  scan_id = CASE WHEN r.status = 'running' THEN r.scan_id END
            WHERE r.status <> 'done' AND r.token <> EXCLUDED.token`,
          [auditKey, tick, lease.token, holder],
        );
        return (res.rowCount ?? 0) === 1;
      }),
    );
  }

  async noteRunScan(auditKey: string, tick: string, lease: HeldLease, scanId: string): Promise<void> {
    const noted = await this.db.run(`noting the scan of ${auditKey} at ${tick}`, () =>
      this.db.tx(async (c) => {
        if (!(await stillHeld(c, this.s, lease))) return false;
        const res = await c.query(
          `UPDATE ${this.s}.watch_runs SET scan_id = $4
            WHERE audit_key = $1 AND tick = $2 AND token = $3 AND status = 'running'`,
          [auditKey, tick, lease.token, scanId],
        );
        return (res.rowCount ?? 0) === 1;
      }),
    );
    if (!noted) {
      throw new LeaseLostError(
        `audit ${auditKey}: this replica no longer leads (lease ${lease.name} expired or taken): the run at ${tick} is left to the new leader`,
      );
    }
  }

  runScan(auditKey: string, tick: string): Promise<string | null> {
    return this.db.run(`reading the run of ${auditKey} at ${tick}`, async () => {
      const rows = await this.db.query<{ scan_id: string | null }>(
        `SELECT scan_id FROM ${this.s}.watch_runs WHERE audit_key = $1 AND tick = $2`,
        [auditKey, tick],
      );
      return rows[0]?.scan_id ?? null;
    });
  }

  finishRun(
    auditKey: string,
    tick: string,
    token: string,
    outcome: 'done' | 'failed',
    scanId?: string,
  ): Promise<void> {
    return this.db.run(`recording the run of ${auditKey} at ${tick}`, async () => {
      await this.db.query(
        `UPDATE ${this.s}.watch_runs SET status = $4, scan_id = $5
          WHERE audit_key = $1 AND tick = $2 AND token = $3`,
        [auditKey, tick, token, outcome, scanId ?? null],
      );
    });
  }
}
