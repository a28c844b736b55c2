import { eventsAt } from '../../kit/resource.js';
import { securityHub } from '../collectors/security-services.js';
import normaliser from '../normalisers/securityhub-hub.js';
import { defineAwsResource } from '../resource.js';

export default defineAwsResource({
  collector: securityHub,
  normaliser,
  singleton: true,
  changedBy: {
    events: eventsAt(['EnableSecurityHub', 'DisableSecurityHub'], []),
  },
});
