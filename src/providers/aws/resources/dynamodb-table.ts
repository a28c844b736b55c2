import {
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  DynamoDBClient,
  paginateListTables,
  ResourceNotFoundException,
  TableNotFoundException,
} from '@aws-sdk/client-dynamodb';
import { defineNormaliser } from '../../../core/provider.js';
import { eventsAt, itemIds } from '../../kit/resource.js';
import {
  at,
  bool,
  buildRecord,
  enrichment,
  num,
  requireItem,
  requireString,
  str,
  unknownReasons,
} from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineCollector } from '../collector.js';
import { awsArn } from '../normalisers/aws-common.js';
import { defineAwsResource } from '../resource.js';

const TYPE = 'aws.dynamodb.table';

interface TableName {
  TableName: string;
}

/**
 * DynamoDB tables: ListTables names them, DescribeTable (one call per table: DynamoDB has no
 * bulk describe) gives the settings, DescribeContinuousBackups the point-in-time recovery status.
 */
const collector = defineCollector({
  type: TYPE,
  service: 'dynamodb',
  client: DynamoDBClient,
  scope: 'region',
  list: {
    permission: 'dynamodb:ListTables',
    paginate: (client) => paginateListTables({ client, pageSize: 100 }, {}),
    items: (page): TableName[] | undefined => page.TableNames?.map((TableName) => ({ TableName })),
  },
  enrich: {
    table: {
      permission: 'dynamodb:DescribeTable',
      // deleted between the listing and the call: nothing to describe
      absentOn: [ResourceNotFoundException],
      call: (client, t: TableName) => client.send(new DescribeTableCommand({ TableName: t.TableName })),
    },
    continuousBackups: {
      permission: 'dynamodb:DescribeContinuousBackups',
      facts: ['point_in_time_recovery'],
      absentOn: [TableNotFoundException],
      call: (client, t: TableName) =>
        client.send(new DescribeContinuousBackupsCommand({ TableName: t.TableName })),
    },
  },
  // ListTables cannot be narrowed to one name: re-collection lists and keeps the one table
  getOne: { ids: (raw) => itemIds(raw, 'TableName') },
});

const RAW = S.raw({
  item: S.obj({ TableName: S.str }),
  table: S.answer({
    Table: S.obj({
      TableName: S.str,
      TableArn: S.str,
      TableStatus: S.str,
      DeletionProtectionEnabled: S.bool,
      BillingModeSummary: S.obj({ BillingMode: S.str }),
      SSEDescription: S.obj({ Status: S.str, SSEType: S.str, KMSMasterKeyArn: S.str }),
    }),
  }),
  continuousBackups: S.answer({
    ContinuousBackupsDescription: S.obj({
      ContinuousBackupsStatus: S.str,
      PointInTimeRecoveryDescription: S.obj({
        PointInTimeRecoveryStatus: S.str,
        RecoveryPeriodInDays: S.num,
      }),
    }),
  }),
});

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'dynamodb',
  produces: [TYPE, 'nosql_table'],
  raw: RAW,
  normalise(raw, scope) {
    const item = requireItem<TableName>(raw, TYPE);
    const name = requireString(item, 'TableName', TYPE, 'item.TableName');
    const table = enrichment(raw, 'table');
    const backups = enrichment(raw, 'continuousBackups');
    const t = table.state === 'value' ? at(table.value, 'Table') : undefined;
    const described = t !== undefined && t !== null;
    const pitr =
      backups.state === 'value'
        ? str(
            at(
              backups.value,
              'ContinuousBackupsDescription.PointInTimeRecoveryDescription.PointInTimeRecoveryStatus',
            ),
          )
        : null;
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'nosql_table',
        reference:
          str(at(t, 'TableArn')) ??
          awsArn('dynamodb', scope.region, scope.account, `table/${name}`, scope.partition),
        name,
        service: 'dynamodb',
        ext: {
          status: described ? str(at(t, 'TableStatus')) : null,
          // absent from DescribeTable when it was never turned on
          deletion_protection: described ? (bool(at(t, 'DeletionProtectionEnabled')) ?? false) : null,
          // no summary: a provisioned table that never switched modes
          billing_mode: described ? (str(at(t, 'BillingModeSummary.BillingMode')) ?? 'PROVISIONED') : null,
          // no SSEDescription: encrypted with an AWS owned key
          sse_type: described ? (str(at(t, 'SSEDescription.SSEType')) ?? 'AWS_OWNED') : null,
          kms_key_arn: described ? str(at(t, 'SSEDescription.KMSMasterKeyArn')) : null,
          point_in_time_recovery: backups.state === 'value' ? pitr === 'ENABLED' : null,
          pitr_recovery_days:
            backups.state === 'value'
              ? num(
                  at(
                    backups.value,
                    'ContinuousBackupsDescription.PointInTimeRecoveryDescription.RecoveryPeriodInDays',
                  ),
                )
              : null,
          unknown_facts: unknownReasons({ table, continuousBackups: backups }),
        },
        shape: {},
      }),
    ];
  },
});

export default defineAwsResource({
  collector,
  normaliser,
  changedBy: {
    events: eventsAt(
      ['CreateTable', 'UpdateTable', 'DeleteTable', 'UpdateContinuousBackups'],
      ['requestParameters.tableName'],
    ),
  },
  asff: 'AwsDynamoDbTable',
  // DynamoDB's control plane: DescribeTable and the like are limited to a few per second
  pacing: { rate: 10, burst: 20 },
});
