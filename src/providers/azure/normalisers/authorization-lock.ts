import { str } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineArmNormaliser } from './azure-common.js';

const LOCK_SUFFIX = /\/providers\/Microsoft\.Authorization\/locks\/[^/]+$/i;

/**
 * A management lock: its level (CanNotDelete or ReadOnly) and the scope it protects, which is
 * its id without the lock part (a subscription, a resource group or one resource; a lock
 * applies to everything below its scope).
 */
export const managementLock = defineArmNormaliser({
  type: 'azure.authorization.lock',
  service: 'authorization',
  properties: { level: S.str, notes: S.str },
  ext: (p, r) => ({
    level: str(p.level),
    scope: r.id.replace(LOCK_SUFFIX, ''),
    notes: str(p.notes),
  }),
});
