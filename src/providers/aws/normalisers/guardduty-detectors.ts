import { z } from 'zod';
import { defineNormaliser } from '../../../core/provider.js';
import { buildRecord, isErrorFact, records, requireItem, str, strings } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { awsArn, settingName } from './aws-common.js';

const TYPE = 'aws.guardduty.detectors';

const RAW = S.raw({
  item: S.obj({ DetectorIds: S.strs }),
  detectors: S.answerList(
    z.looseObject({
      DetectorId: S.str,
      Status: S.str,
      Features: S.list(
        z.looseObject({
          Name: S.str,
          Status: S.str,
          AdditionalConfiguration: S.list(z.looseObject({ Name: S.str, Status: S.str })),
        }),
      ),
    }),
  ),
});

/**
 * The protection plans of the region's enabled detector (GetDetector Features): feature name ->
 * status, and `<feature>/<configuration>` -> status for their additional configurations (the
 * runtime monitoring agents). Null when no detector is enabled or none could be read.
 */
function featuresOf(detectors: Record<string, unknown>[] | null): Record<string, string> | null {
  const on = detectors?.find((d) => str(d.Status) === 'ENABLED');
  if (!on) return null;
  const out: Record<string, string> = {};
  for (const f of records(on.Features)) {
    const name = str(f.Name);
    if (name === null) continue;
    out[name] = str(f.Status) ?? 'UNKNOWN';
    for (const a of records(f.AdditionalConfiguration)) {
      const sub = str(a.Name);
      if (sub !== null) out[`${name}/${sub}`] = str(a.Status) ?? 'UNKNOWN';
    }
  }
  return out;
}

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
          features: featuresOf(detectors),
          detectors_error: isErrorFact(raw.detectors) ? raw.detectors.__error : null,
        },
        shape: {},
      }),
    ];
  },
});
