import { eventsAt } from '../../kit/resource.js';
import { accessAnalyzers } from '../collectors/security-services.js';
import normaliser from '../normalisers/accessanalyzer-analyzers.js';
import { defineAwsResource } from '../resource.js';

export default defineAwsResource({
  collector: accessAnalyzers,
  normaliser,
  singleton: true,
  changedBy: {
    events: eventsAt(['CreateAnalyzer', 'DeleteAnalyzer'], []),
  },
});
