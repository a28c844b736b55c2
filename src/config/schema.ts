import { z } from 'zod';
import { SEVERITIES } from '../core/severity.js';

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

export const notifierSchema = z.looseObject({
  type: z.enum(['slack', 'teams', 'email', 'webhook', 'sns']),
  min_severity: z.enum(SEVERITIES).optional(),
});

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
    logs: z.record(name, z.looseObject({ type: z.string(), notify: z.array(name).optional() })).default({}),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;
export type AuditConfig = z.infer<typeof auditSchema>;
export type ProviderConfig = z.infer<typeof providerSchema>;
export type StoreConfig = z.infer<typeof storeSchema>;

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
