/** A month of CloudTrail with known answers for the sample queries (see cloudtrail-month.mjs). */
export const ACCOUNT: string;
export const ARN: { alice: string; bob: string; carol: string; root: string };
export function plantedEvents(): Record<string, unknown>[];
export function writeCloudTrailMonth(
  dir: string,
  options?: { events?: number; perFile?: number },
): Promise<{
  dir: string;
  files: number;
  events: number;
  gzipBytes: number;
  jsonBytes: number;
  truth: { errorCodes: Record<string, number>; deniedByActor: Record<string, number> };
}>;
