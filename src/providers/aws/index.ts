export { AccountClients, CallStats, endpointOverridden, type HttpHandler } from './clients.js';
export { type CollectContext, type Collector, defineCollector, type RawItem } from './collector.js';
export { AWS_COLLECTORS, collectorByType } from './collectors/index.js';
export {
  type AwsProviderConfig,
  type AwsProviderInput,
  awsProviderSchema,
  parseAwsProviderConfig,
} from './config.js';
export {
  assumeRoleWithSdk,
  baseCredentials,
  listOrganizationAccounts,
  memoizeCredentials,
  ROLE_SESSION_NAME,
  roleArnIn,
  selectAccounts,
} from './credentials.js';
export { awsPacing, DEFAULT_PACING, RateLimiter, TokenBucket } from './limiter.js';
export { awsPolicy, type IamPolicyDocument, knownAwsTypes } from './policy.js';
export { collectorsFor } from './produces.js';
export { type AwsCollectStats, AwsProvider, type AwsProviderDeps } from './provider.js';
export { isReadOnlyOperation } from './readonly-guard.js';
export { callerIdentity, enabledRegions, resolveHomeRegion } from './scopes.js';
