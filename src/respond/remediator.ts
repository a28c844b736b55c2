import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from '../core/logger.js';
import type { FindingRecord } from '../core/record.js';
import type {
  ActionPlan,
  ActionRecord,
  ActionState,
  ActionStore,
  ActionTarget,
  ActionTrigger,
  ApiCall,
  CallRecord,
} from '../core/remediation.js';
import { type ActionDefinition, bindParams } from '../providers/kit/action.js';
import type { ActionGuard } from './guard.js';
import { actionById } from './registry.js';

/** The clients of one target's account: reads always, writes only when remediation is enabled. */
export interface ActionSession {
  read: unknown;
  readonly canWrite: boolean;
  write(action: string, region: string, params: Record<string, unknown>): Promise<Record<string, unknown>>;
  close(): void;
}

export type OpenSession = (target: ActionTarget) => Promise<ActionSession>;

export interface RemediatorDeps {
  store: ActionStore;
  open: OpenSession;
  guard: ActionGuard;
  logger?: Logger;
  now?: () => Date;
  /** `host:pid` of this process (recorded on the actions it runs) */
  owner?: string;
  /** whether the process that recorded `owner` is still running */
  ownerAlive?: (owner: string) => boolean;
}

export type Prepared =
  | { kind: 'refused'; reason: string; target?: ActionTarget }
  | { kind: 'noop'; reason: string; target: ActionTarget; plan: ActionPlan }
  | { kind: 'planned'; target: ActionTarget; plan: ActionPlan; id: string };

/** States in which an action holds its target: a new action on it is not proposed. */
export const LIVE_STATES: readonly ActionState[] = ['awaiting_approval', 'planned', 'running', 'applied'];

export class RemediationError extends Error {
  constructor(
    message: string,
    readonly record?: ActionRecord,
  ) {
    super(message);
    this.name = 'RemediationError';
  }
}

export function newActionId(now: Date): string {
  const t = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `act-${t}-${randomBytes(4).toString('hex')}`;
}

export const processOwner = (): string => `${hostname()}:${process.pid}`;

