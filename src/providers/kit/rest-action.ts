import { RemediationDisabled } from './remediation-grant.js';

/*
 * Remediation calls of the REST clouds (Azure Resource Manager, Google Cloud APIs). A plan's
 * call is named by the permission that allows it (`Microsoft.Network/.../securityRules/delete`,
 * `compute.firewalls.update`), and its parameters are the exact request: method, path, query and
 * body. Each cloud declares the calls its actions may make; its write client refuses any request
 * that is not one of them (method and path), before a token is asked for.
 */

export type RestMethod = 'GET' | 'PUT' | 'PATCH' | 'DELETE' | 'POST';

/** A call an action may make: the permission that names it, and the requests it stands for. */
export interface RestCallSpec {
  /** the permission, which is also the call's name in a plan */
  action: string;
  method: RestMethod;
  /** the API (Google: compute, storage; Azure: arm) */
  api: string;
  /** the paths it may address, below the API's root */
  path: RegExp;
  /** permissions the call needs besides its own (Compute's firewall patch: the network's) */
  alsoNeeds?: readonly string[];
}

/** The permissions of a set of calls: their names and what they also need, sorted. */
export function restPermissions(specs: readonly RestCallSpec[], calls: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const call of calls) {
    out.add(call);
    for (const s of specs) if (s.action === call) for (const p of s.alsoNeeds ?? []) out.add(p);
  }
  return [...out].sort();
}

/** A planned REST call's parameters: the request as it will be sent. */
export interface RestParams {
  method: RestMethod;
  api: string;
  path: string;
  query?: Record<string, string>;
  body?: unknown;
}

export function restParams(p: Record<string, unknown>): RestParams {
  const { method, api, path, query, body } = p;
  if (typeof method !== 'string' || typeof api !== 'string' || typeof path !== 'string')
    throw new Error('a REST call needs method, api and path');
  return {
    method: method as RestMethod,
    api,
    path,
    ...(query && typeof query === 'object' ? { query: query as Record<string, string> } : {}),
    ...(body !== undefined ? { body } : {}),
  };
}

/** The declared call a request is, or a refusal naming it. */
export function declaredCall(
  specs: readonly RestCallSpec[],
  action: string,
  p: RestParams,
  writes: boolean,
): RestCallSpec {
  const spec = specs.find(
    (s) => s.action === action && s.method === p.method && s.api === p.api && s.path.test(p.path),
  );
  if (!spec)
    throw new RemediationDisabled(
      `refused ${action} ${p.method} ${p.api} ${p.path}: not a declared remediation call`,
    );
  if (writes === (spec.method === 'GET'))
    throw new RemediationDisabled(
      `refused ${action}: ${writes ? 'a read is not made through the write client' : 'a write is not a read'}`,
    );
  return spec;
}
