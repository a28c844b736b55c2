import { distributions } from '../collectors/cloudfront.js';
import normaliser from '../normalisers/cloudfront-distribution.js';
import { defineAwsResource } from '../resource.js';

export default defineAwsResource({
  collector: distributions,
  normaliser,
  asff: 'AwsCloudFrontDistribution',
});
