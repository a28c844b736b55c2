/** A day of ordinary activity in one AWS account, as CloudTrail events in time order (see benign-day.mjs). */
export function benignDay(options?: {
  events?: number;
  seed?: number;
  start?: string;
}): Record<string, unknown>[];
