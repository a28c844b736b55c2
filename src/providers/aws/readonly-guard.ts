import type { InitializeHandlerOptions, InitializeMiddleware, Priority } from '@smithy/types';
import { ReadOnlyViolation, tagAction } from './errors.js';

/**
 * A scan only reads. Every client Cloudward creates carries this middleware, which refuses any
 * operation not on the allow-list before the request is even built:
 *
 * - operations named `List*`, `Get*`, `Describe*`, `BatchGet*` and `Search*`
 *   (followed by an upper-case letter: `GetBucketPolicy`, not a hypothetical `Getaway`);
 * - two read operations with other verbs: `GenerateCredentialReport` (IAM builds a report, no
 *   configuration changes) and `LookupEvents` (CloudTrail event history);
 * - except reads of data or secrets that a configuration audit never needs and that must not
 *   happen by accident: `GetObject`, `GetObjectTorrent`, `GetSecretValue`, `BatchGetSecretValue`,
 *   `GetParameter`, `GetParameters`, `GetParametersByPath`, and the credential minting `GetSessionToken`,
 *   `GetFederationToken`, `GetAuthorizationToken`.
 *
 * The guard sees the command name of the SDK (`PutBucketPolicyCommand`), so it cannot be
 * talked around by input. Credential acquisition (sts:AssumeRole inside the SDK's credential
 * providers) uses the SDK's own internal STS client and is not a scan call.
 */
const READ_PREFIX = /^(List|Get|Describe|BatchGet|Search)[A-Z]/;
const READ_EXACT = new Set(['GenerateCredentialReport', 'LookupEvents']);
const NEVER = new Set([
  'GetObject',
  'GetObjectTorrent',
  'GetSecretValue',
  'BatchGetSecretValue',
  'GetParameter',
  'GetParameters',
  'GetParametersByPath',
  'GetSessionToken',
  'GetFederationToken',
  'GetAuthorizationToken',
]);

/** The API operation of an SDK command name: `ListBucketsCommand` -> `ListBuckets`. */
export function operationOf(commandName: string | undefined): string {
  if (!commandName) return '';
  return commandName.endsWith('Command') ? commandName.slice(0, -'Command'.length) : commandName;
}

export function isReadOnlyOperation(operation: string): boolean {
  if (NEVER.has(operation)) return false;
  return READ_EXACT.has(operation) || READ_PREFIX.test(operation);
}

export const READ_ONLY_GUARD_NAME = 'cloudwardReadOnlyGuard';

/**
 * The guard, outermost on the stack. It also tags any error with `<service>:<Operation>` so a
 * failed collection names the API action that failed, even inside a paginator.
 */
export function readOnlyGuard(service: string): {
  middleware: InitializeMiddleware<object, object>;
  options: InitializeHandlerOptions & { name: string; priority: Priority };
} {
  const middleware: InitializeMiddleware<object, object> = (next, context) => async (args) => {
    const op = operationOf(context.commandName);
    if (!isReadOnlyOperation(op)) {
      throw new ReadOnlyViolation(
        `refused ${service}:${op || '(unknown operation)'}: Cloudward only calls read-only APIs`,
      );
    }
    try {
      return await next(args);
    } catch (e) {
      tagAction(e, `${service}:${op}`);
      throw e;
    }
  };
  return {
    middleware,
    options: { step: 'initialize', priority: 'high', name: READ_ONLY_GUARD_NAME, override: true },
  };
}
