import { z } from 'zod';
import { SOURCE_TYPES } from '../core/log-types.js';
import { SEVERITIES } from '../core/severity.js';
import { notifierOptionsSchema } from './notifier-options.js';
import { respondSchema } from './respond-schema.js';

const name = z.string().regex(/^[A-Za-z0-9_.-]+$/, 'names use letters, digits, _ . -');

const demoProvider = z.object({ type: z.literal('demo'), snapshot: z.string().default('day1') }).strict();
const snapshotProvider = z.object({ type: z.literal('snapshot'), path: z.string().min(1) }).strict();
// Cloud providers validate their own options when they are created (each owns its schema).
const awsProvider = z.looseObject({ type: z.literal('aws') });
const azureProvider = z.looseObject({ type: z.literal('azure') });
const gcpProvider = z.looseObject({ type: z.literal('gcp') });

export const providerSchema = z.discriminatedUnion('type', [
  demoProvider,
  snapshotProvider,
  awsProvider,
  azureProvider,
  gcpProvider,
]);

export const storeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('sqlite'), path: z.string().optional() }).strict(),
  z.object({ type: z.literal('postgres'), url: z.string().min(1) }).strict(),
]);

/**
 * The job queue of scale-out (`cloudward worker`, `scan --distributed`): BullMQ on Redis.
 * `prefix` namespaces every key, so several installations can share one Redis.
 */
export const queueSchema = z
  .object({
    type: z.literal('redis'),
    url: z
      .string()
      .regex(/^rediss?:\/\/[^\s]+$/, 'expected a redis:// or rediss:// URL such as redis://host:6379/0'),
    prefix: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only')
      .default('cloudward'),
    /** units one worker process runs at once */
    concurrency: z.number().int().min(1).max(64).default(4),
    /** a unit whose worker has not renewed its lock for this long is taken over by another worker */
    stall_timeout_ms: z.number().int().min(1000).max(3_600_000).default(30_000),
    /** attempts per unit before its error is recorded in the scan */
    attempts: z.number().int().min(1).max(20).default(5),
  })
  .strict();

/** `cloudward watch` settings every replica reads alike. */
export const watchSchema = z
  .object({
    /**
     * scheduled scans are distributed scans: the leader splits them into units for the
     * `cloudward worker`s on the queue and commits them (needs queue: and PostgreSQL stores)
     */
    distributed: z.boolean().default(false),
  })
  .strict();

/** Each notifier type validates its own options (notifier-options.ts). */
export const notifierSchema = notifierOptionsSchema;

const MUTE_SELECTORS = ['check', 'rule', 'account', 'region', 'resource', 'tag'] as const;

/** A mute in the config: findings matching every selector given are shown as muted until it expires. */
export const muteSchema = z
  .object({
    /** check id (glob) */
    check: z.string().min(1).optional(),
    /** detection rule id (glob) */
    rule: z.string().min(1).optional(),
    account: z.string().min(1).optional(),
    region: z.string().min(1).optional(),
    /** glob on the resource's reference (ARN, id) or name */
    resource: z.string().min(1).optional(),
    /** "key=value" (the value may be a glob) */
    tag: z
      .string()
      .regex(/^[^=]+=/, 'a tag as key=value')
      .optional(),
    owner: z.string().min(1),
    reason: z.string().min(1),
    /** a date (the mute ends at 00:00 UTC that day), a timestamp, or never */
    expires: z.union([z.literal('never'), z.iso.date(), z.iso.datetime({ offset: true })]),
  })
  .strict()
  .refine((m) => MUTE_SELECTORS.some((k) => m[k] !== undefined), {
    message: `a mute needs at least one of ${MUTE_SELECTORS.join(', ')}`,
  });

const LOCATIONS = ['path', 's3', 'log_group', 'queue_url'] as const;

/**
 * A `logs:` entry, the one schema `detect --source` and `watch` read: where the log is (exactly
 * one of path, s3, log_group, queue_url), how to read it, extra rule directories, the notifiers
 * its detections go to.
 */
