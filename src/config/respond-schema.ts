import { z } from 'zod';
import { parseDuration } from '../core/duration.js';
import { SEVERITIES } from '../core/severity.js';

/*
 * The `respond:` block: remediation is off unless it is there. It names which findings and
 * detections lead to which action, in which mode, and the guard rails every action passes:
 * the accounts and resources it may touch (an allow-list is required) and a rate limit.
 */

const accountId = z.string().regex(/^(\d{12}|[a-z0-9-]+)$/, 'an account, subscription or project id');
const duration = z.string().refine((s) => parseDuration(s) !== undefined, 'a duration such as 30m, 1h or 1d');

const matchSchema = z
  .object({
    /** check ids (globs) */
    checks: z.array(z.string().min(1)).optional(),
    /** detection rule ids (globs) */
    rules: z.array(z.string().min(1)).optional(),
    /** at least this severity */
    severity: z.enum(SEVERITIES).optional(),
    accounts: z.array(accountId).optional(),
    /** every tag given must be on the resource with this value ("*" = any value) */
    tags: z.record(z.string(), z.string()).optional(),
  })
  .strict()
  .refine((m) => (m.checks?.length ?? 0) + (m.rules?.length ?? 0) > 0, 'name at least one check or rule');

export const respondRuleSchema = z
  .object({
    when: matchSchema,
    /** an action id (cloudward remediate actions) */
    action: z.string().min(1),
    /** alert: say what would be done; approve: wait for `remediate approve`; apply: act */
    mode: z.enum(['alert', 'approve', 'apply']),
    /** notifiers told of the action (proposed, applied, failed) */
    notify: z.array(z.string()).default([]),
  })
  .strict();

const listSchema = z
  .object({
    accounts: z.array(accountId).default([]),
    /** resource references (ARNs, ids), globs */
    resources: z.array(z.string().min(1)).default([]),
  })
  .strict();

export const respondSchema = z
  .object({
    /** the provider whose credentials act in its own cloud (other clouds, and by default: each cloud's first provider) */
    provider: z.string().optional(),
    /** only these accounts (required) and, when given, only these resources */
    allow: z
      .object({
        accounts: z.array(accountId).min(1, 'list the accounts remediation may act in'),
        resources: z.array(z.string().min(1)).default([]),
      })
      .strict(),
    deny: listSchema.default({ accounts: [], resources: [] }),
    /** at most `max` actions run or proposed per `per` (default 10 per hour) */
    rate_limit: z
      .object({ max: z.number().int().min(1).max(10_000), per: duration })
      .strict()
      .default({ max: 10, per: '1h' }),
    rules: z.array(respondRuleSchema).default([]),
  })
  .strict();

export type RespondConfig = z.infer<typeof respondSchema>;
export type RespondRule = z.infer<typeof respondRuleSchema>;
