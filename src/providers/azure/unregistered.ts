import type * as kit from '../kit/collector.js';
import { ServiceNotInUseError } from '../kit/not-in-use.js';
import type { AzureCollectContext } from './collector.js';
import { isAzureError } from './errors.js';
import type { AzureTransport } from './transport.js';

type ArmPagedList<I> = kit.PagedList<AzureCollectContext, AzureTransport, I, I[]>;

/**
 * Resource Manager refuses a subscription-wide list of a resource type whose provider the
 * subscription never registered (409 MissingSubscriptionRegistration): nothing of the type can
 * exist there. `notInUse` names the service, and the collection is not applicable with Azure's
 * reason (its per-resource controls do not apply); `none` reads it as an empty list, for
 * controls that require the resource to exist (no Application Insights is a failure, not
 * "not applicable").
 */
export function unregisteredMeans<I>(
  list: ArmPagedList<I>,
  meaning: { notInUse: string } | 'none',
): ArmPagedList<I> {
  return {
    ...list,
    async *paginate(t, ctx) {
      try {
        yield* list.paginate(t, ctx);
      } catch (e) {
        if (!isAzureError(e) || e.code.toLowerCase() !== 'missingsubscriptionregistration') throw e;
        if (meaning === 'none') return;
        throw new ServiceNotInUseError(`${meaning.notInUse} is not in use: ${e.azureMessage}`);
      }
    },
  };
}
