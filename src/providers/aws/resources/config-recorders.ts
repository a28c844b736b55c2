import { eventsAt } from '../../kit/resource.js';
import { configRecorders } from '../collectors/monitoring.js';
import normaliser from '../normalisers/config-recorders.js';
import { defineAwsResource } from '../resource.js';

export default defineAwsResource({
  collector: configRecorders,
  normaliser,
  singleton: true,
  changedBy: {
    events: eventsAt(
      [
        'PutConfigurationRecorder',
        'StartConfigurationRecorder',
        'StopConfigurationRecorder',
        'DeleteConfigurationRecorder',
        'PutDeliveryChannel',
        'DeleteDeliveryChannel',
      ],
      [],
    ),
  },
});
