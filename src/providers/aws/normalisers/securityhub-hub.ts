import { z } from 'zod';
import { defineNormaliser } from '../../../core/provider.js';
import { buildRecord, isErrorFact, isRecord, records, str } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { awsArn, settingName } from './aws-common.js';

const TYPE = 'aws.securityhub.hub';

/** item null: the account is not subscribed in the region. */
const RAW = S.raw({
  item: S.obj({ HubArn: S.str }),
  standards: S.answerList(z.looseObject({ StandardsArn: S.str, StandardsStatus: S.str })),
});

/**
 * Security Hub in one region (DescribeHub): item null when the account is not subscribed there
 * (the collector's "not configured" answer), with the enabled standards (GetEnabledStandards)
 * when it is. standards is null when that call failed.
 */
export default defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'securityhub',
  produces: [TYPE],
  raw: RAW,
  normalise(raw, scope) {
    if (!('item' in raw)) throw new Error(`${TYPE}: missing required field item (the list call's answer)`);
    const hub = raw.item;
    if (hub !== null && !isRecord(hub)) throw new Error(`${TYPE}: item is not an object or null`);
    const standards = Array.isArray(raw.standards) ? records(raw.standards) : null;
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'security_service',
        reference: awsArn('securityhub', scope.region, scope.account, 'hub/default', scope.partition),
        name: settingName('Security Hub', scope),
        service: 'securityhub',
        ext: {
          enabled: hub !== null,
          hub_arn: hub ? str(hub.HubArn) : null,
          standards:
            hub === null
              ? []
              : standards === null
                ? null
                : standards.map((s) => ({ arn: str(s.StandardsArn), status: str(s.StandardsStatus) })),
          standards_error: isErrorFact(raw.standards) ? raw.standards.__error : null,
        },
        shape: {},
      }),
    ];
  },
});
