import { describe, expect, it } from 'vitest';
import sinkAll from '../../../src/checks/gcp/logging/sink-exports-all-entries.js';
import firewallAlerted from '../../../src/checks/gcp/monitoring/firewall-changes-alerted.js';
import { filterCovers } from '../../../src/checks/gcp/monitoring/log-alerts.js';
import ownershipAlerted from '../../../src/checks/gcp/monitoring/project-ownership-changes-alerted.js';
import metrics from '../../../src/providers/gcp/resources/logging-metric.js';
import sinks from '../../../src/providers/gcp/resources/logging-sink.js';
import alertPolicies from '../../../src/providers/gcp/resources/monitoring-alert-policy.js';
import { checkTester } from '../../helpers/check-tester.js';
import { LOG_FILTERS } from '../../providers/gcp/estate.js';
import { inventory, recordsOf } from './records.js';

const sink = (name: string, filter?: string, disabled = false) =>
  recordsOf(sinks, {
    item: { name, destination: 'storage.googleapis.com/archive', ...(filter ? { filter } : {}), disabled },
  });

checkTester(sinkAll, {
  pass: [
    {
      name: 'a sink without a filter',
      input: inventory([...sink('_Default', 'NOT LOG_ID("x")'), ...sink('all')]),
    },
  ],
  fail: [
    {
      name: 'only filtered sinks',
      input: inventory(sink('errors', 'severity>=ERROR')),
      message: 'no enabled sink',
    },
    { name: 'the unfiltered sink is disabled', input: inventory(sink('all', undefined, true)) },
    { name: 'only the built-in sinks', input: inventory(sink('_Default')) },
  ],
  error: [{ name: 'sinks that could not be listed', input: inventory([], ['gcp.logging.sink']) }],
});

const metric = (name: string, filter: string) => recordsOf(metrics, { item: { name, filter } });
const policy = (metricName: string, enabled: boolean) =>
  recordsOf(alertPolicies, {
    item: {
      name: 'projects/shop-prod/alertPolicies/1',
      displayName: `on ${metricName}`,
      enabled,
      conditions: [
        {
          conditionThreshold: {
            filter: `metric.type = "logging.googleapis.com/user/${metricName}" AND resource.type = "global"`,
          },
        },
      ],
    },
  });

for (const [check, filter] of [
  [firewallAlerted, LOG_FILTERS.firewall as string],
  [ownershipAlerted, LOG_FILTERS['project-ownership'] as string],
] as const) {
  checkTester(check, {
    pass: [
      { name: 'metric and enabled alert', input: inventory([...metric('m', filter), ...policy('m', true)]) },
    ],
    fail: [
      { name: 'no metric', input: inventory(policy('m', true)), message: 'no log-based metric' },
      {
        name: 'alert policy disabled',
        input: inventory([...metric('m', filter), ...policy('m', false)]),
        message: 'no enabled alert policy',
      },
      {
        name: 'metric filter for something else',
        input: inventory([...metric('m', 'resource.type="gce_instance"'), ...policy('m', true)]),
      },
    ],
    error: [
      {
        name: 'alert policies could not be listed',
        input: inventory(metric('m', filter), ['gcp.monitoring.alert_policy']),
      },
      { name: 'metrics could not be listed', input: inventory([], ['gcp.logging.metric']) },
    ],
  });
}

describe('log filters', () => {
  it('are compared without regard to spacing, case or quote style', () => {
    expect(
      filterCovers(
        `resource.type = 'GCE_ROUTE' AND protoPayload.methodName : "compute.routes.delete" OR protoPayload.methodName:"compute.routes.insert"`,
        ['resource.type="gce_route"', 'compute.routes.delete', 'compute.routes.insert'],
      ),
    ).toBe(true);
    expect(
      filterCovers('resource.type="gce_route" AND protoPayload.methodName:"compute.routes.insert"', [
        'compute.routes.delete',
      ]),
    ).toBe(false);
  });
});
