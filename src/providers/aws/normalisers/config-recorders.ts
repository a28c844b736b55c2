import { z } from 'zod';
import { defineNormaliser } from '../../../core/provider.js';
import {
  at,
  bool,
  buildRecord,
  enrichment,
  type Json,
  records,
  requireItem,
  str,
  strings,
  unknownReasons,
} from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { awsArn, settingName } from './aws-common.js';

const TYPE = 'aws.config.recorders';

/** Does the recording group record every supported resource type? */
function recordsAllTypes(r: Json): boolean {
  const group = at(r, 'recordingGroup');
  if (bool(at(group, 'allSupported')) === true) return true;
  const strategy = str(at(group, 'recordingStrategy.useOnly'));
  return strategy === 'ALL_SUPPORTED_RESOURCE_TYPES';
}

const RAW = S.raw({
  item: S.obj({
    ConfigurationRecorders: S.list(
      z.looseObject({
        name: S.str,
        recordingGroup: S.obj({
          allSupported: S.bool,
          includeGlobalResourceTypes: S.bool,
          recordingStrategy: S.obj({ useOnly: S.str }),
          exclusionByResourceTypes: S.obj({ resourceTypes: S.strs }),
        }),
      }),
    ),
  }),
  status: S.answer({
    ConfigurationRecordersStatus: S.list(
      z.looseObject({ name: S.str, recording: S.bool, lastStatus: S.str }),
    ),
  }),
});

/**
 * The AWS Config recorders of one region (DescribeConfigurationRecorders) with their status
 * (DescribeConfigurationRecorderStatus): one record per region. recording is null when the
 * status could not be read.
 */
export default defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'config',
  produces: [TYPE],
  raw: RAW,
  normalise(raw, scope) {
    const answer = requireItem(raw, TYPE);
    if (!Array.isArray(answer.ConfigurationRecorders)) {
      throw new Error(`${TYPE}: missing required field item.ConfigurationRecorders`);
    }
    const status = enrichment(raw, 'status');
    const statuses = status.state === 'value' ? records(status.value.ConfigurationRecordersStatus) : null;
    const recorders = records(answer.ConfigurationRecorders).map((r) => {
      const name = str(r.name);
      const s = statuses?.find((x) => str(x.name) === name);
      return {
        name,
        all_supported: recordsAllTypes(r),
        include_global_resource_types: bool(at(r, 'recordingGroup.includeGlobalResourceTypes')) ?? false,
        excluded_types: strings(at(r, 'recordingGroup.exclusionByResourceTypes.resourceTypes')),
        // unknown when the status call failed; a recorder missing from a read status is not recording
        recording: statuses === null ? null : s ? (bool(s.recording) ?? false) : false,
        last_status: s ? str(s.lastStatus) : null,
      };
    });
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'config_recorders',
        reference: awsArn('config', scope.region, scope.account, 'configuration-recorders', scope.partition),
        name: settingName('AWS Config recorders', scope),
        service: 'config',
        ext: { recorders, unknown_facts: unknownReasons({ status }) },
        shape: {},
      }),
    ];
  },
});
