/**
 * The stateful detections: what one event cannot show, a principal's or a key's history can.
 * Each reads the compact facts of every CloudTrail event (statefulFacts) and keeps its state in
 * a DetectionStateStore, so a restart keeps the baselines; memory is bounded by StateCache.
 */
import type { FindingRecord } from '../../core/record.js';
import type { EventRecord } from '../event.js';
import type { RuleMeta } from '../sigma/types.js';
import { type StatefulFacts, statefulFacts } from './facts.js';
import { FIRST_USE_RULE, FirstSensitiveApi } from './first-use.js';
import { INSTANCE_CREDENTIALS_RULE, InstanceCredentialsOutside } from './instance-credentials.js';
import { AccessKeyTravel, KEY_TRAVEL_RULE } from './key-travel.js';
import { READ_BURST_RULE, ReadBurst } from './read-burst.js';
import type { DetectionStateStore } from './state.js';
import { WORKLOAD_CREDENTIALS_RULE, WorkloadCredentialsOutside } from './workload-credentials.js';

export { type StatefulFacts, statefulFacts } from './facts.js';
export { type DetectionStateStore, MemoryStateStore } from './state.js';

/** The rules the stateful detections raise (for listings and coverage). */
export const STATEFUL_RULES: readonly RuleMeta[] = [
  FIRST_USE_RULE,
  KEY_TRAVEL_RULE,
  INSTANCE_CREDENTIALS_RULE,
  WORKLOAD_CREDENTIALS_RULE,
  READ_BURST_RULE,
];

/** The rule of a detection this module raised. */
export function statefulRuleOf(record: FindingRecord): RuleMeta | undefined {
  return STATEFUL_RULES.find((r) => r.id === record.ext.check_id);
}

export class StatefulDetections {
  private readonly firstUse: FirstSensitiveApi;
  private readonly travel: AccessKeyTravel;
  private readonly instances: InstanceCredentialsOutside;
  private readonly workloads: WorkloadCredentialsOutside;
  private readonly reads: ReadBurst;
  private readonly onDetection: ((record: FindingRecord, rule: RuleMeta) => void) | undefined;

  constructor(
    readonly store: DetectionStateStore,
    deps: {
      locate?: ConstructorParameters<typeof AccessKeyTravel>[1];
      /** told of each detection raised (a run's totals) */
      onDetection?: (record: FindingRecord, rule: RuleMeta) => void;
    } = {},
  ) {
    this.onDetection = deps.onDetection;
    this.firstUse = new FirstSensitiveApi(store);
    this.travel = new AccessKeyTravel(store, deps.locate);
    this.instances = new InstanceCredentialsOutside(store);
    this.workloads = new WorkloadCredentialsOutside(store);
    this.reads = new ReadBurst(store);
  }

  /** The detections an event raises (null facts: not a CloudTrail event, nothing to learn). */
  async observe(facts: StatefulFacts | null): Promise<FindingRecord[]> {
    if (!facts || Number.isNaN(Date.parse(facts.time))) return [];
    const out: FindingRecord[] = [];
    for (const found of [
      await this.firstUse.observe(facts),
      await this.travel.observe(facts),
      await this.instances.observe(facts),
      await this.workloads.observe(facts),
      await this.reads.observe(facts),
    ]) {
      if (!found) continue;
      out.push(found);
      const rule = statefulRuleOf(found);
      if (rule) this.onDetection?.(found, rule);
    }
    return out;
  }

  observeEvent(event: EventRecord): Promise<FindingRecord[]> {
    return this.observe(statefulFacts(event));
  }

  /** Writes the state changed since the last flush. */
  async flush(): Promise<void> {
    await this.firstUse.flush();
    await this.travel.flush();
    await this.instances.flush();
    await this.workloads.flush();
    await this.reads.flush();
  }
}
