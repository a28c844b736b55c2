import { z } from 'zod';
import { defineNormaliser } from '../../../core/provider.js';
import { buildRecord, isErrorFact, records, requireItem, str, strings } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { awsArn, settingName } from './aws-common.js';

const TYPE = 'aws.guardduty.detectors';

const RAW = S.raw({
  item: S.obj({ DetectorIds: S.strs }),
  detectors: S.answerList(z.looseObject({ DetectorId: S.str, Status: S.str })),
});

/**
 * GuardDuty in one region: the detector ids (ListDetectors) and each detector (GetDetector).
 * enabled is true when a detector is ENABLED, false when there is none or all are suspended,
 * and null when detectors exist but could not be read.
 */
export default defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'guardduty',
  produces: [TYPE],
  raw: RAW,
  normalise(raw, scope) {
    const item = requireItem(raw, TYPE);
    if (!Array.isArray(item.DetectorIds)) throw new Error(`${TYPE}: missing required field item.DetectorIds`);
    const ids = strings(item.DetectorIds);
    const detectors = Array.isArray(raw.detectors) ? records(raw.detectors) : null;
    const statuses = detectors?.map((d) => ({ id: str(d.DetectorId), status: str(d.Status) })) ?? null;
    let enabled: boolean | null;
    if (ids.length === 0) enabled = false;
    else if (statuses === null) enabled = null;
    else enabled = statuses.some((s) => s.status === 'ENABLED');
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'security_service',
        reference: awsArn('guardduty', scope.region, scope.account, 'detectors', scope.partition),
        name: settingName('GuardDuty', scope),
        service: 'guardduty',
        ext: {
          enabled,
          detector_ids: ids,
          detectors: statuses,
          detectors_error: isErrorFact(raw.detectors) ? raw.detectors.__error : null,
        },
        shape: {},
      }),
    ];
  },
});
