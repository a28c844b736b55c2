import type { Collection } from '../core/provider.js';
import type { CloudType } from '../core/record.js';
import type { OrgLevel } from '../core/scan-store.js';
import type { PgSession } from './postgres-connection.js';
import type {
  AbandonOutcome,
  AccountCollections,
  PlannedUnitRow,
  ScaleOutStore,
  ScaleProgress,
  ScaleScanRecord,
  ScaleStatusRow,
  UnitAccountPart,
} from './scale-out.js';

/** Evaluations read back per round trip: each is one account's, so a few at a time bound memory. */
const EVALUATIONS_PER_PAGE = 4;

/*
 * Collections and evaluations are stored as JSON text, not jsonb: jsonb reorders object keys,
 * and a distributed scan must give byte for byte the records a one-process scan gives.
 */
export class PostgresScaleOut implements ScaleOutStore {
  constructor(private readonly db: PgSession) {}

  private get s(): string {
    return this.db.s;
  }

  createScan(scanId: string, auditKey: string, plan: unknown, units: PlannedUnitRow[]): Promise<void> {
    return this.db.run('recording the scan units', () =>
      this.db.tx(async (c) => {
        await c.query(
          `INSERT INTO ${this.s}.scale_scans (scan_id, audit_key, plan, created_at) VALUES ($1, $2, $3::jsonb, $4)`,
          [scanId, auditKey, JSON.stringify(plan), new Date().toISOString()],
        );
        await c.query(
          `INSERT INTO ${this.s}.scale_units (scan_id, unit_key, provider_ord, account, region)
           SELECT $1, t.e->>0, (t.e->>1)::integer, t.e->>2, t.e->>3
             FROM jsonb_array_elements($2::jsonb) AS t(e)`,
          [scanId, JSON.stringify(units.map((u) => [u.key, u.provider_ord, u.account, u.region]))],
        );
      }),
    );
  }

  plan(scanId: string): Promise<unknown | null> {
    return this.db.run('reading the scan plan', async () => {
      const rows = await this.db.query<{ plan: unknown }>(
        `SELECT plan FROM ${this.s}.scale_scans WHERE scan_id = $1`,
        [scanId],
      );
      return rows[0]?.plan ?? null;
    });
  }

  scanRecord(scanId: string): Promise<ScaleScanRecord | null> {
    return this.db.run('reading the scan', async () => {
      const rows = await this.db.query<{
        audit_key: string;
        plan: unknown;
        finished_at: string | null;
        abandoned: string | null;
      }>(`SELECT audit_key, plan, finished_at, abandoned FROM ${this.s}.scale_scans WHERE scan_id = $1`, [
        scanId,
      ]);
      const r = rows[0];
      return r
        ? {
            auditKey: r.audit_key,
            plan: r.plan,
            finished: r.finished_at !== null && r.abandoned === null,
            abandoned: r.abandoned,
          }
        : null;
    });
  }

  openScans(auditKey: string): Promise<string[]> {
    return this.db.run('reading the scans in progress', async () => {
      const rows = await this.db.query<{ scan_id: string }>(
        `SELECT scan_id FROM ${this.s}.scale_scans WHERE audit_key = $1 AND finished_at IS NULL
          ORDER BY created_at, scan_id`,
        [auditKey],
      );
      return rows.map((r) => r.scan_id);
    });
  }

  doneUnits(scanId: string): Promise<Set<string>> {
    return this.unitKeys(scanId, `AND status = 'done'`);
  }

  plannedUnitKeys(scanId: string): Promise<Set<string>> {
    return this.unitKeys(scanId, '');
  }

  private unitKeys(scanId: string, filter: string): Promise<Set<string>> {
    return this.db.run('reading the scan units', async () => {
      const rows = await this.db.query<{ unit_key: string }>(
        `SELECT unit_key FROM ${this.s}.scale_units WHERE scan_id = $1 ${filter}`,
        [scanId],
      );
      return new Set(rows.map((r) => r.unit_key));
    });
  }

  startUnit(scanId: string, unitKey: string, worker: string): Promise<'run' | 'done' | 'abandoned'> {
    return this.db.run(`starting unit ${unitKey}`, async () => {
      const rows = await this.db.query<{ status: string }>(
        `UPDATE ${this.s}.scale_units
            SET status = CASE WHEN status IN ('done', 'abandoned') THEN status ELSE 'running' END,
                attempts = attempts + CASE WHEN status IN ('done', 'abandoned') THEN 0 ELSE 1 END,
                worker = CASE WHEN status IN ('done', 'abandoned') THEN worker ELSE $3 END
          WHERE scan_id = $1 AND unit_key = $2
          RETURNING status`,
        [scanId, unitKey, worker],
      );
      const row = rows[0];
      if (!row) throw new Error(`scan ${scanId} has no unit ${unitKey} (the scan was dropped)`);
      return row.status === 'done' || row.status === 'abandoned' ? row.status : 'run';
    });
  }

