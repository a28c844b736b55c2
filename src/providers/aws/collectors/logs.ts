import {
  CloudWatchLogsClient,
  paginateDescribeLogGroups,
  paginateDescribeMetricFilters,
} from '@aws-sdk/client-cloudwatch-logs';
import { defineCollector } from '../collector.js';

export const logGroups = defineCollector({
  type: 'aws.logs.log_group',
  service: 'logs',
  client: CloudWatchLogsClient,
  scope: 'region',
  list: {
    permission: 'logs:DescribeLogGroups',
    paginate: (client) => paginateDescribeLogGroups({ client, pageSize: 50 }, {}),
    items: (page) => page.logGroups,
  },
});

export const metricFilters = defineCollector({
  type: 'aws.logs.metric_filter',
  service: 'logs',
  client: CloudWatchLogsClient,
  scope: 'region',
  list: {
    permission: 'logs:DescribeMetricFilters',
    paginate: (client) => paginateDescribeMetricFilters({ client, pageSize: 50 }, {}),
    items: (page) => page.metricFilters,
  },
});
