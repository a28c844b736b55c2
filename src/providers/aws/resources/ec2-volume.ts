import { volumes } from '../collectors/ec2.js';
import normaliser from '../normalisers/ec2-volume.js';
import { defineAwsResource } from '../resource.js';

export default defineAwsResource({
  collector: volumes,
  normaliser,
  asff: 'AwsEc2Volume',
});
