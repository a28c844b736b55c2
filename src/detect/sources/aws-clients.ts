import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';

/**
 * Clients are created with the SDK's default configuration so that its own credential chain,
 * retry and endpoint resolution apply: AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE> (LocalStack,
 * MinIO) work without Cloudward knowing about them.
 */

function endpointSet(serviceEnv: string): boolean {
  return Boolean(process.env.AWS_ENDPOINT_URL || process.env[`AWS_ENDPOINT_URL_${serviceEnv}`]);
}

export interface ClientOptions {
  region?: string;
}

export function createS3Client(opts: ClientOptions = {}): S3Client {
  return new S3Client({
    ...(opts.region ? { region: opts.region } : {}),
    // custom endpoints (LocalStack, MinIO) rarely serve virtual-host-style bucket names
    forcePathStyle: endpointSet('S3'),
    // a trail bucket is often in another region than the profile's default
    followRegionRedirects: true,
  });
}

export function createLogsClient(opts: ClientOptions = {}): CloudWatchLogsClient {
  return new CloudWatchLogsClient(opts.region ? { region: opts.region } : {});
}

export function createSqsClient(opts: ClientOptions = {}): SQSClient {
  return new SQSClient(opts.region ? { region: opts.region } : {});
}

/** The region of a queue URL https://sqs.<region>.amazonaws.com/<account>/<name>, if it names one. */
export function queueRegion(url: string): string | undefined {
  return /^https:\/\/sqs\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\//.exec(url)?.[1];
}
