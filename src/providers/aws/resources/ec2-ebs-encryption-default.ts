import { eventsAt } from '../../kit/resource.js';
import { ebsEncryptionDefault } from '../collectors/ec2.js';
import normaliser from '../normalisers/ec2-ebs-encryption-default.js';
import { defineAwsResource } from '../resource.js';

export default defineAwsResource({
  collector: ebsEncryptionDefault,
  normaliser,
  singleton: true,
  changedBy: {
    events: eventsAt(['EnableEbsEncryptionByDefault', 'DisableEbsEncryptionByDefault'], []),
  },
});
