import type { Collector } from '../collector.js';
import { AWS_COLLECTORS, awsResource } from '../resources/index.js';

export { AWS_COLLECTORS };

export function collectorByType(type: string): Collector | undefined {
  return awsResource(type)?.collector;
}
