import type { Trail } from '@aws-sdk/client-cloudtrail';
import { defineNormaliser } from '../../../core/provider.js';
import {
  bool,
  buildRecord,
  enrichment,
  requireItem,
  requireString,
  str,
  unknownReasons,
} from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { awsArn } from './aws-common.js';
import { arnParts } from './aws-facts.js';
import { EVENT_SELECTORS_ANSWER, readSelectors } from './cloudtrail-selectors.js';

const TYPE = 'aws.cloudtrail.trail';

/** arn:aws:logs:<region>:<account>:log-group:<name>:* -> its name, region and account. */
export function logGroupOf(arn: string | null): { name: string; region: string; account: string } | null {
  if (!arn) return null;
  const p = arnParts(arn);
  if (p?.service !== 'logs' || !p.resource.startsWith('log-group:')) return null;
  const name = p.resource.slice('log-group:'.length).replace(/:\*$/, '');
  return name ? { name, region: p.region, account: p.account } : null;
}

const RAW = S.raw({
  item: S.obj({
    Name: S.str,
    TrailARN: S.str,
    HomeRegion: S.str,
    IsMultiRegionTrail: S.bool,
    IsOrganizationTrail: S.bool,
    IncludeGlobalServiceEvents: S.bool,
    LogFileValidationEnabled: S.bool,
    KmsKeyId: S.str,
    S3BucketName: S.str,
    CloudWatchLogsLogGroupArn: S.str,
  }),
  status: S.answer({ IsLogging: S.bool, LatestDeliveryError: S.str }),
  eventSelectors: S.answer(EVENT_SELECTORS_ANSWER),
});

/**
 * A CloudTrail trail in its home region, with GetTrailStatus (`status`) and GetEventSelectors
 * (`eventSelectors`). logging and the selector facts are null when those calls failed.
 */
export default defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'cloudtrail',
  produces: [TYPE, 'audit_trail'],
  raw: RAW,
  normalise(raw, scope) {
    const t = requireItem<Trail>(raw, TYPE);
    const name = requireString(t, 'Name', TYPE, 'item.Name');
    const status = enrichment(raw, 'status');
    const selectors = enrichment(raw, 'eventSelectors');
    const sel = selectors.state === 'value' ? readSelectors(selectors.value) : null;
    const logGroupArn = str(t.CloudWatchLogsLogGroupArn);
    const home = str(t.HomeRegion) ?? scope.region;
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'audit_trail',
        reference:
          str(t.TrailARN) ?? awsArn('cloudtrail', home, scope.account, `trail/${name}`, scope.partition),
        name,
        region: home,
        service: 'cloudtrail',
        ext: {
          home_region: home,
          is_multi_region: bool(t.IsMultiRegionTrail) ?? false,
          is_organization_trail: bool(t.IsOrganizationTrail) ?? false,
          include_global_service_events: bool(t.IncludeGlobalServiceEvents),
          logging: status.state === 'value' ? bool(status.value.IsLogging) : null,
          latest_delivery_error: status.state === 'value' ? str(status.value.LatestDeliveryError) : null,
          log_file_validation: bool(t.LogFileValidationEnabled) ?? false,
          kms_key_id: str(t.KmsKeyId),
          s3_bucket: str(t.S3BucketName),
          cloudwatch_log_group_arn: logGroupArn,
          cloudwatch_log_group: logGroupOf(logGroupArn),
          management_events: sel ? sel.management : null,
          management_exclusions: sel ? sel.management_exclusions : null,
          s3_data_events: sel ? sel.s3 : null,
          unknown_facts: unknownReasons({ status, eventSelectors: selectors }),
        },
        shape: {},
      }),
    ];
  },
});
