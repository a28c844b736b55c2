import { accountSummary } from '../collectors/iam.js';
import normaliser from '../normalisers/iam-account-summary.js';
import { defineAwsResource } from '../resource.js';

export default defineAwsResource({
  collector: accountSummary,
  normaliser,
});
