/**
 * Thrown by a collector when the service it reads is not in use in the scope (GuardDuty has no
 * detector in the region, Security Hub is not enabled, no Access Analyzer analyzer exists): the
 * provider reports the collection as not applicable there, with the reason, not as failed.
 */
export class ServiceNotInUseError extends Error {
  override name = 'ServiceNotInUseError';
}
