import type { MetricFilter } from '@aws-sdk/client-cloudwatch-logs';
import { z } from 'zod';
import { defineNormaliser } from '../../../core/provider.js';
import { buildRecord, records, requireItem, requireString, str } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { awsArn } from './aws-common.js';

const TYPE = 'aws.logs.metric_filter';

const RAW = S.raw({
  item: S.obj({
    filterName: S.str,
    logGroupName: S.str,
    filterPattern: S.str,
    metricTransformations: S.list(z.looseObject({ metricNamespace: S.str, metricName: S.str })),
  }),
});

/** A CloudWatch Logs metric filter: its log group, pattern and the metrics it publishes. */
export default defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'logs',
  produces: [TYPE],
  raw: RAW,
  normalise(raw, scope) {
    const f = requireItem<MetricFilter>(raw, TYPE);
    const name = requireString(f, 'filterName', TYPE, 'item.filterName');
    const group = requireString(f, 'logGroupName', TYPE, 'item.logGroupName');
    const pattern = f.filterPattern;
    if (typeof pattern !== 'string') throw new Error(`${TYPE}: missing required field item.filterPattern`);
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'metric_filter',
        reference: awsArn(
          'logs',
          scope.region,
          scope.account,
          `log-group:${group}:metric-filter:${name}`,
          scope.partition,
        ),
        name,
        service: 'logs',
        ext: {
          log_group: group,
          pattern,
          metrics: records(f.metricTransformations)
            .map((m) => ({ namespace: str(m.metricNamespace), name: str(m.metricName) }))
            .filter((m): m is { namespace: string; name: string } => m.namespace !== null && m.name !== null),
        },
        shape: {},
      }),
    ];
  },
});
