import { serverCertificates } from '../collectors/iam.js';
import normaliser from '../normalisers/iam-server-certificate.js';
import { defineAwsResource } from '../resource.js';

export default defineAwsResource({
  collector: serverCertificates,
  normaliser,
});