export const logSourceSchema = z
  .object({
    type: z.enum(SOURCE_TYPES),
    /** a file, a directory tree, or '-' for stdin */
    path: z.string().min(1).optional(),
    /** s3://bucket/prefix */
    s3: z.string().min(1).optional(),
    log_group: z.string().min(1).optional(),
    queue_url: z.string().min(1).optional(),
    /** VPC flow logs without a header line: the log format */
    format: z.string().min(1).optional(),
    checkpoint: z.string().min(1).optional(),
    region: z.string().min(1).optional(),
    /** Sigma rule directories besides the bundled pack */
    rules: z.array(z.string().min(1)).optional(),
    notify: z.array(name).optional(),
    /** watch: seconds between looks for new input (default 30) */
    poll_seconds: z.number().positive().max(3600).optional(),
  })
  .strict()
  .refine((e) => LOCATIONS.filter((k) => e[k] !== undefined).length === 1, {
    message: `give exactly one of ${LOCATIONS.join(', ')}`,
  });

/**
 * The local copy of activity-log events (docs/query.md, "The local copy"): `watch` keeps it for
 * every log source it reads, `detect --keep-copy` on request, `query --copy` reads it.
 */
export const eventsCopySchema = z
  .object({
    /** the copy's directory (Parquet files by day); created when missing */
    path: z.string().min(1),
    /** events written together (one new file per day the batch touches) */
    batch_events: z.number().int().min(100).max(1_000_000).default(20_000),
    /** watch: a batch is written at the latest this long after its first event */
    flush_seconds: z.number().positive().max(3600).default(60),
  })
  .strict();

export const auditSchema = z
  .object({
    description: z.string().optional(),
    providers: z.array(name).min(1),
    checks: z.array(z.string()).optional(),
    exclude_checks: z.array(z.string()).optional(),
    frameworks: z.array(z.string()).optional(),
    store: name.optional(),
    notify: z.array(name).default([]),
    schedule: z.string().optional(),
    fail_on: z.enum(SEVERITIES).optional(),
  })
  .strict();

export const configSchema = z
  .object({
    defaults: z
      .object({ audit: name.default('demo'), store: name.default('main') })
      .strict()
      .default({ audit: 'demo', store: 'main' }),
    log: z
      .object({
        level: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
        format: z.enum(['text', 'json']).default('text'),
      })
      .strict()
      .default({ level: 'info', format: 'text' }),
    providers: z.record(name, providerSchema).default({}),
    stores: z.record(name, storeSchema).default({}),
    queue: queueSchema.optional(),
    watch: watchSchema.optional(),
    notifiers: z.record(name, notifierSchema).default({}),
    audits: z.record(name, auditSchema).default({}),
    /** per-check settings: enabled, and parameter overrides validated by each check's schema */
    checks: z
      .record(
        z.string(),
        z
          .object({
            enabled: z.boolean().default(true),
            params: z.record(z.string(), z.unknown()).optional(),
          })
          .strict(),
      )
      .default({}),
    logs: z.record(name, logSourceSchema).default({}),
    events_copy: eventsCopySchema.optional(),
    mutes: z.array(muteSchema).default([]),
    /** remediation (docs/remediation.md): off unless present */
    respond: respondSchema.optional(),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;
export type AuditConfig = z.infer<typeof auditSchema>;
export type ProviderConfig = z.infer<typeof providerSchema>;
export type StoreConfig = z.infer<typeof storeSchema>;
export type QueueConfig = z.infer<typeof queueSchema>;
export type ConfigMute = z.infer<typeof muteSchema>;
export type LogSourceConfig = z.infer<typeof logSourceSchema>;
export type EventsCopyConfig = z.infer<typeof eventsCopySchema>;

/** Built-in defaults: the first layer, so Cloudward works with no config file at all. */
export const BUILTIN_DEFAULTS = {
  providers: { demo: { type: 'demo', snapshot: 'day1' } },
  stores: { main: { type: 'sqlite' } },
  audits: {
    demo: {
      description: 'The bundled demo estate (AWS, Azure and GCP), no cloud account needed',
      providers: ['demo'],
      store: 'main',
    },
  },
};
