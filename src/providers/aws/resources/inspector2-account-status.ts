import { inspectorStatus } from '../collectors/security-services.js';
import normaliser from '../normalisers/inspector2-account-status.js';
import { defineAwsResource } from '../resource.js';

export default defineAwsResource({
  collector: inspectorStatus,
  normaliser,
});
