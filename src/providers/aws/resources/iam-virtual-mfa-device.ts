import { virtualMfaDevices } from '../collectors/iam.js';
import normaliser from '../normalisers/iam-virtual-mfa-device.js';
import { defineAwsResource } from '../resource.js';

export default defineAwsResource({
  collector: virtualMfaDevices,
  normaliser,
});
