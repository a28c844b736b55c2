import { TrailNotFoundException } from '@aws-sdk/client-cloudtrail';
import { afterMarker, eventsAt, itemIds } from '../../kit/resource.js';
import { trails } from '../collectors/monitoring.js';
import normaliser from '../normalisers/cloudtrail-trail.js';
import { defineAwsResource } from '../resource.js';

export default defineAwsResource({
  collector: trails,
  normaliser,
  getOne: {
    ids: (raw) => itemIds(raw, 'Name', 'TrailARN'),
    narrow: {
      DescribeTrailsCommand: (input, id) => {
        input.trailNameList = [id];
        return true;
      },
    },
    absentOn: [TrailNotFoundException, 'TrailNotFound'],
  },
  changedBy: {
    events: eventsAt(
      [
        'CreateTrail',
        'UpdateTrail',
        'DeleteTrail',
        'StartLogging',
        'StopLogging',
        'PutEventSelectors',
        'PutInsightSelectors',
      ],
      ['requestParameters.name', 'requestParameters.trailName'],
    ),
    normalise: afterMarker('trail/'),
  },
  asff: 'AwsCloudTrailTrail',
});
