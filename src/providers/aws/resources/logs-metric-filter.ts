import { metricFilters } from '../collectors/logs.js';
import normaliser from '../normalisers/logs-metric-filter.js';
import { defineAwsResource } from '../resource.js';

export default defineAwsResource({
  collector: metricFilters,
  normaliser,
});
