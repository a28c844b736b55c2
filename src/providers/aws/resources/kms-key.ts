import { afterMarker, eventsAt, itemIds } from '../../kit/resource.js';
import { keys } from '../collectors/kms.js';
import normaliser from '../normalisers/kms-key.js';
import { defineAwsResource } from '../resource.js';

export default defineAwsResource({
  collector: keys,
  normaliser,
  getOne: { ids: (raw) => itemIds(raw, 'KeyId', 'KeyArn') },
  changedBy: {
    events: {
      ...eventsAt(
        [
          'EnableKeyRotation',
          'DisableKeyRotation',
          'EnableKey',
          'DisableKey',
          'ScheduleKeyDeletion',
          'CancelKeyDeletion',
          'PutKeyPolicy',
        ],
        ['requestParameters.keyId'],
      ),
      CreateKey: ['responseElements.keyMetadata.keyId'],
    },
    normalise: afterMarker('key/'),
  },
  asff: 'AwsKmsKey',
});
