import { Agent } from 'node:https';
import { RemediationDisabled, type RemediationGrant } from '../kit/remediation-grant.js';
import { declaredCall, restParams } from '../kit/rest-action.js';
import type { GcpRead } from './action.js';
import { GCP_ACTION_CALLS } from './actions/calls.js';
import { GcpEndpoints } from './apis.js';
import type { GcpProviderConfig } from './config.js';
import { type GcpCredential, resolveCredential } from './credentials.js';
import { GcpAbsentError } from './errors.js';
import { createGcpTransport } from './index.js';
import type { GcpTransport } from './transport.js';
import { GcpWriteClient } from './write-client.js';

export interface GcpActionSessionOptions {
  /** the gcp provider whose credential (and impersonation) acts */
  provider: GcpProviderConfig;
  /** present only when remediation is enabled: without it the session only reads (dry runs) */
  grant?: RemediationGrant;
  /** test seams */
  env?: NodeJS.ProcessEnv;
  ca?: string | Buffer;
}

/**
 * The clients a GCP action uses in one project: reads through the scan's read-only transport,
 * writes through the separate write client (only with a grant), both with the provider's
 * credential. The credential must see the project, or the session is refused before any call
 * to its resources.
 */
export class GcpActionSession {
  private constructor(
    private readonly transport: GcpTransport,
    private readonly writer: GcpWriteClient | undefined,
    private readonly agent: Agent | undefined,
  ) {}

  static async open(project: string, o: GcpActionSessionOptions): Promise<GcpActionSession> {
    const env = o.env ?? process.env;
    const endpoints = GcpEndpoints.resolve(o.provider, env);
    const agent = o.ca ? new Agent({ keepAlive: false, ca: o.ca }) : undefined;
    const credential: GcpCredential = await resolveCredential({
      endpoints,
      impersonateServiceAccount: o.provider.impersonate_service_account,
      delegates: o.provider.delegates,
      agent,
    });
    const transport = await createGcpTransport(o.provider, {
      env,
      credential,
      ...(o.ca ? { ca: o.ca } : {}),
      userAgent: 'cloudward-remediation',
    });
    try {
      await transport.get('cloudresourcemanager', `v1/projects/${encodeURIComponent(project)}`, { project });
    } catch (e) {
      transport.close();
      agent?.destroy();
      throw new Error(
        `the credential cannot read project ${project}: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
    const writer = o.grant
      ? GcpWriteClient.create({
          client: credential.client,
          endpoints: credential.endpoints,
          grant: o.grant,
          requestTimeoutMs: o.provider.request_timeout_ms,
          ...(agent ? { agent } : {}),
        })
      : undefined;
    return new GcpActionSession(transport, writer, agent);
  }

  get canWrite(): boolean {
    return this.writer !== undefined;
  }

  readonly read: GcpRead = async (action, params) => {
    declaredCall(GCP_ACTION_CALLS, action, params, false);
    try {
      return await this.transport.get<Record<string, unknown>>(params.api, params.path, {
        ...(params.query ? { query: params.query } : {}),
      });
    } catch (e) {
      if (e instanceof GcpAbsentError) return null;
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
    this.agent?.destroy();
  }
}
