import { z } from 'zod';
import { describeIssues } from '../core/issues.js';
import { CLOUD_TYPES, ORIGIN_TYPES } from '../core/record.js';

/**
 * An activity-log event as every log source yields it: the usual three buckets.
 * raw = the event exactly as the log holds it, ext = cloud-specific facts and where the event
 * was read from, com = the cross-cloud fields detections and notifiers rely on.
 *
 * A source that works out a fact rules should match (a field the log does not have) puts it in
 * `ext.derived`, never in `raw`: rules see it under its name beside `raw` (`ruleView`, in rule-view.ts).
 */

export const EVENT_OUTCOMES = ['success', 'failure', 'unknown'] as const;
export type EventOutcome = (typeof EVENT_OUTCOMES)[number];

/** Where an event (or a problem) was found: a line for line-based input, an index in a records array. */
export const sourcePositionSchema = z.object({
  file: z.string(),
  line: z.number().int().positive().optional(),
  index: z.number().int().nonnegative().optional(),
  offset: z.number().int().nonnegative().optional(),
});
export type SourcePosition = z.infer<typeof sourcePositionSchema>;

export const eventComSchema = z.looseObject({
  cloud_type: z.enum(CLOUD_TYPES),
  record_type: z.literal('event'),
  account: z.string(),
  region: z.string(),
  /** ISO 8601 in UTC, e.g. 2024-05-01T12:00:00.000Z */
  time: z.iso.datetime({ offset: true }),
  /** who acted: an ARN, a UPN or an e-mail; null when the log has no actor (VPC flow) */
  actor: z.string().nullable(),
  /** the caller's IP address; null when the log gives none or a service name instead */
  source_ip: z.string().nullable(),
  action: z.string(),
  outcome: z.enum(EVENT_OUTCOMES),
  /** the event's own id (eventID, eventDataId, insertId), or a stable synthetic one */
  reference: z.string().min(1),
  service: z.string(),
  origin_key: z.string(),
  origin_type: z.enum(ORIGIN_TYPES),
  origin_class: z.string().optional(),
});
export type EventCom = z.infer<typeof eventComSchema>;

export const eventExtSchema = z.looseObject({
  /** the cloud-specific event type, e.g. aws.cloudtrail.event */
  record_type: z.string().min(1),
  source: sourcePositionSchema,
  /**
   * facts the source derived for rules to match, by field name (e.g. VPC flow's `same_vpc_ipv6`): rules
   * see each under its name where `raw` has no field of that name; plain names, no dots
   */
  derived: z.record(z.string(), z.unknown()).optional(),
});
export type EventExt = z.infer<typeof eventExtSchema>;

export const eventRecordSchema = z.object({
  raw: z.record(z.string(), z.unknown()),
  ext: eventExtSchema,
  com: eventComSchema,
});

export interface EventRecord {
  raw: Record<string, unknown>;
  ext: EventExt;
  com: EventCom;
}

/** Validation naming the event and the failing paths (for tests and for sources written by others). */
export function validateEvent(rec: unknown, where: string): EventRecord {
  const r = eventRecordSchema.safeParse(rec);
  if (!r.success) {
    const issues = describeIssues(r.error.issues, rec, { max: Number.POSITIVE_INFINITY });
    throw new Error(`${where}: invalid event record: ${issues}`);
  }
  return r.data as EventRecord;
}
