import { defineNormaliser } from '../../../core/provider.js';
import { at, bool, buildRecord, num, str, strings } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { armItem, armResource } from './azure-common.js';

const TYPE = 'azure.monitor.log_profile';
const ALL_CATEGORIES = ['Write', 'Delete', 'Action'];

const RAW = S.raw({
  item: armItem({
    retentionPolicy: S.obj({ enabled: S.bool, days: S.num }),
    categories: S.strs,
    locations: S.strs,
    storageAccountId: S.str,
    serviceBusRuleId: S.str,
  }),
});

/**
 * An Activity Log profile ('log_profile'). A retention policy that is disabled, or enabled with
 * 0 days, keeps the logs forever: retention_days 0. Without a retention policy the facts are null.
 */
export default defineNormaliser({
  type: TYPE,
  cloud: 'azure',
  service: 'monitor',
  produces: [TYPE, 'log_profile'],
  raw: RAW,
  normalise(raw, scope) {
    const lp = armResource(raw, TYPE);
    const enabled = bool(at(lp.properties, 'retentionPolicy.enabled'));
    const days = num(at(lp.properties, 'retentionPolicy.days'));
    const categories = strings(lp.properties.categories);
    const locations = strings(lp.properties.locations);
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'log_profile',
        reference: lp.id,
        name: lp.name,
        region: lp.region,
        service: 'monitor',
        tags: lp.tags,
        ext: {
          categories,
          all_categories: ALL_CATEGORIES.every((c) =>
            categories.some((x) => x.toLowerCase() === c.toLowerCase()),
          ),
          locations,
          covers_global: locations.some((l) => l.toLowerCase() === 'global'),
          storage_account_id: str(lp.properties.storageAccountId),
          service_bus_rule_id: str(lp.properties.serviceBusRuleId),
        },
        shape: {
          retention_enabled: enabled,
          retention_days: enabled === false ? 0 : enabled === true ? days : null,
        },
      }),
    ];
  },
});
