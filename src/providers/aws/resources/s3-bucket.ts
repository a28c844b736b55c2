import { eventsAt, itemIds } from '../../kit/resource.js';
import { buckets } from '../collectors/s3.js';
import normaliser from '../normalisers/s3-bucket.js';
import { defineAwsResource } from '../resource.js';

export default defineAwsResource({
  collector: buckets,
  normaliser,
  getOne: { ids: (raw) => itemIds(raw, 'Name') },
  changedBy: {
    events: eventsAt(
      [
        'CreateBucket',
        'DeleteBucket',
        'PutBucketPolicy',
        'DeleteBucketPolicy',
        'PutBucketAcl',
        'PutBucketPublicAccessBlock',
        'DeleteBucketPublicAccessBlock',
        'PutPublicAccessBlock',
        'DeletePublicAccessBlock',
        'PutBucketEncryption',
        'DeleteBucketEncryption',
        'PutBucketVersioning',
        'PutBucketLogging',
      ],
      ['requestParameters.bucketName'],
    ),
  },
  asff: 'AwsS3Bucket',
});
