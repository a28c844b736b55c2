import { str } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineArmNormaliser } from './azure-common.js';

/** A network watcher: Network Watcher is enabled in its region. */
export default defineArmNormaliser({
  type: 'azure.network.watcher',
  service: 'network',
  properties: { provisioningState: S.str },
  ext: (p, r) => ({
    provisioning_state: str(p.provisioningState),
    watcher_region: r.region,
  }),
});
