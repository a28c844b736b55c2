import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * A scale-out worker's Prometheus metrics, in a registry of its own: the units and account
 * evaluations it ran and how they ended, the shared request budget it drew on, and the process's
 * own figures (resident memory, CPU, event-loop lag: prom-client's defaults), so each worker's
 * memory and throughput can be watched on its own.
 */
export class WorkerMetrics {
  readonly registry = new Registry();
  readonly units = new Counter({
    name: 'cloudward_worker_units_total',
    help: 'Scan units run, by outcome: done (written), failed (written with its error after the last attempt), retried, requeued (request budget exhausted), repeat (written already), abandoned (its scan was given up: not run, or its result dropped)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly unitSeconds = new Histogram({
    name: 'cloudward_worker_unit_duration_seconds',
    help: 'Time to collect and write a unit',
    buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 15, 60, 300],
    registers: [this.registry],
  });
  readonly running = new Gauge({
    name: 'cloudward_worker_units_running',
    help: 'Units this worker runs now',
    registers: [this.registry],
  });
  readonly evaluations = new Counter({
    name: 'cloudward_worker_account_evaluations_total',
    help: 'Account evaluations, by outcome (done, failed, abandoned: its scan was given up)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly budgetTokens = new Counter({
    name: 'cloudward_worker_budget_tokens_total',
    help: 'Request tokens taken from the shared budget in Redis',
    registers: [this.registry],
  });
  readonly budgetWaitSeconds = new Counter({
    name: 'cloudward_worker_budget_wait_seconds_total',
    help: 'Time requests waited for a token of the shared budget',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
