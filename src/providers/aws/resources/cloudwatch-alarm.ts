import { alarms } from '../collectors/monitoring.js';
import normaliser from '../normalisers/cloudwatch-alarm.js';
import { defineAwsResource } from '../resource.js';

export default defineAwsResource({
  collector: alarms,
  normaliser,
});
