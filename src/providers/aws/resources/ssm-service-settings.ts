import { GetServiceSettingCommand, ServiceSettingNotFound, SSMClient } from '@aws-sdk/client-ssm';
import { defineNormaliser } from '../../../core/provider.js';
import { eventsAt } from '../../kit/resource.js';
import { at, buildRecord, requireItem, str } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineCollector } from '../collector.js';
import { isAwsError } from '../errors.js';
import { awsArn, settingName } from '../normalisers/aws-common.js';
import { defineAwsResource } from '../resource.js';

const TYPE = 'aws.ssm.service_settings';

const PUBLIC_SHARING = '/ssm/documents/console/public-sharing-permission';
const AUTOMATION_LOGS = '/ssm/automation/customer-script-log-destination';

/**
 * The Systems Manager settings of a region that FSBP judges: whether documents may be shared
 * publicly, and where Automation sends the output of its scripts (GetServiceSetting, one call
 * each per region). A setting never changed answers ServiceSettingNotFound in some regions:
 * its default applies (public sharing allowed, no script logging). A refused read fails the
 * region's collection, so its checks say they could not evaluate it.
 */
const collector = defineCollector({
  type: TYPE,
  service: 'ssm',
  client: SSMClient,
  scope: 'region',
  list: {
    permission: 'ssm:GetServiceSetting',
    single: async (client) => {
      const read = async (SettingId: string) => {
        try {
          return (await client.send(new GetServiceSettingCommand({ SettingId }))).ServiceSetting ?? null;
        } catch (e) {
          if (isAwsError(e, [ServiceSettingNotFound])) return null;
          throw e;
        }
      };
      return { publicSharing: await read(PUBLIC_SHARING), automationLogs: await read(AUTOMATION_LOGS) };
    },
  },
});

const SETTING = S.obj({ SettingId: S.str, SettingValue: S.str });
const RAW = S.raw({ item: S.obj({ publicSharing: SETTING, automationLogs: SETTING }) });

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'ssm',
  produces: [TYPE],
  raw: RAW,
  normalise(raw, scope) {
    const item = requireItem(raw, TYPE);
    // null: never changed, the default applies
    const value = (setting: unknown, fallback: string) => str(at(setting, 'SettingValue')) ?? fallback;
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'region_setting',
        reference: awsArn('ssm', scope.region, scope.account, 'servicesetting', scope.partition),
        name: settingName('Systems Manager settings', scope),
        service: 'ssm',
        ext: {
          public_sharing_blocked: value(item.publicSharing, 'Enable') === 'Disable',
          automation_log_destination: value(item.automationLogs, 'None'),
        },
        shape: {},
      }),
    ];
  },
});

export default defineAwsResource({
  collector,
  normaliser,
  singleton: true,
  changedBy: { events: eventsAt(['UpdateServiceSetting', 'ResetServiceSetting'], []) },
});
