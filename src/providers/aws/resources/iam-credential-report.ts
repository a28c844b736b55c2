import { credentialReport } from '../collectors/iam.js';
import normaliser from '../normalisers/iam-credential-report.js';
import { defineAwsResource } from '../resource.js';

export default defineAwsResource({
  collector: credentialReport,
  normaliser,
});
