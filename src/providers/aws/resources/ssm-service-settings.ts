import { GetServiceSettingCommand, ServiceSettingNotFound, SSMClient } from '@aws-sdk/client-ssm';
import { defineNormaliser } from '../../../core/provider.js';
import { eventsAt } from '../../kit/resource.js';
import { at, buildRecord, enrichment, requireItem, str, unknownReasons } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineCollector } from '../collector.js';
import { awsArn, settingName } from '../normalisers/aws-common.js';
import { defineAwsResource } from '../resource.js';

const TYPE = 'aws.ssm.service_settings';

const PUBLIC_SHARING = '/ssm/documents/console/public-sharing-permission';
const AUTOMATION_LOGS = '/ssm/automation/customer-script-log-destination';

/**
 * The Systems Manager settings of a region that FSBP judges: whether documents may be shared
 * publicly, and where Automation sends the output of its scripts (GetServiceSetting, one call
 * each per region). A setting never changed answers ServiceSettingNotFound in some regions:
 * its default applies (public sharing allowed, no script logging).
 */
const collector = defineCollector({
  type: TYPE,
  service: 'ssm',
  client: SSMClient,
  scope: 'region',
  list: {
    permission: 'ssm:GetServiceSetting',
    single: async () => ({ settings: [PUBLIC_SHARING, AUTOMATION_LOGS] }),
  },
  enrich: {
    publicSharing: {
      permission: 'ssm:GetServiceSetting',
      facts: ['public_sharing_blocked'],
      absentOn: [ServiceSettingNotFound],
      call: (client) => client.send(new GetServiceSettingCommand({ SettingId: PUBLIC_SHARING })),
    },
    automationLogs: {
      permission: 'ssm:GetServiceSetting',
      facts: ['automation_log_destination'],
      absentOn: [ServiceSettingNotFound],
      call: (client) => client.send(new GetServiceSettingCommand({ SettingId: AUTOMATION_LOGS })),
    },
  },
});

const SETTING = S.answer({ ServiceSetting: S.obj({ SettingId: S.str, SettingValue: S.str }) });
const RAW = S.raw({ item: S.obj({ settings: S.strs }), publicSharing: SETTING, automationLogs: SETTING });

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'ssm',
  produces: [TYPE],
  raw: RAW,
  normalise(raw, scope) {
    requireItem(raw, TYPE);
    const sharing = enrichment(raw, 'publicSharing');
    const logs = enrichment(raw, 'automationLogs');
    const value = (e: typeof sharing, fallback: string) =>
      e.state === 'value'
        ? (str(at(e.value, 'ServiceSetting.SettingValue')) ?? fallback)
        : e.state === 'absent'
          ? fallback
          : null;
    const sharingValue = value(sharing, 'Enable');
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
          public_sharing_blocked: sharingValue === null ? null : sharingValue === 'Disable',
          automation_log_destination: value(logs, 'None'),
          unknown_facts: unknownReasons({ publicSharing: sharing, automationLogs: logs }),
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
