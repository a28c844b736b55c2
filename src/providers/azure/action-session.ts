import type { TokenCredential } from '@azure/core-auth';
import { RemediationDisabled, type RemediationGrant } from '../kit/remediation-grant.js';
import { declaredCall, restParams } from '../kit/rest-action.js';
import type { AzureRead } from './action.js';
import { AZURE_ACTION_CALLS } from './actions/calls.js';
import { resolveEndpoints } from './clouds.js';
import type { AzureProviderConfig } from './config.js';
import { createCredential } from './credentials.js';
import { AzureAbsentError } from './errors.js';
import { createAzureTransport } from './index.js';
import type { AzureTransport } from './transport.js';
import { AzureWriteClient } from './write-client.js';

export interface AzureActionSessionOptions {
  /** the azure provider whose credential acts */
  provider: AzureProviderConfig;
  /** present only when remediation is enabled: without it the session only reads (dry runs) */
  grant?: RemediationGrant;
  /** test seams */
  credential?: TokenCredential;
  ca?: string | Buffer;
  env?: NodeJS.ProcessEnv;
}

const SUBSCRIPTION_API_VERSION = '2022-12-01';

/**
 * The clients an Azure action uses in one subscription: reads through the scan's read-only
 * transport, writes through the separate write client (only with a grant). The credential must
 * see the subscription, or the session is refused before any call to its resources.
 */
export class AzureActionSession {
  private constructor(
    private readonly transport: AzureTransport,
    private readonly writer: AzureWriteClient | undefined,
  ) {}

  static async open(subscription: string, o: AzureActionSessionOptions): Promise<AzureActionSession> {
    const env = o.env ?? process.env;
    const endpoints = resolveEndpoints(o.provider, env);
    const credential =
      o.credential ??
      createCredential(
        {
          credential: o.provider.credential,
          tenant_id: o.provider.tenant_id,
          client_id: o.provider.client_id,
          authorityHost: endpoints.authorityHost,
        },
        env,
      );
    const transport = createAzureTransport(o.provider, {
      env,
      credential,
      ...(o.ca ? { ca: o.ca } : {}),
      userAgent: 'cloudward-remediation',
    });
    try {
      await transport.get('arm', `/subscriptions/${encodeURIComponent(subscription)}`, {
        'api-version': SUBSCRIPTION_API_VERSION,
      });
    } catch (e) {
      transport.close();
      throw new Error(
        `the credential cannot read subscription ${subscription}: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
    const writer = o.grant
      ? AzureWriteClient.create({
          endpoints,
          credential,
          grant: o.grant,
          requestTimeoutMs: o.provider.request_timeout_ms,
          ...(o.ca ? { ca: o.ca } : {}),
        })
      : undefined;
    return new AzureActionSession(transport, writer);
  }

  get canWrite(): boolean {
    return this.writer !== undefined;
  }

  readonly read: AzureRead = async (action, params) => {
    declaredCall(AZURE_ACTION_CALLS, action, params, false);
    try {
      return await this.transport.get<Record<string, unknown>>('arm', params.path, params.query ?? {});
    } catch (e) {
      if (e instanceof AzureAbsentError) return null;
      throw e;
    }
  };

  async write(
    action: string,
    _region: string,
    params: Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    if (!this.writer)
      throw new RemediationDisabled(
        `refused ${action}: remediation is not enabled (no respond: block and no remediate --apply)`,
      );
    return this.writer.send(action, restParams(params));
  }

  close(): void {
    this.transport.close();
    this.writer?.close();
  }
}
