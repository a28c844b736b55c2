import type { ResourceRecord } from '../../../core/record.js';
import { type CheckResult, error, fail, pass } from '../../../core/result.js';
import { extList, whyUnknown } from '../facts.js';

interface Endpoint {
  id: string | null;
  service_name: string | null;
  type: string | null;
  state: string | null;
}

const GONE = new Set(['rejected', 'failed', 'deleted', 'deleting', 'expired']);

/** com.amazonaws.<region>.<service> (cn.com.amazonaws... in China) -> <service> */
function serviceOf(name: string | null): string | null {
  return name === null ? null : (/^(?:cn\.)?com\.amazonaws\.[a-z0-9-]+\.(.+)$/.exec(name)?.[1] ?? null);
}

/**
 * Does the VPC have an interface endpoint for `service` (the last part of the endpoint service
 * name, com.amazonaws.<region>.<service>)? A rejected, failed or deleted endpoint does not count.
 */
export function hasInterfaceEndpoint(vpc: ResourceRecord, service: string): CheckResult {
  const endpoints = extList<Endpoint>(vpc, 'vpc_endpoints');
  if (endpoints === null) return error(`the VPC endpoints could not be read${whyUnknown(vpc, 'endpoints')}`);
  const found = endpoints.find(
    (e) =>
      e.type === 'Interface' &&
      serviceOf(e.service_name) === service &&
      !GONE.has((e.state ?? '').toLowerCase()),
  );
  return found
    ? pass(`interface endpoint ${found.id} for ${found.service_name}`)
    : fail(`${vpc.com.name} has no interface endpoint for the ${service} service`);
}
