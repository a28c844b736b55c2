import {
  DescribeStreamSummaryCommand,
  KinesisClient,
  paginateListStreams,
  ResourceNotFoundException,
} from '@aws-sdk/client-kinesis';
import { defineNormaliser } from '../../../core/provider.js';
import { eventsAt, itemIds } from '../../kit/resource.js';
import {
  at,
  buildRecord,
  enrichment,
  requireItem,
  requireString,
  str,
  unknownReasons,
} from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineCollector } from '../collector.js';
import { awsArn } from '../normalisers/aws-common.js';
import { defineAwsResource } from '../resource.js';

const TYPE = 'aws.kinesis.stream';

/**
 * Kinesis data streams: ListStreams (with StreamSummaries), and each stream's encryption from
 * DescribeStreamSummary, as the list does not carry it and Kinesis has no batch read.
 */
const collector = defineCollector({
  type: TYPE,
  service: 'kinesis',
  client: KinesisClient,
  scope: 'region',
  list: {
    permission: 'kinesis:ListStreams',
    paginate: (client) => paginateListStreams({ client, pageSize: 100 }, {}),
    items: (page) => page.StreamSummaries,
  },
  enrich: {
    summary: {
      permission: 'kinesis:DescribeStreamSummary',
      absentOn: [ResourceNotFoundException],
      call: (client, s) => client.send(new DescribeStreamSummaryCommand({ StreamARN: s.StreamARN })),
    },
  },
  getOne: { ids: (raw) => itemIds(raw, 'StreamName', 'StreamARN') },
});

const RAW = S.raw({
  item: S.obj({ StreamName: S.str, StreamARN: S.str, StreamStatus: S.str }),
  summary: S.answer({ StreamDescriptionSummary: S.obj({ EncryptionType: S.str, KeyId: S.str }) }),
});

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'kinesis',
  produces: [TYPE, 'data_stream'],
  raw: RAW,
  normalise(raw, scope) {
    const s = requireItem(raw, TYPE);
    const name = requireString(s, 'StreamName', TYPE, 'item.StreamName');
    const summary = enrichment(raw, 'summary');
    const unknown = unknownReasons({ summary });
    if (summary.state === 'absent') unknown.summary = 'the stream was deleted while it was being read';
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'data_stream',
        reference:
          str(s.StreamARN) ??
          awsArn('kinesis', scope.region, scope.account, `stream/${name}`, scope.partition),
        name,
        service: 'kinesis',
        ext: {
          status: str(s.StreamStatus),
          encryption_type:
            summary.state === 'value'
              ? (str(at(summary.value, 'StreamDescriptionSummary.EncryptionType')) ?? 'NONE')
              : null,
          kms_key_id:
            summary.state === 'value' ? str(at(summary.value, 'StreamDescriptionSummary.KeyId')) : null,
          unknown_facts: unknown,
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
      ['CreateStream', 'DeleteStream', 'StartStreamEncryption', 'StopStreamEncryption'],
      ['requestParameters.streamName', 'requestParameters.streamARN'],
    ),
    normalise: (v) => (v.startsWith('arn:') ? v.split('/').pop() : v),
  },
  asff: 'AwsKinesisStream',
  pacing: { rate: 5, burst: 10 },
});
