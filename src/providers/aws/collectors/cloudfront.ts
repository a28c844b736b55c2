import {
  CloudFrontClient,
  type DistributionSummary,
  GetDistributionConfigCommand,
  paginateListDistributions,
} from '@aws-sdk/client-cloudfront';
import { defineCollector } from '../collector.js';

export const distributions = defineCollector({
  type: 'aws.cloudfront.distribution',
  service: 'cloudfront',
  client: CloudFrontClient,
  scope: 'global',
  list: {
    permission: 'cloudfront:ListDistributions',
    paginate: (client) => paginateListDistributions({ client, pageSize: 100 }, {}),
    items: (page) => page.DistributionList?.Items,
  },
  enrich: {
    // the summary leaves out the default root object and the logging settings
    config: {
      permission: 'cloudfront:GetDistributionConfig',
      facts: ['default_root_object', 'logging_enabled'],
      call: (client, d: DistributionSummary) => client.send(new GetDistributionConfigCommand({ Id: d.Id })),
    },
  },
});
