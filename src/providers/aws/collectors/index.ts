import type { Collector } from '../collector.js';
import { CLOUDFRONT_COLLECTORS } from './cloudfront.js';
import { EC2_COLLECTORS } from './ec2.js';
import { LOGS_COLLECTORS } from './logs.js';
import { RDS_COLLECTORS } from './rds.js';
import { S3_COLLECTORS } from './s3.js';

/** Every AWS collector, in the order their results are reported. */
export const AWS_COLLECTORS: readonly Collector[] = [
  ...EC2_COLLECTORS,
  ...S3_COLLECTORS,
  ...RDS_COLLECTORS,
  ...LOGS_COLLECTORS,
  ...CLOUDFRONT_COLLECTORS,
];

export function collectorByType(type: string): Collector | undefined {
  return AWS_COLLECTORS.find((c) => c.type === type);
}
