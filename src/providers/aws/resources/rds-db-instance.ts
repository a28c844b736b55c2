import { DBInstanceNotFoundFault } from '@aws-sdk/client-rds';
import { eventsAt, itemIds } from '../../kit/resource.js';
import { dbInstances } from '../collectors/rds.js';
import normaliser from '../normalisers/rds-db-instance.js';
import { defineAwsResource } from '../resource.js';

export default defineAwsResource({
  collector: dbInstances,
  normaliser,
  getOne: {
    ids: (raw) => itemIds(raw, 'DBInstanceIdentifier', 'DBInstanceArn'),
    narrow: {
      DescribeDBInstancesCommand: (input, id) => {
        input.DBInstanceIdentifier = id;
        return true;
      },
    },
    absentOn: [DBInstanceNotFoundFault, 'DBInstanceNotFound'],
  },
  changedBy: {
    events: eventsAt(
      [
        'CreateDBInstance',
        'ModifyDBInstance',
        'DeleteDBInstance',
        'RebootDBInstance',
        'RestoreDBInstanceFromDBSnapshot',
        'RestoreDBInstanceToPointInTime',
        'CreateDBInstanceReadReplica',
      ],
      ['requestParameters.dBInstanceIdentifier', 'requestParameters.targetDBInstanceIdentifier'],
    ),
  },
  asff: 'AwsRdsDbInstance',
});
