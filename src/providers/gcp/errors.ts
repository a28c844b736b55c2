/**
 * What a Google API read can end in, as typed errors a collector can act on. Google answers in
 * one JSON shape (AIP-193, with the older `errors[]` list kept by the discovery-based APIs):
 *
 * ```
 * {"error": {"code": 403, "message": "...", "status": "PERMISSION_DENIED",
 *            "errors": [{"reason": "accessNotConfigured", "domain": "usageLimits", "message": "..."}],
 *            "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "SERVICE_DISABLED",
 *                         "domain": "googleapis.com", "metadata": {"service": "...", "consumer": "projects/123"}}]}}
 * ```
 *
 * - absent: 404 with a Google error body (NOT_FOUND, notFound, instanceDoesNotExist...). The
 *   thing is not there, which for a setting often means "not configured": the collector decides.
 *   A 404 without Google's body comes from something else (a proxy, a wrong endpoint path) and is
 *   `failed`, so a wrong endpoint never reads as "nothing configured".
 * - disabled: the API is not enabled in the project (ErrorInfo SERVICE_DISABLED, or the older
 *   `accessNotConfigured` reason, or only the console activation link). The checks of that service
 *   are "not applicable" for the project, with this reason. When Google names another project as
 *   the consumer (the credential's own project), it is a set-up problem of the scanner: `failed`.
 * - denied: 401, or 403 PERMISSION_DENIED / forbidden / insufficientPermissions, or no credential.
 * - throttled: 429 or RESOURCE_EXHAUSTED, or 403 rateLimitExceeded / userRateLimitExceeded /
 *   RATE_LIMIT_EXCEEDED after the retries (the auth library does not retry the 403 forms), and
 *   daily quotas (dailyLimitExceeded, quotaExceeded), which no retry within a scan can cure.
 * - failed: anything else: 5xx after retries, 400s, network and TLS errors, a body that is not
 *   JSON or not of the expected shape, a refused (non-read) request.
 *
 * Each error carries Google's code, status, reasons and message as sent, the request (method,
 * API, path below the root) and, for absent and disabled, what a collector needs to decide.
 */

export type GcpErrorKind = 'absent' | 'disabled' | 'denied' | 'throttled' | 'failed';

export interface GoogleErrorInfo {
  reason: string;
  domain?: string;
  metadata: Record<string, string>;
}

/** The parts of Google's error body Cloudward reads. */
export interface GoogleErrorBody {
  code?: number;
  message?: string;
  /** google.rpc.Code name: NOT_FOUND, PERMISSION_DENIED, RESOURCE_EXHAUSTED... */
  status?: string;
  /** the legacy errors[].reason values: notFound, forbidden, rateLimitExceeded... */
  reasons: string[];
  errorInfo?: GoogleErrorInfo;
  /** google.rpc.Help link URLs */
  helpLinks: string[];
}

export interface GcpErrorInit {
  api: string;
  method: string;
  /** the path below the API root, with its query */
  path: string;
  /** HTTP status, or undefined when no answer came (network, TLS, credential) */
  status?: number | undefined;
  /** Google's status (PERMISSION_DENIED), else the first reason, else a Cloudward code */
  code: string;
  /** Google's message, or the local reason */
  message: string;
  /** every code the answer carries: status, errors[].reason, ErrorInfo.reason */
  codes?: readonly string[];
  errorInfo?: GoogleErrorInfo | undefined;
  /** the project the read was about */
  project?: string | undefined;
  cause?: unknown;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

export abstract class GcpError extends Error {
  abstract readonly kind: GcpErrorKind;
  readonly api: string;
  readonly method: string;
  readonly path: string;
  readonly status: number | undefined;
  readonly code: string;
  readonly googleMessage: string;
  readonly codes: ReadonlySet<string>;
  readonly errorInfo: GoogleErrorInfo | undefined;
  readonly project: string | undefined;

