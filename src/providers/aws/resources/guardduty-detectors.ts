import { eventsAt } from '../../kit/resource.js';
import { guardDutyDetectors } from '../collectors/security-services.js';
import normaliser from '../normalisers/guardduty-detectors.js';
import { defineAwsResource } from '../resource.js';

export default defineAwsResource({
  collector: guardDutyDetectors,
  normaliser,
  singleton: true,
  changedBy: {
    events: eventsAt(['CreateDetector', 'DeleteDetector', 'UpdateDetector'], []),
  },
});