  completeUnit(
    scanId: string,
    unitKey: string,
    parts: UnitAccountPart[],
    worker: string,
    error?: string,
  ): Promise<'written' | 'repeat' | 'abandoned'> {
    return this.db.run(`writing unit ${unitKey}`, () =>
      this.db.tx(async (c) => {
        // the row lock makes a concurrent repeat of the unit (or the scan's abandonment) wait
        // here, then see it done (abandoned); an abandonment that waits for this transaction
        // deletes what it wrote
        const mine = await c.query<{ provider_ord: number }>(
          `UPDATE ${this.s}.scale_units
              SET status = 'done', writes = writes + 1, error = $3, worker = $4, finished_at = $5
            WHERE scan_id = $1 AND unit_key = $2 AND status IN ('waiting', 'running')
            RETURNING provider_ord`,
          [scanId, unitKey, error ?? null, worker, new Date().toISOString()],
        );
        const row = mine.rows[0];
        if (!row) {
          const now = await c.query<{ status: string }>(
            `SELECT status FROM ${this.s}.scale_units WHERE scan_id = $1 AND unit_key = $2`,
            [scanId, unitKey],
          );
          return now.rows[0]?.status === 'done' ? 'repeat' : 'abandoned';
        }
        // seq -1: the account's marker (its cloud, name, place in the hierarchy and in the
        // provider's order), once per account whichever unit writes it
        const markers = parts.map((p) => [
          p.account,
          p.account_ord,
          p.account_name ?? null,
          -1,
          JSON.stringify({ cloud: p.cloud, ...(p.path ? { path: p.path } : {}) }),
        ]);
        const tuples = parts.flatMap((p) =>
          p.collections.map((x) => [
            p.account,
            p.account_ord,
            p.account_name ?? null,
            x.seq,
            JSON.stringify(x.collection),
          ]),
        );
        const insert = (conflict: string) =>
          `INSERT INTO ${this.s}.scale_collections
             (scan_id, unit_key, provider_ord, account, account_ord, account_name, seq, collection)
           SELECT $1, $2, $3, t.e->>0, (t.e->>1)::integer, t.e->>2, (t.e->>3)::integer, t.e->>4
             FROM jsonb_array_elements($4::jsonb) AS t(e)${conflict}`;
        await c.query(insert(' ON CONFLICT DO NOTHING'), [
          scanId,
          unitKey,
          row.provider_ord,
          JSON.stringify(markers),
        ]);
        for (let i = 0; i < tuples.length; i += 200) {
          await c.query(insert(''), [
            scanId,
            unitKey,
            row.provider_ord,
            JSON.stringify(tuples.slice(i, i + 200)),
          ]);
        }
        return 'written' as const;
      }),
    );
  }

  accountsReady(scanId: string, providerOrd: number, accounts: string[]): Promise<string[]> {
    return this.db.run('checking the accounts of the scan', async () => {
      const rows = await this.db.query<{ account: string }>(
        `SELECT a.account FROM unnest($3::text[]) AS a(account)
          WHERE NOT EXISTS (
            SELECT 1 FROM ${this.s}.scale_units u
             WHERE u.scan_id = $1 AND u.provider_ord = $2 AND u.status <> 'done'
               AND (u.account = a.account OR u.account = '*'))`,
        [scanId, providerOrd, accounts],
      );
      return rows.map((r) => r.account);
    });
  }

  accountCollections(scanId: string, providerOrd: number, account: string): Promise<AccountCollections> {
    return this.db.run(`reading the collections of ${account}`, async () => {
      const rows = await this.db.query<{
        account_ord: number;
        account_name: string | null;
        seq: number;
        collection: string;
      }>(
        `SELECT account_ord, account_name, seq, collection FROM ${this.s}.scale_collections
          WHERE scan_id = $1 AND provider_ord = $2 AND account = $3 ORDER BY seq`,
        [scanId, providerOrd, account],
      );
      const marker = rows.find((r) => r.seq === -1);
      if (!marker) throw new Error(`scan ${scanId} holds nothing of account ${account}`);
      const name = rows.find((r) => r.account_name !== null)?.account_name;
      const { cloud, path } = JSON.parse(marker.collection) as { cloud: CloudType; path?: OrgLevel[] };
      return {
        cloud,
        account,
        account_ord: marker.account_ord,
        ...(name ? { account_name: name } : {}),
        ...(path ? { path } : {}),
        collections: rows.filter((r) => r.seq >= 0).map((r) => JSON.parse(r.collection) as Collection),
      };
    });
  }

