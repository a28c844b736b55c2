import { Agent } from 'node:https';
import type { SharedBudget } from '../aws/limiter.js';
import { GcpEndpoints } from './apis.js';
import type { GcpProviderConfig } from './config.js';
import { type GcpCredential, resolveCredential } from './credentials.js';
import type { Clock, RequestLimiter } from './limiter.js';
import { GcpTransport, type GcpTransportOptions } from './transport.js';

export interface CreateTransportOptions {
  env?: NodeJS.ProcessEnv;
  /** the collection kit's shared limiter */
  limiter?: RequestLimiter;
  /** a credential to use instead of Application Default Credentials (tests, embedding) */
  credential?: GcpCredential;
  /** CA certificates to trust in-process (PEM), besides NODE_EXTRA_CA_CERTS */
  ca?: string | Buffer | (string | Buffer)[];
  clock?: Clock;
  userAgent?: string;
  onResponse?: GcpTransportOptions['onResponse'];
  /** a request budget shared with other processes (scale-out workers) */
  sharedBudget?: SharedBudget;
}

/**
 * The transport of a validated `gcp` provider config: endpoints, Application Default
 * Credentials (impersonating when configured), quotas. No request is sent until the first read.
 */
export async function createGcpTransport(
  cfg: GcpProviderConfig,
  opts: CreateTransportOptions = {},
): Promise<GcpTransport> {
  const env = opts.env ?? process.env;
  const endpoints = GcpEndpoints.resolve(cfg, env);
  const agent = opts.ca ? new Agent({ keepAlive: true, ca: opts.ca }) : undefined;
  const credential =
    opts.credential ??
    (await resolveCredential({
      endpoints,
      impersonateServiceAccount: cfg.impersonate_service_account,
      delegates: cfg.delegates,
      agent,
    }));
  return new GcpTransport({
    credential,
    maxConcurrency: cfg.max_concurrency,
    maxAttempts: cfg.max_attempts,
    requestTimeoutMs: cfg.request_timeout_ms,
    ...(cfg.requests_per_minute ? { requestsPerMinute: cfg.requests_per_minute } : {}),
    ...(opts.limiter ? { limiter: opts.limiter } : {}),
    ...(agent ? { agent } : {}),
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.userAgent ? { userAgent: opts.userAgent } : {}),
    ...(opts.onResponse ? { onResponse: opts.onResponse } : {}),
    ...(opts.sharedBudget ? { sharedBudget: opts.sharedBudget } : {}),
  });
}

export * from './apis.js';
export * from './config.js';
export * from './credentials.js';
export * from './errors.js';
export * from './limiter.js';
export * from './readonly.js';
export * from './scopes.js';
export * from './transport.js';
