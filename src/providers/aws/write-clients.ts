import type { AwsCredentialIdentityProvider, InitializeMiddleware } from '@smithy/types';
import {
  grantRemediation,
  isGranted,
  RemediationDisabled,
  type RemediationGrant,
} from '../kit/remediation-grant.js';
import { AWS_ACTION_COMMANDS } from './actions/commands.js';
import { AccountClients, buildClient, type ClientSettings, type SdkClient } from './clients.js';
import { tagAction } from './errors.js';
import { operationOf } from './readonly-guard.js';

/*
 * The write path of remediation, apart from everything a scan uses. Scans' clients
 * (AccountClients) carry the read-only guard, which refuses every write whatever the caller
 * asks. Write clients are a separate factory that can only be built with a RemediationGrant,
 * and a grant is only issued when remediation is configured (a `respond:` block) or asked for
 * on the command line (`remediate --apply`). Their guard allows only the calls remediation
 * actions declare (AWS_ACTION_COMMANDS), and they never retry a write: a write whose answer was
 * lost is re-read, not repeated.
 */

export { grantRemediation, RemediationDisabled, type RemediationGrant };

const ALLOWED_WRITES = new Set(
  Object.entries(AWS_ACTION_COMMANDS).map(([action, e]) => `${e.client.name}:${action.split(':')[1]}`),
);

/** Refuses any call that is not a declared remediation call of this client. */
function writeGuard(clientName: string, service: string): InitializeMiddleware<object, object> {
  return (next, context) => async (args) => {
    const op = operationOf(context.commandName);
    if (!ALLOWED_WRITES.has(`${clientName}:${op}`)) {
      throw new RemediationDisabled(
        `refused ${service}:${op || '(unknown operation)'}: not a remediation call`,
      );
    }
    try {
      return await next(args);
    } catch (e) {
      tagAction(e, `${service}:${op}`);
      throw e;
    }
  };
}

export type ActionClientSettings = Omit<ClientSettings, 'maxAttempts'>;

/** The clients of one account for remediation: reads through the scan's guarded clients, writes only with a grant. */
export class AwsActionClients {
  private readonly reads: AccountClients;
  private readonly writes = new Map<string, SdkClient>();

  constructor(
    readonly account: string,
    private readonly credentials: AwsCredentialIdentityProvider,
    private readonly settings: ActionClientSettings,
    private readonly grant?: RemediationGrant,
  ) {
    this.reads = new AccountClients(account, credentials, { ...settings, maxAttempts: 3 });
  }

  /** the read-only clients (the scan's kind) of the account */
  get readClients(): AccountClients {
    return this.reads;
  }

  get canWrite(): boolean {
    return isGranted(this.grant);
  }

  /** A read call by its `<service>:<Operation>` name, through the read-only guard. */
  async read(
    action: string,
    region: string,
    input: Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    const e = AWS_ACTION_COMMANDS[action];
    if (!e) throw new Error(`no remediation command ${action}`);
    const client = this.reads.get(e.client, e.service, region) as SdkClient & {
      send(c: unknown): Promise<unknown>;
    };
    return (await client.send(new e.command(input))) as Record<string, unknown>;
  }

  /** A write call; refused without a grant. Made once: never retried. */
  async write(
    action: string,
    region: string,
    input: Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    if (!this.canWrite) {
      throw new RemediationDisabled(
        `refused ${action}: remediation is not enabled (no respond: block and no remediate --apply)`,
      );
    }
    const e = AWS_ACTION_COMMANDS[action];
    if (!e) throw new RemediationDisabled(`refused ${action}: not a remediation call`);
    const key = `${e.client.name}/${region}`;
    let client = this.writes.get(key);
    if (!client) {
      client = buildClient(e.client, region, this.credentials, { ...this.settings, maxAttempts: 1 });
      client.middlewareStack.add(writeGuard(e.client.name, e.service), {
        step: 'initialize',
        priority: 'high',
        name: 'cloudwardWriteGuard',
        override: true,
      });
      this.writes.set(key, client);
    }
    const answer = (await (client as SdkClient & { send(c: unknown): Promise<unknown> }).send(
      new e.command(input),
    )) as Record<string, unknown>;
    const { $metadata: _, ...rest } = answer;
    return rest;
  }

  destroy(): void {
    this.reads.destroy();
    for (const c of this.writes.values()) c.destroy();
    this.writes.clear();
  }
}
