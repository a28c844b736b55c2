import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { azureActivityFormat } from './azure-activity.js';
import { type Checkpoint, FileCheckpoint } from './checkpoint.js';
import { cloudTrailFormat } from './cloudtrail.js';
import { CloudWatchLogsSource } from './cloudwatch-source.js';
import { entraFormat } from './entra.js';
import { FileSource } from './file-source.js';
import type { WalkOptions } from './files.js';
import type { LogFormat } from './format.js';
import { gcpAuditFormat } from './gcp-audit.js';
import type { SplitterStats } from './json-splitter.js';
import { S3Source } from './s3-source.js';
import type { LogSource, SourceOptions } from './source.js';
import { SqsCloudTrailSource } from './sqs-source.js';
import { CLOUDWATCH_EXPORT_NAME, vpcFlowFormat } from './vpcflow.js';

export { azureActivityEvent, azureActivityFormat } from './azure-activity.js';
export { type Checkpoint, FileCheckpoint, MemoryCheckpoint } from './checkpoint.js';
export { cloudTrailEvent, cloudTrailFormat } from './cloudtrail.js';
export { CloudWatchLogsSource, type CloudWatchSourceOptions } from './cloudwatch-source.js';
export { ENTRA_RECORD_TYPE, entraEvent, entraFormat } from './entra.js';
export { FileSource, type FileSourceOptions } from './file-source.js';
export type { LogFormat, ReadContext } from './format.js';
export { gcpAuditEvent, gcpAuditFormat } from './gcp-audit.js';
export { JsonRecordSplitter, type SplitItem, type SplitterStats } from './json-splitter.js';
export { parseS3Url, S3Source, type S3SourceOptions } from './s3-source.js';
export type { LogSource, ReadOptions, SourceOptions, SourceProblem, SourceStats } from './source.js';
export { SqsCloudTrailSource, type SqsSourceOptions } from './sqs-source.js';
export { parseFlowFormat, VPC_FLOW_V2_FIELDS, vpcFlowFormat } from './vpcflow.js';

import { SOURCE_TYPES, type SourceType } from '../../core/log-types.js';

export { SOURCE_TYPES, type SourceType };

/** Where to read a log from: exactly one of path, s3, log_group, queue_url. */
export interface SourceSpec {
  type: SourceType;
  /** a file, a directory tree, or '-' for stdin */
  path?: string;
  /** s3://bucket/prefix */
  s3?: string;
  /** a CloudWatch Logs group name or ARN */
  log_group?: string;
  /** an SQS queue URL receiving EventBridge CloudTrail events (cloudtrail only) */
  queue_url?: string;
  /** VPC flow logs: the log format, for input without a header line */
  format?: string;
  /** a JSON file keeping what S3 and CloudWatch Logs sources have read */
  checkpoint?: string;
  /** AWS region for the S3 / CloudWatch Logs / SQS client (default: the SDK's own resolution) */
  region?: string;
}

export interface OpenSourceOptions extends SourceOptions {
  /** overrides spec.checkpoint */
  checkpoint?: Checkpoint;
  /** S3 and CloudWatch Logs: read only what is newer (used when there is no checkpoint yet) */
  since?: Date;
  /** SQS: delete messages once processed (default true); otherwise call source.ack(event) */
  autoAck?: boolean;
  clients?: { s3?: S3Client; logs?: CloudWatchLogsClient; sqs?: SQSClient };
  onSplitterStats?: (file: string, stats: SplitterStats) => void;
  /** files: the largest (decompressed) file read whole and parsed at once; larger ones are streamed (default 64 MiB) */
  wholeFileMaxBytes?: number;
  /** files: told where a whole file's records lie in its text (see `FileSourceOptions.onRecordSpans`) */
  onRecordSpans?: (file: string, text: string, base: number, spans: readonly number[]) => void;
}

function formatFor(spec: SourceSpec): LogFormat {
  switch (spec.type) {
    case 'cloudtrail':
      return cloudTrailFormat;
    case 'vpcflow':
      return vpcFlowFormat({ format: spec.format });
    case 'azure_activity':
      return azureActivityFormat;
    case 'gcp_audit':
      return gcpAuditFormat;
    case 'entra_id':
      return entraFormat;
  }
}

/**
 * The files a directory walk reads for a log type: its format's suffixes, and for VPC flow logs the
 * objects of a CloudWatch Logs export too (`000000.gz`), which no other type reads.
 */
export function walkOptionsFor(spec: SourceSpec): WalkOptions {
  const { suffixes } = formatFor(spec);
  return spec.type === 'vpcflow' ? { suffixes, names: CLOUDWATCH_EXPORT_NAME } : { suffixes };
}

const TRANSPORTS = {
  cloudtrail: ['path', 's3', 'log_group', 'queue_url'],
  vpcflow: ['path', 's3', 'log_group'],
  azure_activity: ['path'],
  gcp_audit: ['path'],
  entra_id: ['path'],
} as const satisfies Record<SourceType, readonly string[]>;

/**
 * Opens a log source. Throws with a clear message when the spec is inconsistent (unknown type,
 * no location or several, a location the type cannot be read from, a bad VPC flow format).
 */
export function openSource(spec: SourceSpec, options: OpenSourceOptions = {}): LogSource {
  if (!SOURCE_TYPES.includes(spec.type)) {
    throw new Error(
      `unknown log source type ${JSON.stringify(spec.type)} (expected one of ${SOURCE_TYPES.join(', ')})`,
    );
  }
  const given = (['path', 's3', 'log_group', 'queue_url'] as const).filter(
    (k) => spec[k] !== undefined && spec[k] !== '',
  );
  if (given.length !== 1) {
    throw new Error(
      `log source ${spec.type}: give exactly one of path, s3, log_group, queue_url (got ${given.length ? given.join(', ') : 'none'})`,
    );
  }
  const where = given[0] as (typeof given)[number];
  const allowed: readonly string[] = TRANSPORTS[spec.type];
  if (!allowed.includes(where)) {
    throw new Error(`log source ${spec.type}: cannot read from ${where} (supported: ${allowed.join(', ')})`);
  }
  const location = spec[where] as string;
  const name = options.name ?? `${spec.type}:${location}`;
  const format = formatFor(spec);
  const checkpoint =
    options.checkpoint ?? (spec.checkpoint ? new FileCheckpoint(spec.checkpoint) : undefined);
  const region = spec.region;

  switch (where) {
    case 'path':
      return new FileSource(location, format, name, { ...options, names: walkOptionsFor(spec).names });
    case 's3':
      return new S3Source(location, format, name, {
        ...options,
        names: walkOptionsFor(spec).names,
        checkpoint,
        region,
        client: options.clients?.s3,
      });
    case 'log_group':
      return new CloudWatchLogsSource(location, format, name, {
        ...options,
        checkpoint,
        region,
        client: options.clients?.logs,
      });
    case 'queue_url':
      return new SqsCloudTrailSource(location, name, { ...options, region, client: options.clients?.sqs });
  }
}