  saveEvaluation(
    scanId: string,
    providerOrd: number,
    account: string,
    accountOrd: number,
    outcome: { evaluation: unknown } | { failure: string },
  ): Promise<boolean> {
    return this.db.run(`storing the evaluation of ${account}`, () =>
      this.db.tx(async (c) => {
        // the scan's row shared: its abandonment waits for this write (and deletes it), or this
        // write waits for the abandonment and writes nothing
        const open = await c.query(
          `SELECT 1 FROM ${this.s}.scale_scans WHERE scan_id = $1 AND abandoned IS NULL FOR SHARE`,
          [scanId],
        );
        if (open.rows.length === 0) return false;
        const rows = await c.query(
          `INSERT INTO ${this.s}.scale_accounts (scan_id, provider_ord, account, account_ord, evaluation, failure)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING account`,
          [
            scanId,
            providerOrd,
            account,
            accountOrd,
            'evaluation' in outcome ? JSON.stringify(outcome.evaluation) : null,
            'failure' in outcome ? outcome.failure : null,
          ],
        );
        return rows.rows.length === 1;
      }),
    );
  }

  progress(scanId: string): Promise<ScaleProgress> {
    return this.db.run('reading the scan progress', async () => {
      const [u] = await this.db.query<{ total: number; done: number; running: number; failed: number }>(
        `SELECT count(*)::integer AS total,
                count(*) FILTER (WHERE status = 'done')::integer AS done,
                count(*) FILTER (WHERE status = 'running')::integer AS running,
                count(*) FILTER (WHERE error IS NOT NULL)::integer AS failed
           FROM ${this.s}.scale_units WHERE scan_id = $1`,
        [scanId],
      );
      const [seen] = await this.db.query<{ n: number }>(
        `SELECT count(*)::integer AS n FROM (SELECT DISTINCT provider_ord, account
           FROM ${this.s}.scale_collections WHERE scan_id = $1) x`,
        [scanId],
      );
      const evaluated = await this.db.query<{ account: string; failure: string | null }>(
        `SELECT account, failure FROM ${this.s}.scale_accounts WHERE scan_id = $1`,
        [scanId],
      );
      const [scan] = await this.db.query<{ abandoned: string | null }>(
        `SELECT abandoned FROM ${this.s}.scale_scans WHERE scan_id = $1`,
        [scanId],
      );
      return {
        abandoned: scan?.abandoned ?? null,
        units: u ?? { total: 0, done: 0, running: 0, failed: 0 },
        accounts: {
          seen: seen?.n ?? 0,
          evaluated: evaluated.length,
          failed: evaluated
            .filter((r) => r.failure !== null)
            .map((r) => ({ account: r.account, failure: r.failure as string })),
        },
      };
    });
  }

  async *evaluations(
    scanId: string,
  ): AsyncIterable<{ provider_ord: number; account: string; evaluation: unknown }> {
    let after: [number, number, string] = [-1, -1, ''];
    for (;;) {
      const rows = await this.db.run('reading the account evaluations', () =>
        this.db.query<{ provider_ord: number; account_ord: number; account: string; evaluation: string }>(
          `SELECT provider_ord, account_ord, account, evaluation FROM ${this.s}.scale_accounts
            WHERE scan_id = $1 AND evaluation IS NOT NULL
              AND (provider_ord, account_ord, account) > ($2, $3, $4)
            ORDER BY provider_ord, account_ord, account LIMIT ${EVALUATIONS_PER_PAGE}`,
          [scanId, ...after],
        ),
      );
      for (const r of rows) {
        yield { provider_ord: r.provider_ord, account: r.account, evaluation: JSON.parse(r.evaluation) };
        after = [r.provider_ord, r.account_ord, r.account];
      }
      if (rows.length < EVALUATIONS_PER_PAGE) return;
    }
  }

