import { roles } from '../collectors/iam.js';
import normaliser from '../normalisers/iam-role.js';
import { defineAwsResource } from '../resource.js';

export default defineAwsResource({
  collector: roles,
  normaliser,
  asff: 'AwsIamRole',
});
