import { logGroups } from '../collectors/logs.js';
import normaliser from '../normalisers/logs-log-group.js';
import { defineAwsResource } from '../resource.js';

export default defineAwsResource({
  collector: logGroups,
  normaliser,
});
