import type { MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { z } from 'zod';
import { defineNormaliser } from '../../../core/provider.js';
import {
  at,
  bool,
  buildRecord,
  records,
  requireItem,
  requireString,
  str,
  strings,
} from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { awsArn } from './aws-common.js';

const TYPE = 'aws.cloudwatch.alarm';

/** The metrics an alarm watches: its own metric, or each MetricStat of a metric-math alarm. */
function metricsOf(a: MetricAlarm & Record<string, unknown>): { namespace: string; name: string }[] {
  const out: { namespace: string; name: string }[] = [];
  const ns = str(a.Namespace);
  const name = str(a.MetricName);
  if (ns && name) out.push({ namespace: ns, name });
  for (const m of records(a.Metrics)) {
    const mns = str(at(m, 'MetricStat.Metric.Namespace'));
    const mname = str(at(m, 'MetricStat.Metric.MetricName'));
    if (mns && mname) out.push({ namespace: mns, name: mname });
  }
  return out;
}

const RAW = S.raw({
  item: S.obj({
    AlarmName: S.str,
    AlarmArn: S.str,
    Namespace: S.str,
    MetricName: S.str,
    Metrics: S.list(
      z.looseObject({
        MetricStat: S.obj({ Metric: S.obj({ Namespace: S.str, MetricName: S.str }) }),
      }),
    ),
    ActionsEnabled: S.bool,
    AlarmActions: S.strs,
    StateValue: S.str,
  }),
});

/** A CloudWatch metric alarm: the metrics it watches and where it sends its notifications. */
export default defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'cloudwatch',
  produces: [TYPE, 'alarm'],
  raw: RAW,
  normalise(raw, scope) {
    const a = requireItem<MetricAlarm>(raw, TYPE);
    const name = requireString(a, 'AlarmName', TYPE, 'item.AlarmName');
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'alarm',
        reference:
          str(a.AlarmArn) ??
          awsArn('cloudwatch', scope.region, scope.account, `alarm:${name}`, scope.partition),
        name,
        service: 'cloudwatch',
        ext: {
          metrics: metricsOf(a),
          actions_enabled: bool(a.ActionsEnabled) ?? true,
          alarm_actions: strings(a.AlarmActions),
          state: str(a.StateValue),
        },
        shape: {},
      }),
    ];
  },
});
