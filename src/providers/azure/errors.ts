/**
 * What an Azure read can end in, as typed errors a collector can act on:
 *
 * - absent (404 with an Azure error code: ResourceNotFound, ResourceGroupNotFound,
 *   Request_ResourceNotFound...): the thing is not there, which for a setting often means
 *   "not configured". Whether it does is the collector's call, made on the code.
 * - denied (401, 403: AuthorizationFailed, Authorization_RequestDenied..., or no credential):
 *   the principal may not read it.
 * - throttled (429 after the retries): Azure asked us to slow down for longer than we wait.
 * - failed: anything else (5xx after retries, 400s, network and TLS errors, bad JSON, a
 *   paging link that leaves the configured endpoint).
 *
 * Each carries the Azure `error.code` and message as sent, the HTTP status, the request path
 * and Azure's request id, so a finding's `error` names what failed and where.
 */

import type { AzureApi } from './clouds.js';

const API_LABELS: Record<AzureApi, string> = { arm: 'ARM', graph: 'Graph', keyvault: 'Key Vault' };

export type AzureErrorKind = 'absent' | 'denied' | 'throttled' | 'failed';

export interface AzureErrorInit {
  api: AzureApi;
  method: string;
  /** the request path below the endpoint base, with its query */
  path: string;
  /** HTTP status, or undefined when no answer came (network, TLS, credential) */
  status?: number | undefined;
  /** Azure's error.code (AuthorizationFailed), or a Cloudward code for local failures */
  code: string;
  /** Azure's error.message, or the local reason */
  message: string;
  /** x-ms-request-id (ARM) or request-id (Graph) */
  requestId?: string | undefined;
  /** x-ms-correlation-request-id (ARM) */
  correlationId?: string | undefined;
  cause?: unknown;
}

export abstract class AzureError extends Error {
  abstract readonly kind: AzureErrorKind;
  readonly api: AzureApi;
  readonly method: string;
  readonly path: string;
  readonly status: number | undefined;
  readonly code: string;
  readonly azureMessage: string;
  readonly requestId: string | undefined;
  readonly correlationId: string | undefined;

  constructor(init: AzureErrorInit) {
    const where = `${init.method} ${API_LABELS[init.api]} ${init.path}`;
    const status = init.status === undefined ? '' : ` (HTTP ${init.status})`;
    super(`${init.code}: ${oneLine(init.message)}${status} [${where}]`, { cause: init.cause });
    this.api = init.api;
    this.method = init.method;
    this.path = init.path;
    this.status = init.status;
    this.code = init.code;
    this.azureMessage = init.message;
    this.requestId = init.requestId;
    this.correlationId = init.correlationId;
  }
}

export class AzureAbsentError extends AzureError {
  override name = 'AzureAbsentError';
  readonly kind = 'absent';
}

export class AzureDeniedError extends AzureError {
  override name = 'AzureDeniedError';
  readonly kind = 'denied';
}

/** The credential could not give a token (not logged in, no managed identity, bad secret...). */
export class AzureCredentialError extends AzureDeniedError {
  override name = 'AzureCredentialError';
}

export class AzureThrottledError extends AzureError {
  override name = 'AzureThrottledError';
  readonly kind = 'throttled';
  /** what the last answer asked us to wait, when it said */
  readonly retryAfterMs: number | undefined;
  readonly attempts: number;

  constructor(init: AzureErrorInit & { retryAfterMs?: number | undefined; attempts: number }) {
    super(init);
    this.retryAfterMs = init.retryAfterMs;
    this.attempts = init.attempts;
  }
}

export class AzureFailedError extends AzureError {
  override name = 'AzureFailedError';
  readonly kind: AzureErrorKind = 'failed';
}

/** A request that is not a read: refused before anything is sent or any token is asked for. */
export class AzureReadOnlyViolation extends AzureFailedError {
  override name = 'AzureReadOnlyViolation';
}

/** Bad provider configuration or environment (an http:// endpoint, a missing variable). */
export class AzureConfigError extends Error {
  override name = 'AzureConfigError';
}

export function isAzureError(err: unknown): err is AzureError {
  return err instanceof AzureError;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Azure's error body: ARM and Graph wrap it in `error`; a few ARM providers send it bare. */
export interface AzureErrorBody {
  code?: string;
  message?: string;
  /** Graph: innerError.request-id */
  requestId?: string;
  /** Key Vault: innererror.code, the precise reason (ForbiddenByFirewall, ForbiddenByRbac, AccessDenied) */
  innerCode?: string;
}

export function parseErrorBody(text: string | undefined): AzureErrorBody {
  if (!text) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null) return {};
  const outer = parsed as Record<string, unknown>;
  const inner = typeof outer.error === 'object' && outer.error !== null ? outer.error : outer;
  const e = inner as Record<string, unknown>;
  const out: AzureErrorBody = {};
  if (typeof e.code === 'string' && e.code) out.code = e.code;
  if (typeof e.message === 'string') out.message = e.message;
  const innerError = (e.innerError ?? e.innererror) as Record<string, unknown> | undefined;
  if (innerError && typeof innerError['request-id'] === 'string') out.requestId = innerError['request-id'];
  if (innerError && typeof innerError.code === 'string' && innerError.code) out.innerCode = innerError.code;
  return out;
}

/** A short, printable excerpt of a non-JSON body (a proxy's HTML page), for the message. */
function excerpt(text: string | undefined): string {
  if (!text) return '(empty body)';
  const t = text
    .replace(/<[^>]*>/g, ' ')
    .replace(/[^\x20-\x7e]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return t.length > 160 ? `${t.slice(0, 160)}...` : t || '(no text)';
}

export interface FailedAnswer {
  api: AzureApi;
  method: string;
  path: string;
  status: number;
  body: string | undefined;
  requestId?: string | undefined;
  correlationId?: string | undefined;
  retryAfterMs?: number | undefined;
  attempts: number;
}

/**
 * The typed error for a non-2xx answer. A 404 is "absent" only when Azure says so with an
 * error code: a 404 without one comes from something else (a proxy, a wrong base path), and a
 * wrong endpoint must not read as "nothing configured".
 */
export function errorForAnswer(a: FailedAnswer): AzureError {
  const body = parseErrorBody(a.body);
  const init: AzureErrorInit = {
    api: a.api,
    method: a.method,
    path: a.path,
    status: a.status,
    // Key Vault answers Forbidden for every refusal; its inner code says which (firewall, RBAC...)
    code: (a.api === 'keyvault' ? body.innerCode : undefined) ?? body.code ?? `HTTP${a.status}`,
    message: body.message ?? excerpt(a.body),
    requestId: a.requestId ?? body.requestId,
    correlationId: a.correlationId,
  };
  if (a.status === 404) {
    if (body.code) return new AzureAbsentError(init);
    return new AzureFailedError({
      ...init,
      code: 'NotFoundWithoutAzureError',
      message: `404 without an Azure error body (${excerpt(a.body)}); is the endpoint right?`,
    });
  }
  if (a.status === 401 || a.status === 403) return new AzureDeniedError(init);
  if (a.status === 429)
    return new AzureThrottledError({ ...init, retryAfterMs: a.retryAfterMs, attempts: a.attempts });
  return new AzureFailedError(init);
}

/** "Code: message", one line, for Collection.error and {__error}. */
export function describeAzureError(err: unknown): string {
  if (err instanceof AzureError) return err.message;
  if (err instanceof Error) return `${err.name}: ${oneLine(err.message)}`;
  return String(err);
}
