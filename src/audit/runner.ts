import type { Config } from '../config/schema.js';
import { runPartialScan, runScan, type ScanReport } from '../core/engine.js';
import type { Logger } from '../core/logger.js';
import type { PartialScope } from '../core/partial-scope.js';
import type { Provider } from '../core/provider.js';
import type { FindingRecord } from '../core/record.js';
import { isFirstFullScan } from '../notify/baseline.js';
import { configMutePredicate } from '../notify/mutes.js';
import { NORMALISERS_REGISTRY } from '../providers/normalisers.js';
import type { Store } from '../store/store.js';
import type { ResolvedAudit } from './resolve.js';

/*
 * The one way an audit runs, for `scan`, `watch` and event-driven re-checks:
 *
 *   resolve (resolve.ts) -> run the engine -> record the alerts in the outbox -> commit -> deliver
 *
 * The alerts are recorded before the scan commits. A process killed after the commit finds
 * them in the outbox on its next run (or `watch` does) and sends them; one killed before it
 * scans again, finds the same findings new and records them again, and the outbox drops the
 * repeats by their keys (the notifier's dedup window), so nothing is sent twice. A scan that
 * is resumed instead (distributed, same scan id) records nothing again: the outbox keeps
 * which scans' alerts it holds, whatever the dedup window.
 */

/** Where an audit run's alerts go. */
export interface AuditAlerts {
  /**
   * records the alerts for these findings of scan `scanId` in the outbox, once per scan;
   * a failure aborts the scan
   */
  record(findings: FindingRecord[], baseline: boolean, scanId: string): Promise<void>;
  /** sends what the outbox holds that is due, once the scan is committed; never throws */
  deliver(): Promise<void>;
}

export interface AuditRunOptions {
  audit: ResolvedAudit;
  store: Store;
  logger: Logger;
  /** mutes of the config, applied as the run starts */
  mutes: Config['mutes'];
  /** undefined: the run sends no alerts */
  alerts?: AuditAlerts | undefined;
  now?: () => Date;
}

/** A test seam: with CLOUDWARD_TEST_HOLD_AFTER=<step> the process stops there until killed. */
async function holdForTest(step: 'recorded' | 'committed'): Promise<void> {
  if (process.env.CLOUDWARD_TEST_HOLD_AFTER !== step) return;
  process.stderr.write(`cloudward: test hold after ${step}\n`);
  await new Promise(() => {
    setInterval(() => undefined, 60_000);
  });
}

function recordBeforeCommit(o: AuditRunOptions, baseline: boolean) {
  const { alerts } = o;
  if (!alerts) return {};
  return {
    beforeCommit: async (findings: FindingRecord[], scanId: string) => {
      await alerts.record(findings, baseline, scanId);
      await holdForTest('recorded');
    },
  };
}

function configMuteOf(o: AuditRunOptions) {
  const configMute = configMutePredicate(o.mutes, (o.now ?? (() => new Date()))());
  return configMute ? { configMute } : {};
}

async function afterCommit(o: AuditRunOptions): Promise<void> {
  await holdForTest('committed');
  await o.alerts?.deliver();
}

/** A full scan of the audit: every provider collected, every check run, alerts recorded, committed, delivered. */
export async function scanAudit(
  o: AuditRunOptions & {
    providers: Provider[];
    label?: string | null;
    onProgress?: (done: number, total: number, what: string) => void;
  },
): Promise<ScanReport> {
  // the audit's first full scan alerts as one baseline per notifier, not per finding
  const baseline = o.alerts ? await isFirstFullScan(o.store, o.audit.key) : false;
  const report = await runScan({
    normalisers: NORMALISERS_REGISTRY,
    auditKey: o.audit.key,
    label: o.label ?? null,
    providers: o.providers,
    checks: o.audit.checks,
    params: o.audit.params,
    compliance: o.audit.compliance,
    store: o.store,
    logger: o.logger,
    ...(o.now ? { now: o.now } : {}),
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
    ...configMuteOf(o),
    ...recordBeforeCommit(o, baseline),
  });
  await afterCommit(o);
  return report;
}

/** A re-check of the audit (the engine's partial mode): one resource, or account-scope checks in one account. */
export async function recheckAudit(
  o: AuditRunOptions & { scope: PartialScope; checks: ResolvedAudit['checks'] },
): Promise<ScanReport> {
  const report = await runPartialScan({
    normalisers: NORMALISERS_REGISTRY,
    auditKey: o.audit.key,
    checks: o.checks,
    params: o.audit.params,
    compliance: o.audit.compliance,
    store: o.store,
    scope: o.scope,
    ...(o.now ? { now: o.now } : {}),
    ...configMuteOf(o),
    ...recordBeforeCommit(o, false),
  });
  await afterCommit(o);
  return report;
}
