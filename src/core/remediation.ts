import type { CloudType } from './record.js';

/*
 * Remediation records: what an action is asked to do, what it did and how to undo it. The
 * action declarations live with their cloud (src/providers/<cloud>/actions/); the engine that
 * runs them in src/respond/; the store keeps these records (ActionStore, the port a store
 * implements).
 */

/** One API call of a plan, as the cloud names it, with its parameters. */
export interface ApiCall {
  /** `<service>:<Operation>`, e.g. `ec2:RevokeSecurityGroupIngress` */
  action: string;
  params: Record<string, unknown>;
  /** keep a field of the answer under a name: later calls (and the undo) refer to it as `{{name}}` */
  keep?: { as: string; field: string };
  /** what the call is for, shown in the dry run */
  why?: string;
}

/** What one action does to one target: the calls, their undo, and the state they start from. */
export interface ActionPlan {
  calls: ApiCall[];
  /** the calls that put the previous state back, in order (may refer to kept values) */
  undo: ApiCall[];
  /** the state read before acting (the record of what the undo restores) */
  before: unknown;
  /** set when nothing needs doing: the reason (the fix is already in place) */
  noop?: string;
}

/** The resource an action works on, taken from a finding. */
export interface ActionTarget {
  cloud: CloudType;
  account: string;
  region: string;
  /** the finding's resource reference (ARN, resource id) */
  reference: string;
  name: string;
  /** what the action needs to know about the resource, parsed from the finding */
  details: Record<string, string>;
}

/** A call as it was made: the request as sent (kept values bound), and the answer or the error. */
export interface CallRecord {
  action: string;
  params: Record<string, unknown>;
  at: string;
  response?: unknown;
  error?: string;
}

/**
 * An action's life. `awaiting_approval` (mode approve) -> `planned` -> `running` -> `applied` or
 * `failed`; a process that died while `running` leaves it so, and the next start re-reads the
 * resource and records `interrupted` with what it found (never runs it again). Undo:
 * `applied` -> `undoing` -> `undone` or `undo_failed`. `alerted`: mode alert, told and not run;
 * `rejected`: refused (allow-list, rate limit) or not approved.
 */
export const ACTION_STATES = [
  'awaiting_approval',
  'planned',
  'running',
  'applied',
  'failed',
  'interrupted',
  'undoing',
  'undone',
  'undo_failed',
  'alerted',
  'rejected',
] as const;
export type ActionState = (typeof ACTION_STATES)[number];

export interface ActionTrigger {
  /** `cli` (remediate), `watch` (a respond: rule) */
  kind: 'cli' | 'watch';
  /** the user or the respond rule */
  by: string;
  finding_id?: string;
  check_id?: string;
  /** the detection rule, for a detection */
  rule?: string;
}

export interface ActionRecord {
  /** `act-...`, what `remediate undo|approve` take */
  id: string;
  /** the action's declaration id, e.g. `aws.ec2.revoke_world_ingress` */
  action: string;
  state: ActionState;
  mode: 'apply' | 'approve' | 'alert';
  trigger: ActionTrigger;
  target: ActionTarget;
  /** action id + reference: one live action per target */
  target_key: string;
  plan: ActionPlan | null;
  /** the calls made to apply, in order, each recorded as it returned */
  calls: CallRecord[];
  /** values kept from answers (created group ids, snapshot ids) */
  kept: Record<string, string>;
  /** the calls made to undo */
  undo_calls: CallRecord[];
  /** what went wrong, or what a restart found */
  note: string | null;
  /** `host:pid` of the process running it */
  owner: string | null;
  created_at: string;
  updated_at: string;
}

export interface ActionQuery {
  states?: readonly ActionState[];
  target_key?: string;
  limit?: number;
}

/** Where action records live (a store's side store). */
export interface ActionStore {
  readonly location: string;
  /** records a new action; false when the id exists */
  insert(record: ActionRecord): Promise<boolean>;
  get(id: string): Promise<ActionRecord | null>;
  /** newest first */
  list(q?: ActionQuery): Promise<ActionRecord[]>;
  /**
   * Changes an action only if it is in one of `from` (compare and set, so two processes never
   * both start or both undo one action); the changed record, or null when it was not in `from`.
   */
  update(
    id: string,
    from: readonly ActionState[],
    patch: Partial<Omit<ActionRecord, 'id'>>,
  ): Promise<ActionRecord | null>;
  /** actions created at or after `sinceMs` in these states (the rate limit) */
  countSince(sinceMs: number, states: readonly ActionState[]): Promise<number>;
  close(): Promise<void>;
}
