import { subscriptions } from '../collectors/monitoring.js';
import normaliser from '../normalisers/sns-subscription.js';
import { defineAwsResource } from '../resource.js';

export default defineAwsResource({
  collector: subscriptions,
  normaliser,
});
