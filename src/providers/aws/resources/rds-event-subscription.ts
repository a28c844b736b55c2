import {
  type EventSubscription,
  paginateDescribeEventSubscriptions,
  RDSClient,
  SubscriptionNotFoundFault,
} from '@aws-sdk/client-rds';
import { defineNormaliser } from '../../../core/provider.js';
import { eventsAt, itemIds } from '../../kit/resource.js';
import { bool, buildRecord, requireItem, requireString, str } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineCollector } from '../collector.js';
import { awsArn } from '../normalisers/aws-common.js';
import { defineAwsResource } from '../resource.js';

const TYPE = 'aws.rds.event_subscription';

/** RDS event notification subscriptions (DescribeEventSubscriptions): the listing has every fact. */
const collector = defineCollector({
  type: TYPE,
  service: 'rds',
  client: RDSClient,
  scope: 'region',
  list: {
    permission: 'rds:DescribeEventSubscriptions',
    paginate: (client) => paginateDescribeEventSubscriptions({ client, pageSize: 100 }, {}),
    items: (page) => page.EventSubscriptionsList,
  },
  getOne: {
    ids: (raw) => itemIds(raw, 'CustSubscriptionId', 'EventSubscriptionArn'),
    narrow: {
      DescribeEventSubscriptionsCommand: (input, id) => {
        input.SubscriptionName = id;
        return true;
      },
    },
    absentOn: [SubscriptionNotFoundFault, 'SubscriptionNotFound'],
  },
});

const RAW = S.raw({
  item: S.obj({
    CustSubscriptionId: S.str,
    EventSubscriptionArn: S.str,
    SnsTopicArn: S.str,
    Status: S.str,
    SourceType: S.str,
    SourceIdsList: S.strs,
    EventCategoriesList: S.strs,
    Enabled: S.bool,
  }),
});

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'rds',
  produces: [TYPE, 'event_subscription'],
  raw: RAW,
  normalise(raw, scope) {
    const s = requireItem<EventSubscription>(raw, TYPE);
    const id = requireString(s, 'CustSubscriptionId', TYPE, 'item.CustSubscriptionId');
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'event_subscription',
        reference:
          str(s.EventSubscriptionArn) ??
          awsArn('rds', scope.region, scope.account, `es:${id}`, scope.partition),
        name: id,
        service: 'rds',
        ext: {
          topic: str(s.SnsTopicArn),
          status: str(s.Status),
          enabled: bool(s.Enabled),
          // absent = every source type
          source_type: str(s.SourceType),
          // empty = every source of the type
          source_ids: strings(s.SourceIdsList),
          // empty = every category
          event_categories: strings(s.EventCategoriesList),
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
      [
        'CreateEventSubscription',
        'ModifyEventSubscription',
        'DeleteEventSubscription',
        'AddSourceIdentifierToSubscription',
        'RemoveSourceIdentifierFromSubscription',
      ],
      ['requestParameters.subscriptionName'],
    ),
  },
});
