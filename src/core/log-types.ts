/** The log types a source can read (kept apart from the readers so the config loads without them). */
export const SOURCE_TYPES = ['cloudtrail', 'vpcflow', 'azure_activity', 'gcp_audit', 'entra_id'] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];
