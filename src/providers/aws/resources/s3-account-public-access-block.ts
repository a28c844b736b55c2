import { eventsAt } from '../../kit/resource.js';
import { accountPublicAccessBlock } from '../collectors/s3.js';
import normaliser from '../normalisers/s3-account-public-access-block.js';
import { defineAwsResource } from '../resource.js';

export default defineAwsResource({
  collector: accountPublicAccessBlock,
  normaliser,
  singleton: true,
  changedBy: {
    events: eventsAt(['PutAccountPublicAccessBlock', 'DeleteAccountPublicAccessBlock'], []),
  },
});
