import type { Collector } from '../collector.js';
import { CLOUDFRONT_COLLECTORS } from './cloudfront.js';
import { EC2_COLLECTORS } from './ec2.js';
import { IAM_COLLECTORS } from './iam.js';
import { KMS_COLLECTORS } from './kms.js';
import { LOGS_COLLECTORS } from './logs.js';
import { MONITORING_COLLECTORS } from './monitoring.js';
import { RDS_COLLECTORS } from './rds.js';
import { S3_COLLECTORS } from './s3.js';
import { SECURITY_SERVICE_COLLECTORS } from './security-services.js';
import { STORAGE_NETWORK_COLLECTORS } from './storage-network.js';

/** Every AWS collector, in the order their results are reported. */
export const AWS_COLLECTORS: readonly Collector[] = [
  ...EC2_COLLECTORS,
  ...S3_COLLECTORS,
  ...RDS_COLLECTORS,
  ...LOGS_COLLECTORS,
  ...CLOUDFRONT_COLLECTORS,
  ...IAM_COLLECTORS,
  ...MONITORING_COLLECTORS,
  ...KMS_COLLECTORS,
  ...SECURITY_SERVICE_COLLECTORS,
  ...STORAGE_NETWORK_COLLECTORS,
];

export function collectorByType(type: string): Collector | undefined {
  return AWS_COLLECTORS.find((c) => c.type === type);
}