  constructor(init: GcpErrorInit) {
    const status = init.status === undefined ? '' : ` (HTTP ${init.status})`;
    super(`${init.code}: ${oneLine(init.message)}${status} [${init.method} ${init.api} ${init.path}]`, {
      cause: init.cause,
    });
    this.api = init.api;
    this.method = init.method;
    this.path = init.path;
    this.status = init.status;
    this.code = init.code;
    this.googleMessage = init.message;
    this.codes = new Set([init.code, ...(init.codes ?? [])]);
    this.errorInfo = init.errorInfo;
    this.project = init.project;
  }

  /** True when the answer carried one of these codes (status, reason or ErrorInfo reason). */
  hasCode(...codes: string[]): boolean {
    return codes.some((c) => this.codes.has(c));
  }
}

export class GcpAbsentError extends GcpError {
  override name = 'GcpAbsentError';
  readonly kind = 'absent';
}

/** The API is not enabled in the project: the checks of that service do not apply there. */
export class GcpApiDisabledError extends GcpError {
  override name = 'GcpApiDisabledError';
  readonly kind = 'disabled';
  /** the service Google named: sqladmin.googleapis.com */
  readonly service: string | undefined;
  /** the project Google named: projects/123456789012 */
  readonly consumer: string | undefined;

  constructor(init: GcpErrorInit & { service?: string | undefined; consumer?: string | undefined }) {
    super(init);
    this.service = init.service;
    this.consumer = init.consumer;
  }

  /** "not applicable" text for the checks of the service in the project */
  get reason(): string {
    const what = this.service ?? `the ${this.api} API`;
    return `${what} is not enabled in ${this.consumer ?? this.project ?? 'the project'}`;
  }
}

export class GcpDeniedError extends GcpError {
  override name = 'GcpDeniedError';
  readonly kind = 'denied';
}

/** No token could be had (no credentials found, a refused key, impersonation not allowed...). */
export class GcpCredentialError extends GcpDeniedError {
  override name = 'GcpCredentialError';
}

export class GcpThrottledError extends GcpError {
  override name = 'GcpThrottledError';
  readonly kind = 'throttled';
  readonly attempts: number;
  /** the quota Google named (ErrorInfo quota_limit), when it said */
  readonly quotaLimit: string | undefined;

  constructor(init: GcpErrorInit & { attempts: number }) {
    super(init);
    this.attempts = init.attempts;
    this.quotaLimit = init.errorInfo?.metadata.quota_limit;
  }
}

export class GcpFailedError extends GcpError {
  override name = 'GcpFailedError';
  readonly kind: GcpErrorKind = 'failed';
}

/** A request that is not a read: refused before anything is sent or any token is asked for. */
export class GcpReadOnlyViolation extends GcpFailedError {
  override name = 'GcpReadOnlyViolation';
}

/** Bad provider configuration or environment (an http:// endpoint, a bad API name...). */
export class GcpConfigError extends Error {
  override name = 'GcpConfigError';
}

export function isGcpError(err: unknown): err is GcpError {
  return err instanceof GcpError;
}

const ERROR_INFO = 'type.googleapis.com/google.rpc.ErrorInfo';
const HELP = 'type.googleapis.com/google.rpc.Help';

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined;
}

