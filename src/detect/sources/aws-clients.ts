import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';

/**
 * Clients are created with the SDK's default configuration so that its own credential chain,
 * retry and endpoint resolution apply: AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE> (LocalStack,
 * MinIO) work without Cloudward knowing about them. The SDK packages are loaded on first use, so
 * reading local files does not pay for loading them.
 */

function endpointSet(serviceEnv: string): boolean {
  return Boolean(process.env.AWS_ENDPOINT_URL || process.env[`AWS_ENDPOINT_URL_${serviceEnv}`]);
}

export interface ClientOptions {
  region?: string;
}

export async function createS3Client(opts: ClientOptions = {}): Promise<S3Client> {
  const { S3Client } = await import('@aws-sdk/client-s3');
  return new S3Client({
    ...(opts.region ? { region: opts.region } : {}),
    // custom endpoints (LocalStack, MinIO) rarely serve virtual-host-style bucket names
    forcePathStyle: endpointSet('S3'),
    // a trail bucket is often in another region than the profile's default
    followRegionRedirects: true,
  });
}

export async function createLogsClient(opts: ClientOptions = {}): Promise<CloudWatchLogsClient> {
  const { CloudWatchLogsClient } = await import('@aws-sdk/client-cloudwatch-logs');
  return new CloudWatchLogsClient(opts.region ? { region: opts.region } : {});
}

export async function createSqsClient(opts: ClientOptions = {}): Promise<SQSClient> {
  const { SQSClient } = await import('@aws-sdk/client-sqs');
  return new SQSClient(opts.region ? { region: opts.region } : {});
}

/** The region of a queue URL https://sqs.<region>.amazonaws.com/<account>/<name>, if it names one. */
export function queueRegion(url: string): string | undefined {
  return /^https:\/\/sqs\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\//.exec(url)?.[1];
}
