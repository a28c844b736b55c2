import { eventsAt, itemIds } from '../../kit/resource.js';
import { users } from '../collectors/iam.js';
import normaliser from '../normalisers/iam-user.js';
import { defineAwsResource } from '../resource.js';

export default defineAwsResource({
  collector: users,
  normaliser,
  getOne: { ids: (raw) => itemIds(raw, 'UserName', 'Arn') },
  changedBy: {
    events: eventsAt(
      [
        'CreateUser',
        'DeleteUser',
        'AttachUserPolicy',
        'DetachUserPolicy',
        'PutUserPolicy',
        'DeleteUserPolicy',
        'AddUserToGroup',
        'RemoveUserFromGroup',
      ],
      ['requestParameters.userName'],
    ),
  },
  asff: 'AwsIamUser',
});
