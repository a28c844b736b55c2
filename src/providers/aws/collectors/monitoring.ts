import {
  CloudTrailClient,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
} from '@aws-sdk/client-cloudtrail';
import { CloudWatchClient, paginateDescribeAlarms } from '@aws-sdk/client-cloudwatch';
import {
  ConfigServiceClient,
  DescribeConfigurationRecorderStatusCommand,
  DescribeConfigurationRecordersCommand,
} from '@aws-sdk/client-config-service';
import { paginateListSubscriptions, SNSClient } from '@aws-sdk/client-sns';
import { defineCollector } from '../collector.js';

export const trails = defineCollector({
  type: 'aws.cloudtrail.trail',
  service: 'cloudtrail',
  client: CloudTrailClient,
  scope: 'region',
  list: {
    permission: 'cloudtrail:DescribeTrails',
    // shadow trails included so an organisation trail shows in member accounts; each trail is
    // kept only in its home region, where its status and selectors can be read
    all: async (client, ctx) => {
      const out = await client.send(new DescribeTrailsCommand({ includeShadowTrails: true }));
      return (out.trailList ?? []).filter((t) => t.HomeRegion === undefined || t.HomeRegion === ctx.region);
    },
  },
  enrich: {
    status: {
      permission: 'cloudtrail:GetTrailStatus',
      call: (client, t) => client.send(new GetTrailStatusCommand({ Name: t.TrailARN ?? t.Name })),
    },
    eventSelectors: {
      permission: 'cloudtrail:GetEventSelectors',
      call: (client, t) => client.send(new GetEventSelectorsCommand({ TrailName: t.TrailARN ?? t.Name })),
    },
  },
});

export const configRecorders = defineCollector({
  type: 'aws.config.recorders',
  service: 'config',
  client: ConfigServiceClient,
  scope: 'region',
  list: {
    permission: 'config:DescribeConfigurationRecorders',
    single: (client) => client.send(new DescribeConfigurationRecordersCommand({})),
  },
  enrich: {
    status: {
      permission: 'config:DescribeConfigurationRecorderStatus',
      call: (client) => client.send(new DescribeConfigurationRecorderStatusCommand({})),
    },
  },
});

export const alarms = defineCollector({
  type: 'aws.cloudwatch.alarm',
  service: 'cloudwatch',
  client: CloudWatchClient,
  scope: 'region',
  list: {
    permission: 'cloudwatch:DescribeAlarms',
    paginate: (client) => paginateDescribeAlarms({ client, pageSize: 100 }, { AlarmTypes: ['MetricAlarm'] }),
    items: (page) => page.MetricAlarms,
  },
});

export const subscriptions = defineCollector({
  type: 'aws.sns.subscription',
  service: 'sns',
  client: SNSClient,
  scope: 'region',
  list: {
    permission: 'sns:ListSubscriptions',
    paginate: (client) => paginateListSubscriptions({ client }, {}),
    items: (page) => page.Subscriptions,
  },
});
