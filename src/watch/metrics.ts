import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The service's Prometheus metrics, in a registry of its own (one per service). */
export class WatchMetrics {
  readonly registry = new Registry();
  readonly scans = new Counter({
    name: 'cloudward_scans_total',
    help: 'Scheduled scans by audit and outcome (complete, failed, aborted)',
    labelNames: ['audit', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly scanSeconds = new Histogram({
    name: 'cloudward_scan_duration_seconds',
    help: 'Duration of scheduled scans',
    labelNames: ['audit'] as const,
    buckets: [1, 5, 15, 60, 300, 900, 3600],
    registers: [this.registry],
  });
  readonly findings = new Gauge({
    name: 'cloudward_findings',
    help: 'Findings by audit and lifecycle state, as of the last scan or recheck',
    labelNames: ['audit', 'state'] as const,
    registers: [this.registry],
  });
  readonly events = new Counter({
    name: 'cloudward_events_read_total',
    help: 'Activity-log events read, per log source',
    labelNames: ['source'] as const,
    registers: [this.registry],
  });
  readonly sourceProblems = new Counter({
    name: 'cloudward_source_problems_total',
    help: 'Records a log source could not read, per source',
    labelNames: ['source'] as const,
    registers: [this.registry],
  });
  readonly sourceLag = new Gauge({
    name: 'cloudward_source_lag_seconds',
    help: 'Age of the newest event read from a source when it was read',
    labelNames: ['source'] as const,
    registers: [this.registry],
  });
  readonly detections = new Counter({
    name: 'cloudward_detections_total',
    help: 'Detections raised, per source and severity',
    labelNames: ['source', 'severity'] as const,
    registers: [this.registry],
  });
  readonly rechecks = new Counter({
    name: 'cloudward_rechecks_total',
    help: 'Event-driven rechecks by audit and outcome (done, gone, error, no_resource)',
    labelNames: ['audit', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly recheckSeconds = new Histogram({
    name: 'cloudward_recheck_latency_seconds',
    help: 'From reading a triggering event to the recheck being committed',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });
  readonly alertsEnqueued = new Counter({
    name: 'cloudward_alerts_enqueued_total',
    help: 'Alert items recorded in the outbox, per notifier',
    labelNames: ['notifier'] as const,
    registers: [this.registry],
  });
  readonly alertsDelivered = new Counter({
    name: 'cloudward_alerts_delivered_total',
    help: 'Alerts delivered, per notifier',
    labelNames: ['notifier'] as const,
    registers: [this.registry],
  });
  readonly notifierFailures = new Counter({
    name: 'cloudward_notifier_failures_total',
    help: 'Failed delivery attempts, per notifier (retried and given up)',
    labelNames: ['notifier'] as const,
    registers: [this.registry],
  });
  readonly outboxPending = new Gauge({
    name: 'cloudward_outbox_pending',
    help: 'Alerts waiting in the outbox',
    registers: [this.registry],
  });

  readonly leader = new Gauge({
    name: 'cloudward_watch_leader',
    help: 'Replicas: 1 while this replica holds the leader lease (it runs the schedules), else 0',
    registers: [this.registry],
  });
  readonly sourceHeld = new Gauge({
    name: 'cloudward_watch_source_held',
    help: 'Replicas: 1 for each log source this replica reads (holds its lease), else 0',
    labelNames: ['source'] as const,
    registers: [this.registry],
  });

  text(): Promise<string> {
    return this.registry.metrics();
  }
}