/** Google's error body, or undefined when the text is not one (a proxy's page, empty). */
export function parseGoogleError(text: string | undefined): GoogleErrorBody | undefined {
  if (!text) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const e = asRecord(asRecord(parsed)?.error);
  if (!e) return undefined;
  const out: GoogleErrorBody = { reasons: [], helpLinks: [] };
  if (typeof e.code === 'number') out.code = e.code;
  if (typeof e.message === 'string') out.message = e.message;
  if (typeof e.status === 'string' && e.status) out.status = e.status;
  if (Array.isArray(e.errors)) {
    for (const item of e.errors) {
      const reason = asRecord(item)?.reason;
      if (typeof reason === 'string' && reason) out.reasons.push(reason);
    }
  }
  if (Array.isArray(e.details)) {
    for (const d of e.details) {
      const detail = asRecord(d);
      if (!detail) continue;
      if (detail['@type'] === ERROR_INFO && typeof detail.reason === 'string' && !out.errorInfo) {
        const metadata: Record<string, string> = {};
        for (const [k, v] of Object.entries(asRecord(detail.metadata) ?? {})) {
          if (typeof v === 'string') metadata[k] = v;
        }
        out.errorInfo = {
          reason: detail.reason,
          ...(typeof detail.domain === 'string' ? { domain: detail.domain } : {}),
          metadata,
        };
      }
      if (detail['@type'] === HELP && Array.isArray(detail.links)) {
        for (const l of detail.links) {
          const url = asRecord(l)?.url;
          if (typeof url === 'string') out.helpLinks.push(url);
        }
      }
    }
  }
  if (out.code === undefined && !out.status && !out.message && out.reasons.length === 0) return undefined;
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

const RETRYABLE_THROTTLE = new Set(['rateLimitExceeded', 'userRateLimitExceeded', 'RATE_LIMIT_EXCEEDED']);
const DAILY_QUOTA = new Set(['dailyLimitExceeded', 'quotaExceeded', 'dailyLimitExceededUnreg']);
const DENIED_REASONS = new Set([
  'forbidden',
  'insufficientPermissions',
  'IAM_PERMISSION_DENIED',
  'ACCESS_TOKEN_SCOPE_INSUFFICIENT',
  'accessDenied',
]);
/** the console link Google puts in a disabled-API answer: .../apis/api/<service>/overview?project=<n> */
const ACTIVATION_LINK = /\/apis\/api\/([a-z0-9.-]+)\/overview\?project=([\w-]+)/;

/** What a non-2xx answer means, before it is turned into an error (the transport retries on it). */
export interface AnswerClass {
  kind: GcpErrorKind;
  /** a throttle the transport backs off and retries on */
  retry: boolean;
  body: GoogleErrorBody | undefined;
}

export function classifyAnswer(status: number, text: string | undefined): AnswerClass {
  const body = parseGoogleError(text);
  const codes = new Set([...(body?.reasons ?? []), ...(body?.errorInfo ? [body.errorInfo.reason] : [])]);
  if (body?.status) codes.add(body.status);
  const has = (set: Set<string>) => [...codes].some((c) => set.has(c));
  if (status === 429 || body?.status === 'RESOURCE_EXHAUSTED' || has(RETRYABLE_THROTTLE)) {
    return { kind: 'throttled', retry: !has(DAILY_QUOTA), body };
  }
  if (has(DAILY_QUOTA)) return { kind: 'throttled', retry: false, body };
  if (status === 403 && body && isDisabledAnswer(body)) return { kind: 'disabled', retry: false, body };
  if (status === 404) return { kind: body ? 'absent' : 'failed', retry: false, body };
  if (status === 401) return { kind: 'denied', retry: false, body };
  if (status === 403) {
    const denied = !body || body.status === 'PERMISSION_DENIED' || has(DENIED_REASONS) || codes.size === 0;
    return { kind: denied ? 'denied' : 'failed', retry: false, body };
  }
  return { kind: 'failed', retry: false, body };
}

function isDisabledAnswer(body: GoogleErrorBody): boolean {
  if (body.errorInfo?.reason === 'SERVICE_DISABLED') return true;
  if (body.reasons.includes('accessNotConfigured')) return true;
  // older answers carry only the console activation link with "has not been used ... or it is disabled"
  return (
    body.helpLinks.some((l) => ACTIVATION_LINK.test(l)) &&
    /has not been used in project|is disabled/i.test(body.message ?? '')
  );
}

export interface FailedAnswer {
  api: string;
  method: string;
  path: string;
  status: number;
  text: string | undefined;
  attempts: number;
  /** the project the read was about: id, and number when known */
  project?: { id: string; number?: string | undefined } | undefined;
}

/** The typed error for a non-2xx answer. */
export function errorForAnswer(
  a: FailedAnswer,
  klass: AnswerClass = classifyAnswer(a.status, a.text),
): GcpError {
  const body = klass.body;
  const codes = [...(body?.reasons ?? []), ...(body?.errorInfo ? [body.errorInfo.reason] : [])];
  if (body?.status) codes.push(body.status);
  codes.push(`HTTP${a.status}`);
  const init: GcpErrorInit = {
    api: a.api,
    method: a.method,
    path: a.path,
    status: a.status,
    code: body?.status ?? body?.reasons[0] ?? `HTTP${a.status}`,
    message: body?.message ?? excerpt(a.text),
    codes,
    errorInfo: body?.errorInfo,
    project: a.project?.id,
  };
  switch (klass.kind) {
    case 'absent':
      return new GcpAbsentError({ ...init, code: body?.status ?? body?.reasons[0] ?? 'NOT_FOUND' });
    case 'disabled': {
      // the service and project from ErrorInfo, else from the activation link (Help, or in the message)
      const link = [...(body?.helpLinks ?? []), body?.message ?? '']
        .map((l) => ACTIVATION_LINK.exec(l))
        .find((m) => m);
      const service = body?.errorInfo?.metadata.service ?? link?.[1];
      const consumer = body?.errorInfo?.metadata.consumer ?? (link?.[2] ? `projects/${link[2]}` : undefined);
      const disabled = new GcpApiDisabledError({ ...init, code: 'SERVICE_DISABLED', service, consumer });
      if (consumer && a.project && !isSameProject(consumer, a.project)) {
        return new GcpFailedError({
          ...init,
          code: 'SERVICE_DISABLED_FOR_CALLER',
          message:
            `${service ?? a.api} is not enabled in ${consumer}, the project your credential's requests are ` +
            `charged to (not ${a.project.id}): enable it there, or set a quota project that has it ` +
            `(GOOGLE_CLOUD_QUOTA_PROJECT). ${body?.message ?? ''}`,
        });
      }
      return disabled;
    }
    case 'denied':
      return new GcpDeniedError(init);
    case 'throttled':
      return new GcpThrottledError({ ...init, attempts: a.attempts });
    default:
      if (a.status === 404) {
        return new GcpFailedError({
          ...init,
          code: 'NotFoundWithoutGoogleError',
          message: `404 without a Google error body (${excerpt(a.text)}); is the endpoint right?`,
        });
      }
      return new GcpFailedError(init);
  }
}

/** Does `consumer` (projects/123 or projects/my-id) name this project? Unknown number: assume yes. */
function isSameProject(consumer: string, project: { id: string; number?: string | undefined }): boolean {
  const name = consumer.replace(/^projects\//, '');
  if (name === project.id || name === project.number) return true;
  // a number we cannot compare (the project's number is not known): do not guess it is another project
  return /^\d+$/.test(name) && !project.number;
}

const TLS_CODES =
  /^(?:SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(?:_LOCALLY)?|CERT_HAS_EXPIRED|CERT_NOT_YET_VALID|ERR_TLS_CERT_ALTNAME_INVALID)$/;

/** What to do about a TLS failure, for the message; '' when the code is not a TLS one. */
export function tlsHint(code: unknown): string {
  return typeof code === 'string' && TLS_CODES.test(code)
    ? ' (the endpoint certificate is not trusted: give a private CA in NODE_EXTRA_CA_CERTS)'
    : '';
}

/**
 * A cause safe to keep and log: the name, code and message of an HTTP library error, without its
 * request (gaxios errors hold the agent, the raw request text with its Authorization header, and
 * token request bodies).
 */
export function safeCause(e: unknown): Error {
  const err = e as { name?: unknown; message?: unknown; code?: unknown };
  const out = new Error(typeof err?.message === 'string' ? err.message : String(e));
  out.name = typeof err?.name === 'string' ? err.name : 'Error';
  if (typeof err?.code === 'string' || typeof err?.code === 'number') {
    (out as Error & { code?: string | number }).code = err.code;
  }
  return out;
}

/** "Code: message", one line, for Collection.error and {__error}. */
export function describeGcpError(err: unknown): string {
  if (err instanceof GcpError) return err.message;
  if (err instanceof Error) return `${err.name}: ${oneLine(err.message)}`;
  return String(err);
}
