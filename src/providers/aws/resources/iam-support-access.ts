import { supportAccess } from '../collectors/iam.js';
import normaliser from '../normalisers/iam-support-access.js';
import { defineAwsResource } from '../resource.js';

export default defineAwsResource({
  collector: supportAccess,
  normaliser,
});