  failedUnits(scanId: string): Promise<(PlannedUnitRow & { error: string })[]> {
    return this.db.run('reading the failed units', () =>
      this.db.query<PlannedUnitRow & { error: string }>(
        `SELECT unit_key AS key, provider_ord, account, region, error FROM ${this.s}.scale_units
          WHERE scan_id = $1 AND error IS NOT NULL ORDER BY provider_ord, unit_key`,
        [scanId],
      ),
    );
  }

  status(): Promise<ScaleStatusRow[]> {
    return this.db.run('reading the queue status', () =>
      this.db.query<ScaleStatusRow>(
        `SELECT u.scan_id, s.audit_key, u.account, (s.finished_at IS NOT NULL AND s.abandoned IS NULL) AS finished,
                count(*) FILTER (WHERE u.status = 'waiting')::integer AS waiting,
                count(*) FILTER (WHERE u.status = 'running')::integer AS running,
                count(*) FILTER (WHERE u.status = 'done')::integer AS done,
                count(*) FILTER (WHERE u.attempts > 1)::integer AS retried,
                count(*) FILTER (WHERE u.error IS NOT NULL)::integer AS failed,
                count(*) FILTER (WHERE u.status = 'abandoned')::integer AS abandoned,
                s.abandoned AS abandoned_reason
           FROM ${this.s}.scale_units u JOIN ${this.s}.scale_scans s USING (scan_id)
          WHERE s.finished_at IS NULL
             OR u.scan_id IN (SELECT DISTINCT ON (audit_key) scan_id FROM ${this.s}.scale_scans
                               WHERE finished_at IS NOT NULL AND abandoned IS NULL
                               ORDER BY audit_key, finished_at DESC)
             OR u.scan_id IN (SELECT DISTINCT ON (a.audit_key) a.scan_id FROM ${this.s}.scale_scans a
                               WHERE a.abandoned IS NOT NULL
                                 AND NOT EXISTS (SELECT 1 FROM ${this.s}.scale_scans c
                                                  WHERE c.audit_key = a.audit_key AND c.abandoned IS NULL
                                                    AND c.finished_at > a.finished_at)
                               ORDER BY a.audit_key, a.finished_at DESC)
          GROUP BY u.scan_id, s.audit_key, s.finished_at, s.abandoned, u.account
          ORDER BY u.scan_id, u.account`,
      ),
    );
  }

  beginCommit(scanId: string): Promise<boolean> {
    return this.db.run('beginning the commit of the scan', async () => {
      const rows = await this.db.query(
        `UPDATE ${this.s}.scale_scans SET committing = true
          WHERE scan_id = $1 AND abandoned IS NULL RETURNING scan_id`,
        [scanId],
      );
      return rows.length === 1;
    });
  }

  abandonScan(scanId: string, reason: string, committer = false): Promise<AbandonOutcome> {
    return this.db.run('abandoning the scan', () =>
      this.db.tx(async (c) => {
        // the scan's row first, then its units: the order a unit's write and an evaluation's take
        const scan = await c.query<{ finished_at: string | null; committing: boolean }>(
          `SELECT finished_at, committing FROM ${this.s}.scale_scans WHERE scan_id = $1 FOR NO KEY UPDATE`,
          [scanId],
        );
        const row = scan.rows[0];
        if (!row) return 'unknown';
        if (row.finished_at !== null) return 'ended';
        if (row.committing && !committer) return 'committing';
        const at = new Date().toISOString();
        await c.query(
          `UPDATE ${this.s}.scale_scans SET finished_at = $2, abandoned = $3 WHERE scan_id = $1`,
          [scanId, at, reason],
        );
        await c.query(
          `UPDATE ${this.s}.scale_units SET status = 'abandoned', finished_at = $2
            WHERE scan_id = $1 AND status IN ('waiting', 'running')`,
          [scanId, at],
        );
        await c.query(`DELETE FROM ${this.s}.scale_collections WHERE scan_id = $1`, [scanId]);
        await c.query(`DELETE FROM ${this.s}.scale_accounts WHERE scan_id = $1`, [scanId]);
        return 'abandoned';
      }),
    );
  }

  finishScan(scanId: string): Promise<void> {
    return this.db.run('clearing the scan units', async () => {
      await this.db.tx(async (c) => {
        await c.query(`DELETE FROM ${this.s}.scale_collections WHERE scan_id = $1`, [scanId]);
        await c.query(`DELETE FROM ${this.s}.scale_accounts WHERE scan_id = $1`, [scanId]);
        await c.query(`UPDATE ${this.s}.scale_scans SET finished_at = $2 WHERE scan_id = $1`, [
          scanId,
          new Date().toISOString(),
        ]);
      });
    });
  }
}
