export const SUBSCRIPTION: string;
export const PROJECT: string;
export const TENANT: string;
export function azureActivityRecord(i: number, start?: number): Record<string, unknown>;
export function gcpAuditEntry(i: number, start?: number): Record<string, unknown>;
export function entraSignIn(i: number, start?: number): Record<string, unknown>;
export function azureActivityFile(records: readonly Record<string, unknown>[]): string;
export function gcpAuditLines(entries: readonly Record<string, unknown>[]): string;
export function entraSignInsAnswer(value: readonly Record<string, unknown>[]): string;
