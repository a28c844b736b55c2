import { Agent } from 'node:https';
import type { TokenCredential } from '@azure/core-auth';
import {
  agentPolicy,
  bearerTokenAuthenticationPolicy,
  createDefaultHttpClient,
  createEmptyPipeline,
  createHttpHeaders,
  createPipelineRequest,
  type HttpClient,
  type Pipeline,
  type PipelinePolicy,
  proxyPolicy,
  setClientRequestIdPolicy,
  userAgentPolicy,
} from '@azure/core-rest-pipeline';
import { isGranted, RemediationDisabled, type RemediationGrant } from '../kit/remediation-grant.js';
import { declaredCall, type RestParams } from '../kit/rest-action.js';
import { AZURE_ACTION_CALLS } from './actions/calls.js';
import { type ApiEndpoint, type AzureEndpoints, isUnderBase } from './clouds.js';
import { errorForAnswer } from './errors.js';
import { encodeQuery } from './urls.js';

/*
 * The write path of Azure remediation, apart from the scan's transport (whose read-only policy
 * refuses every method but GET). It exists only with a RemediationGrant; its first policy
 * refuses, before a token is asked for, any request that is not a declared remediation write
 * (AZURE_ACTION_CALLS: method and path) to the Resource Manager endpoint. A write is sent once,
 * never retried: a write whose answer was lost is re-read, not repeated.
 */

export const WRITE_POLICY_NAME = 'cloudwardAzureRemediationWrites';

function writePolicy(endpoint: ApiEndpoint): PipelinePolicy {
  const basePath = new URL(endpoint.base).pathname.replace(/\/+$/, '');
  return {
    name: WRITE_POLICY_NAME,
    async sendRequest(request, next) {
      const url = new URL(request.url);
      const method = request.method.toUpperCase();
      if (!isUnderBase(url, endpoint.base))
        throw new RemediationDisabled(
          `refused ${method} ${url.origin}${url.pathname}: outside ${endpoint.base}`,
        );
      const path = url.pathname.slice(basePath.length);
      const allowed = AZURE_ACTION_CALLS.some(
        (c) => c.method !== 'GET' && c.method === method && c.api === 'arm' && c.path.test(path),
      );
      if (!allowed)
        throw new RemediationDisabled(`refused ${method} ${path}: not a declared remediation write`);
      return next(request);
    },
  };
}

export interface AzureWriteClientOptions {
  endpoints: AzureEndpoints;
  credential: TokenCredential;
  grant: RemediationGrant | undefined;
  /** CA certificates to trust in-process (PEM), as the scan's transport takes them */
  ca?: string | Buffer | (string | Buffer)[];
  requestTimeoutMs?: number;
  httpClient?: HttpClient;
}

export class AzureWriteClient {
  private readonly pipeline: Pipeline;
  private readonly httpClient: HttpClient;
  private readonly agent: Agent | undefined;

  private constructor(
    private readonly endpoint: ApiEndpoint,
    private readonly o: AzureWriteClientOptions,
  ) {
    this.agent = o.ca ? new Agent({ keepAlive: false, ca: o.ca }) : undefined;
    this.httpClient = o.httpClient ?? createDefaultHttpClient();
    const p = createEmptyPipeline();
    p.addPolicy(writePolicy(endpoint), { phase: 'Serialize' });
    p.addPolicy(userAgentPolicy({ userAgentPrefix: 'cloudward-remediation' }));
    p.addPolicy(setClientRequestIdPolicy());
    p.addPolicy(proxyPolicy());
    if (this.agent) p.addPolicy(agentPolicy(this.agent));
    p.addPolicy(bearerTokenAuthenticationPolicy({ credential: o.credential, scopes: endpoint.scope }), {
      phase: 'Sign',
    });
    this.pipeline = p;
  }

  /** The write client; refused without a grant (remediation not configured or asked for). */
  static create(o: AzureWriteClientOptions): AzureWriteClient {
    if (!isGranted(o.grant))
      throw new RemediationDisabled(
        'remediation is not enabled: no respond: block and no remediate --apply, so no Azure write client',
      );
    return new AzureWriteClient(o.endpoints.arm, o);
  }

  /** One declared write, sent once: the answer's status and body, or the typed Azure error. */
  async send(action: string, p: RestParams): Promise<Record<string, unknown>> {
    declaredCall(AZURE_ACTION_CALLS, action, p, true);
    const qs = encodeQuery(p.query ?? {});
    const body = p.body === undefined ? undefined : JSON.stringify(p.body);
    const request = createPipelineRequest({
      url: `${this.endpoint.base}${p.path}${qs ? `?${qs}` : ''}`,
      method: p.method,
      headers: createHttpHeaders({
        accept: 'application/json',
        ...(body ? { 'content-type': 'application/json' } : {}),
      }),
      timeout: this.o.requestTimeoutMs ?? 60_000,
      ...(body ? { body } : {}),
    });
    const response = await this.pipeline.sendRequest(this.httpClient, request);
    const text = response.bodyAsText ?? undefined;
    if (response.status >= 200 && response.status < 300) {
      let parsed: unknown = null;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        parsed = null;
      }
      return {
        status: response.status,
        ...(parsed !== null ? { body: parsed } : {}),
        // a long-running operation (201, 202) says where its outcome is read
        ...(response.headers.get('azure-asyncoperation')
          ? { asyncOperation: response.headers.get('azure-asyncoperation') }
          : {}),
      };
    }
    throw errorForAnswer({
      api: 'arm',
      method: p.method,
      path: p.path,
      status: response.status,
      body: text,
      requestId: response.headers.get('x-ms-request-id'),
      correlationId: response.headers.get('x-ms-correlation-request-id'),
      attempts: 1,
    });
  }

  close(): void {
    this.agent?.destroy();
  }
}
