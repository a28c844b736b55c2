import { eventsAt } from '../../kit/resource.js';
import { passwordPolicy } from '../collectors/iam.js';
import normaliser from '../normalisers/iam-password-policy.js';
import { defineAwsResource } from '../resource.js';

export default defineAwsResource({
  collector: passwordPolicy,
  normaliser,
  singleton: true,
  changedBy: {
    events: eventsAt(['UpdateAccountPasswordPolicy', 'DeleteAccountPasswordPolicy'], []),
  },
});
