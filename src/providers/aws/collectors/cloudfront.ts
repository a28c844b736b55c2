import { CloudFrontClient, paginateListDistributions } from '@aws-sdk/client-cloudfront';
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
});