/** Alive unless it is a process of this host that no longer exists. Another host's is judged by age. */
export function localOwnerAlive(owner: string): boolean {
  const [host, pid] = owner.split(':');
  if (host !== hostname() || !pid) return true;
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A test seam: with CLOUDWARD_TEST_HOLD_AFTER=action-call the process stops after a write answered, before recording it. */
async function holdForTest(): Promise<void> {
  if (process.env.CLOUDWARD_TEST_HOLD_AFTER !== 'action-call') return;
  process.stderr.write('cloudward: test hold after action-call\n');
  await new Promise(() => {
    setInterval(() => undefined, 60_000);
  });
}

const STALE_MS = 15 * 60_000;

/**
 * Runs actions with their record: every action is in the store before any call (planned or
 * awaiting approval), moves to running by compare-and-set (so it runs once), records each call
 * as it answers, and ends applied or failed. Undo runs the recorded undo calls. A restart finds
 * actions left running by a dead process and records what the resource shows now, never
 * running them again.
 */
export class Remediator {
  private readonly now: () => Date;
  private readonly owner: string;

  constructor(private readonly d: RemediatorDeps) {
    this.now = d.now ?? (() => new Date());
    this.owner = d.owner ?? processOwner();
  }

  private definition(id: string): ActionDefinition<unknown> {
    const a = actionById(id);
    if (!a) throw new RemediationError(`unknown action ${id}`);
    return a;
  }

  /** The dry run: the target, the guard's verdict and the exact calls, with reads only. */
  async prepare(finding: FindingRecord, action: ActionDefinition<unknown>): Promise<Prepared> {
    const t = action.target(finding);
    if ('refused' in t) return { kind: 'refused', reason: `${action.id}: ${t.refused}` };
    const refusal = this.d.guard.refusal(t);
    if (refusal) return { kind: 'refused', reason: refusal, target: t };
    const id = newActionId(this.now());
    const session = await this.d.open(t);
    try {
      const plan = await action.plan(t, session.read, { actionId: id });
      if (plan.noop) return { kind: 'noop', reason: plan.noop, target: t, plan };
      return { kind: 'planned', target: t, plan, id };
    } finally {
      session.close();
    }
  }

  /** Records a prepared action, before anything runs; null when the target already has a live action. */
  async record(
    p: Extract<Prepared, { kind: 'planned' }>,
    action: ActionDefinition<unknown>,
    trigger: ActionTrigger,
    mode: ActionRecord['mode'],
  ): Promise<ActionRecord> {
    const at = this.now().toISOString();
    const state: ActionState =
      mode === 'apply' ? 'planned' : mode === 'approve' ? 'awaiting_approval' : 'alerted';
    const rec: ActionRecord = {
      id: p.id,
      action: action.id,
      state,
      mode,
      trigger,
      target: p.target,
      target_key: targetKey(action.id, p.target),
      plan: p.plan,
      calls: [],
      kept: {},
      undo_calls: [],
      note: null,
      owner: null,
      created_at: at,
      updated_at: at,
    };
    if (!(await this.d.store.insert(rec))) throw new RemediationError(`action ${rec.id} is already recorded`);
    return rec;
  }

  /** `remediate approve`: an action awaiting approval is applied. */
  async approve(id: string, by: string): Promise<ActionRecord> {
    const rec = await this.d.store.update(id, ['awaiting_approval'], {
      state: 'planned',
      note: `approved by ${by}`,
    });
    if (!rec) throw new RemediationError(await this.notIn(id, 'awaiting approval'));
    return this.apply(id);
  }

  private async notIn(id: string, what: string): Promise<string> {
    const rec = await this.d.store.get(id);
    return rec ? `action ${id} is ${rec.state.replace(/_/g, ' ')}, not ${what}` : `no action ${id}`;
  }

  /** Runs a planned action once: re-plans against the resource as it is now, then each call, each recorded. */
  async apply(id: string): Promise<ActionRecord> {
    const first = await this.d.store.get(id);
    if (!first) throw new RemediationError(`no action ${id}`);
    const action = this.definition(first.action);
    const refusal = this.d.guard.refusal(first.target);
    if (refusal) {
      const r = await this.d.store.update(id, ['planned'], { state: 'rejected', note: refusal });
      throw new RemediationError(`refused: ${refusal}`, r ?? first);
    }
    let rec = await this.d.store.update(id, ['planned'], { state: 'running', owner: this.owner });
    if (!rec) throw new RemediationError(await this.notIn(id, 'planned'));
    let session: ActionSession | undefined;
    try {
      session = await this.d.open(rec.target);
      if (!session.canWrite) throw new RemediationError('remediation is not enabled: no write clients');
      // the resource as it is now: the undo restores what was there at this moment
      const plan = await action.plan(rec.target, session.read, { actionId: id });
      if (plan.noop) {
        return (
          (await this.d.store.update(id, ['running'], {
            state: 'rejected',
            plan,
            note: `nothing to do: ${plan.noop}`,
          })) ?? rec
        );
      }
      rec = (await this.d.store.update(id, ['running'], { plan })) ?? rec;
      const kept: Record<string, string> = {};
      const calls: CallRecord[] = [];
      for (const call of plan.calls) {
        const made = await this.call(session, rec.target.region, call, kept);
        calls.push(made);
        if (made.error === undefined) await holdForTest();
        rec = (await this.d.store.update(id, ['running'], { calls: [...calls], kept: { ...kept } })) ?? rec;
        if (made.error !== undefined) {
          return (
            (await this.d.store.update(id, ['running'], {
              state: 'failed',
              note: `${call.action}: ${made.error}`,
            })) ?? rec
          );
        }
      }
      const done = await this.d.store.update(id, ['running'], { state: 'applied' });
      this.d.logger?.info(`action ${id} (${action.id}) applied to ${rec.target.reference}`);
      return done ?? rec;
    } catch (e) {
      const note = e instanceof Error ? e.message : String(e);
      const failed = await this.d.store.update(id, ['running'], { state: 'failed', note });
      throw new RemediationError(`action ${id} failed: ${note}`, failed ?? rec);
    } finally {
      session?.close();
    }
  }

  private async call(
    session: ActionSession,
    region: string,
    call: ApiCall,
    kept: Record<string, string>,
  ): Promise<CallRecord> {
    const missing = new Set<string>();
    const params = bindParams(call.params, kept, missing) as Record<string, unknown>;
    const at = this.now().toISOString();
    if (missing.size > 0)
      return { action: call.action, params, at, error: `no value for ${[...missing].join(', ')}` };
    try {
      const response = await session.write(call.action, region, params);
      if (call.keep) {
        const v = response[call.keep.field];
        if (typeof v === 'string') kept[call.keep.as] = v;
      }
      return { action: call.action, params, at, response };
    } catch (e) {
      return { action: call.action, params, at, error: describe(e) };
    }
  }

  /** `remediate undo`: the recorded undo calls, for an action that made calls. */
  async undo(id: string): Promise<ActionRecord> {
    const first = await this.d.store.get(id);
    if (!first) throw new RemediationError(`no action ${id}`);
    // an interrupted action may have changed the resource though no answer was recorded
    if (!first.plan || (first.state !== 'interrupted' && first.calls.every((c) => c.error !== undefined)))
      throw new RemediationError(`action ${id} is ${first.state} and changed nothing: nothing to undo`);
    const refusal = this.d.guard.refusal(first.target);
    if (refusal) throw new RemediationError(`refused: ${refusal}`, first);
    let rec = await this.d.store.update(id, ['applied', 'failed', 'interrupted'], {
      state: 'undoing',
      owner: this.owner,
    });
    if (!rec) throw new RemediationError(await this.notIn(id, 'applied, failed or interrupted'));
    const session = await this.d.open(rec.target).catch(async (e: unknown) => {
      await this.d.store.update(id, ['undoing'], { state: 'undo_failed', note: describe(e) });
      throw e;
    });
    try {
      if (!session.canWrite) throw new RemediationError('remediation is not enabled: no write clients');
      const kept = { ...rec.kept };
      const calls: CallRecord[] = [];
      for (const call of rec.plan?.undo ?? []) {
        const missing = new Set<string>();
        bindParams(call.params, kept, missing);
        // a value never kept means its apply step never ran: nothing of it to undo
        if (missing.size > 0) continue;
        const made = await this.call(session, rec.target.region, call, kept);
        calls.push(made);
        rec = (await this.d.store.update(id, ['undoing'], { undo_calls: [...calls] })) ?? rec;
        if (made.error !== undefined)
          return (
            (await this.d.store.update(id, ['undoing'], {
              state: 'undo_failed',
              note: `${call.action}: ${made.error}`,
            })) ?? rec
          );
      }
      this.d.logger?.info(`action ${id} undone on ${rec.target.reference}`);
      return (await this.d.store.update(id, ['undoing'], { state: 'undone' })) ?? rec;
    } catch (e) {
      const note = describe(e);
      await this.d.store.update(id, ['undoing'], { state: 'undo_failed', note });
      throw new RemediationError(`undo of ${id} failed: ${note}`, rec);
    } finally {
      session.close();
    }
  }

  /**
   * Actions a stopped process left running or undoing: each is re-read and recorded as
   * `interrupted` (apply) or `undo_failed` (undo) with what the resource shows now.
   */
  async recover(): Promise<ActionRecord[]> {
    const alive = this.d.ownerAlive ?? localOwnerAlive;
    const out: ActionRecord[] = [];
    for (const rec of await this.d.store.list({ states: ['running', 'undoing'] })) {
      const stale = this.now().getTime() - Date.parse(rec.updated_at) > STALE_MS;
      if (rec.owner === this.owner || (rec.owner && alive(rec.owner) && !stale)) continue;
      const action = actionById(rec.action);
      let seen: string;
      try {
        if (!action || !rec.plan) throw new Error('no plan recorded');
        const session = await this.d.open(rec.target);
        try {
          const inEffect = await action.verify(rec.target, session.read, rec.plan);
          seen = inEffect ? 'the fix is in effect' : 'the fix is not in effect';
        } finally {
          session.close();
        }
      } catch (e) {
        seen = `the resource could not be re-read (${describe(e)})`;
      }
      const calls = rec.state === 'running' ? rec.calls : rec.undo_calls;
      const total = rec.state === 'running' ? (rec.plan?.calls.length ?? 0) : (rec.plan?.undo.length ?? 0);
      const note = `the process running it (${rec.owner ?? 'unknown'}) stopped with ${calls.length} of ${total} call(s) recorded; re-read: ${seen}. It was not run again`;
      const next: ActionState = rec.state === 'running' ? 'interrupted' : 'undo_failed';
      const r = await this.d.store.update(rec.id, [rec.state], { state: next, note });
      if (r) {
        this.d.logger?.warn(`action ${rec.id} (${rec.action}) was interrupted: ${note}`);
        out.push(r);
      }
    }
    return out;
  }
}

export function targetKey(action: string, t: ActionTarget): string {
  return `${action}|${t.account}|${t.reference}`;
}

export function describe(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as { Code?: string; name?: string }).Code ?? e.name;
    return code && code !== 'Error' && !e.message.startsWith(code) ? `${code}: ${e.message}` : e.message;
  }
  return String(e);
}
