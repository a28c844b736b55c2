import type { Agent } from 'node:https';
import type { AuthClient } from 'google-auth-library';
import { isGranted, RemediationDisabled, type RemediationGrant } from '../kit/remediation-grant.js';
import { declaredCall, type RestParams } from '../kit/rest-action.js';
import { GCP_ACTION_CALLS } from './actions/calls.js';
import type { GcpEndpoints } from './apis.js';
import { errorForAnswer } from './errors.js';
import { encodeQuery } from './paths.js';

/*
 * The write path of GCP remediation, apart from the scan's transport (whose read-only rules
 * refuse PUT, PATCH, DELETE and all but a few POSTs). It exists only with a RemediationGrant and
 * sends only the declared remediation writes (GCP_ACTION_CALLS: API, method and path), each
 * checked before a token is asked for, through the credential's authorised client. A write is
 * sent once, never retried: a write whose answer was lost is re-read, not repeated.
 */

export interface GcpWriteClientOptions {
  client: AuthClient;
  endpoints: GcpEndpoints;
  grant: RemediationGrant | undefined;
  agent?: Agent;
  requestTimeoutMs?: number;
}

export class GcpWriteClient {
  private constructor(private readonly o: GcpWriteClientOptions) {}

  /** The write client; refused without a grant (remediation not configured or asked for). */
  static create(o: GcpWriteClientOptions): GcpWriteClient {
    if (!isGranted(o.grant))
      throw new RemediationDisabled(
        'remediation is not enabled: no respond: block and no remediate --apply, so no GCP write client',
      );
    return new GcpWriteClient(o);
  }

  /** One declared write, sent once: Google's answer (the resource, or an operation), or the typed error. */
  async send(action: string, p: RestParams): Promise<Record<string, unknown>> {
    declaredCall(GCP_ACTION_CALLS, action, p, true);
    const qs = encodeQuery(p.query ?? {});
    const url = `${this.o.endpoints.root(p.api)}${p.path}${qs ? `?${qs}` : ''}`;
    const res = await this.o.client.request<string>({
      url,
      method: p.method,
      headers: {
        accept: 'application/json',
        'user-agent': 'cloudward-remediation',
        ...(p.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(p.body !== undefined ? { data: JSON.stringify(p.body) } : {}),
      responseType: 'text',
      retry: false,
      validateStatus: () => true,
      timeout: this.o.requestTimeoutMs ?? 60_000,
      ...(this.o.agent ? { agent: this.o.agent } : {}),
    });
    const text = typeof res.data === 'string' ? res.data : JSON.stringify(res.data ?? '');
    if (res.status >= 200 && res.status < 300) {
      if (!text) return {};
      const parsed = JSON.parse(text) as unknown;
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
    }
    throw errorForAnswer({
      api: p.api,
      method: p.method,
      path: p.path,
      status: res.status,
      text,
      attempts: 1,
    });
  }
}
