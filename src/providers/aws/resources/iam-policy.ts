import { customerPolicies } from '../collectors/iam.js';
import normaliser from '../normalisers/iam-policy.js';
import { defineAwsResource } from '../resource.js';

export default defineAwsResource({
  collector: customerPolicies,
  normaliser,
  asff: 'AwsIamPolicy',
});
