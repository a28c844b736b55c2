import { z } from 'zod';
import { parseDuration } from '../core/duration.js';
import { CLOUD_TYPES } from '../core/record.js';
import { SEVERITIES } from '../core/severity.js';

/*
 * The options of each notifier, validated when the config is loaded. Kept apart from the
 * notifier modules so loading a config does not load the SMTP or AWS clients.
 * Secrets (webhook URLs, HMAC secrets, SMTP passwords) belong in ${ENV} references, which the
 * loader interpolates before these schemas run; the logger redacts them by key name.
 */

const durationSchema = z.string().refine((s) => {
  const ms = parseDuration(s, ['s', 'm', 'h', 'd']);
  return ms !== undefined && ms >= 60_000 && ms <= 7 * 86_400_000;
}, 'a duration between 1m and 7d, such as 15m, 1h or 1d');

const httpUrl = z
  .string()
  .min(1)
  .refine((s) => {
    try {
      const u = new URL(s);
      return u.protocol === 'https:' || u.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'an http(s) URL');

/** One routing filter: every field given must match (a list matches when any entry does). */
export const routeFilterSchema = z
  .object({
    /** audit keys or log source keys (globs) */
    audits: z.array(z.string().min(1)).min(1).optional(),
    clouds: z.array(z.enum(CLOUD_TYPES)).min(1).optional(),
    /** account / subscription / project ids (globs) */
    accounts: z.array(z.string().min(1)).min(1).optional(),
    regions: z.array(z.string().min(1)).min(1).optional(),
    /** check ids (globs), for findings of checks */
    checks: z.array(z.string().min(1)).min(1).optional(),
    /** detection rule ids (globs), for detections */
    rules: z.array(z.string().min(1)).min(1).optional(),
    severities: z.array(z.enum(SEVERITIES)).min(1).optional(),
  })
  .strict()
  .refine((f) => Object.values(f).some((v) => v !== undefined), 'a filter needs at least one field');

export type RouteFilter = z.infer<typeof routeFilterSchema>;

const filters = z.union([routeFilterSchema, z.array(routeFilterSchema).min(1)]);

/** Options every notifier has: routing, dedup, digest, delivery. */
const common = {
  min_severity: z.enum(SEVERITIES).optional(),
  /** send only what matches one of these filters */
  include: filters.optional(),
  /** never send what matches one of these filters */
  exclude: filters.optional(),
  /** also send a notice when a finding is resolved */
  resolved: z.boolean().default(false),
  /** the same finding is sent to this notifier at most once in this many minutes (0: no dedup) */
  dedup_minutes: z
    .number()
    .int()
    .min(0)
    .max(60 * 24 * 30)
    .default(60),
  /** true: one message per run; { every: 1h }: one message per period */
  digest: z.union([z.boolean(), z.object({ every: durationSchema }).strict()]).default(false),
  /** attempts before an alert is marked failed */
  max_attempts: z.number().int().min(1).max(50).default(8),
  timeout_seconds: z.number().positive().max(300).default(10),
};

// looseObject: unknown keys are kept (and ignored), as configs written for older releases have them.
export const slackOptionsSchema = z.looseObject({
  type: z.literal('slack'),
  /** the incoming webhook URL (a secret: use ${ENV}) */
  webhook: httpUrl,
  ...common,
});

export const teamsOptionsSchema = z.looseObject({
  type: z.literal('teams'),
  /** the URL of a Teams workflow's "When a Teams webhook request is received" trigger (a secret) */
  url: httpUrl,
  ...common,
});

export const webhookOptionsSchema = z.looseObject({
  type: z.literal('webhook'),
  url: httpUrl,
  /** HMAC-SHA256 key for X-Cloudward-Signature; without it messages are unsigned */
  secret: z.string().min(16, 'at least 16 characters').optional(),
  /** extra request headers (for example an Authorization header, via ${ENV}) */
  headers: z.record(z.string().regex(/^[A-Za-z0-9-]+$/, 'a header name'), z.string()).optional(),
  ...common,
});

const address = z
  .string()
  .min(3)
  .regex(/^[^\r\n]+$/, 'one line');

export const emailOptionsSchema = z.looseObject({
  type: z.literal('email'),
  host: z.string().min(1),
  /** default 465 when secure, else 587 */
  port: z.number().int().min(1).max(65535).optional(),
  /** TLS from the start (port 465); otherwise STARTTLS when the server offers it */
  secure: z.boolean().default(false),
  /** refuse to send unless the connection is encrypted (default: when a password is set) */
  require_tls: z.boolean().optional(),
  user: z.string().min(1).optional(),
  password: z.string().min(1).optional(),
  from: address,
  to: z.union([address, z.array(address).min(1)]),
  subject_prefix: z
    .string()
    .regex(/^[^\r\n]*$/, 'one line')
    .default('[Cloudward]'),
  ...common,
});

const TOPIC_ARN = /^arn:aws[a-z-]*:sns:([a-z0-9-]+):\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$/;

export const snsOptionsSchema = z.looseObject({
  type: z.literal('sns'),
  topic_arn: z.string().regex(TOPIC_ARN, 'an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>)'),
  /** default: the topic's region */
  region: z.string().min(1).optional(),
  /** an AWS profile; default: the SDK's default credential chain */
  profile: z.string().min(1).optional(),
  ...common,
});

export const notifierOptionsSchema = z.discriminatedUnion('type', [
  slackOptionsSchema,
  teamsOptionsSchema,
  webhookOptionsSchema,
  emailOptionsSchema,
  snsOptionsSchema,
]);

export type SlackOptions = z.infer<typeof slackOptionsSchema>;
export type TeamsOptions = z.infer<typeof teamsOptionsSchema>;
export type WebhookOptions = z.infer<typeof webhookOptionsSchema>;
export type EmailOptions = z.infer<typeof emailOptionsSchema>;
export type SnsOptions = z.infer<typeof snsOptionsSchema>;
export type NotifierOptions = z.infer<typeof notifierOptionsSchema>;
/** What routing and enqueueing read from a notifier's options. */
export type RoutingOptions = Pick<
  NotifierOptions,
  'min_severity' | 'include' | 'exclude' | 'resolved' | 'dedup_minutes' | 'digest'
>;

export function topicRegion(arn: string): string | undefined {
  return TOPIC_ARN.exec(arn)?.[1];
}
