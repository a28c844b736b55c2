import { groups } from '../collectors/iam.js';
import normaliser from '../normalisers/iam-group.js';
import { defineAwsResource } from '../resource.js';

export default defineAwsResource({
  collector: groups,
  normaliser,
  asff: 'AwsIamGroup',
});
