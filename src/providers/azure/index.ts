import type { TokenCredential } from '@azure/core-auth';
import type { SharedBudget } from '../aws/limiter.js';
import { resolveEndpoints } from './clouds.js';
import type { AzureProviderConfig } from './config.js';
import { createCredential } from './credentials.js';
import type { AzureRates, Clock, RequestLimiter } from './limiter.js';
import { AzureTransport, type AzureTransportOptions } from './transport.js';

export interface CreateTransportOptions {
  env?: NodeJS.ProcessEnv;
  /** the collection kit's shared limiter */
  limiter?: RequestLimiter;
  /** a credential to use instead of the configured one (tests, embedding) */
  credential?: TokenCredential;
  /** CA certificates to trust in-process, besides NODE_EXTRA_CA_CERTS */
  ca?: AzureTransportOptions['ca'];
  clock?: Clock;
  userAgent?: string;
  onResponse?: AzureTransportOptions['onResponse'];
  /** a request budget shared with other processes (scale-out workers) */
  sharedBudget?: SharedBudget;
}

/** The transport of a validated `azure` provider config: endpoints, credential, limits. */
export function createAzureTransport(
  cfg: AzureProviderConfig,
  opts: CreateTransportOptions = {},
): AzureTransport {
  const env = opts.env ?? process.env;
  const endpoints = resolveEndpoints(cfg, env);
  const credential =
    opts.credential ??
    createCredential(
      {
        credential: cfg.credential,
        tenant_id: cfg.tenant_id,
        client_id: cfg.client_id,
        authorityHost: endpoints.authorityHost,
      },
      env,
    );
  const rates: Partial<AzureRates> = {};
  if (cfg.requests_per_second) {
    rates.armPerSecond = cfg.requests_per_second;
    rates.armBurst = Math.max(1, Math.min(200, Math.round(cfg.requests_per_second * 10)));
  }
  if (cfg.graph_requests_per_second) {
    rates.graphPerSecond = cfg.graph_requests_per_second;
    rates.graphBurst = Math.max(1, Math.min(100, Math.round(cfg.graph_requests_per_second * 4)));
  }
  return new AzureTransport({
    endpoints,
    credential,
    rates,
    resourceGraph: cfg.resource_graph,
    maxConcurrency: cfg.max_concurrency,
    maxAttempts: cfg.max_attempts,
    requestTimeoutMs: cfg.request_timeout_ms,
    ...(cfg.tenant_id ? { tenantId: cfg.tenant_id } : {}),
    ...(opts.limiter ? { limiter: opts.limiter } : {}),
    ...(opts.ca ? { ca: opts.ca } : {}),
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.userAgent ? { userAgent: opts.userAgent } : {}),
    ...(opts.onResponse ? { onResponse: opts.onResponse } : {}),
    ...(opts.sharedBudget ? { sharedBudget: opts.sharedBudget } : {}),
  });
}

export * from './clouds.js';
export * from './config.js';
export * from './credentials.js';
export * from './errors.js';
export * from './limiter.js';
export * from './readonly-policy.js';
export * from './scopes.js';
export * from './transport.js';
export * from './urls.js';
