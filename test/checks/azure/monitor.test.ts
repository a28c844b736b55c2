import categories from '../../../src/checks/azure/monitor/activity-log-categories.js';
import exported from '../../../src/checks/azure/monitor/activity-log-exported.js';
import nsgWrite from '../../../src/checks/azure/monitor/nsg-write-alert.js';
import serviceHealth from '../../../src/checks/azure/monitor/service-health-alert.js';
import { ALL_CHECKS } from '../../../src/checks/index.js';
import type { AnyCheck } from '../../../src/core/check.js';
import { checkTester } from '../../helpers/check-tester.js';
import { azureRec, SUBSCRIPTION, subscription } from './scope.js';

const AZURE_CHECKS = ALL_CHECKS.filter((c) => c.id.startsWith('azure.'));

const setting = (ext: Record<string, unknown>) =>
  azureRec(
    'azure.monitor.diagnostic_setting',
    { has_destination: true, destinations: ['/ws'], ...ext },
    'Activity Log diagnostic setting la',
  );

checkTester(exported, {
  pass: [{ name: 'to a workspace', input: subscription([setting({})]) }],
  fail: [
    { name: 'none', input: subscription([]) },
    {
      name: 'a setting without destination',
      input: subscription([setting({ has_destination: false, destinations: [] })]),
    },
  ],
  error: [{ name: 'unreadable', input: subscription([], ['azure.monitor.diagnostic_setting']) }],
});

checkTester(categories, {
  pass: [
    {
      name: 'the four categories',
      input: subscription([
        setting({ enabled_categories: ['Administrative', 'Security', 'Alert', 'Policy', 'Autoscale'] }),
      ]),
    },
    { name: 'allLogs', input: subscription([setting({ all_categories: true, enabled_categories: [] })]) },
  ],
  fail: [
    {
      name: 'Policy and Alert left out',
      input: subscription([setting({ enabled_categories: ['Administrative', 'Security'] })]),
      message: 'Alert, Policy',
    },
    { name: 'no export', input: subscription([]) },
  ],
  error: [{ name: 'unreadable', input: subscription([], ['azure.monitor.diagnostic_setting']) }],
});

const alert = (ext: Record<string, unknown>) =>
  azureRec(
    'azure.monitor.activity_log_alert',
    {
      enabled: true,
      scopes: [`/subscriptions/${SUBSCRIPTION}`],
      categories: ['administrative'],
      operations: [],
      ...ext,
    },
    'Activity log alert a',
  );

const nsg = 'microsoft.network/networksecuritygroups/write';
checkTester(nsgWrite, {
  pass: [{ name: 'matching alert', input: subscription([alert({ operations: [nsg] })]) }],
  fail: [
    { name: 'no alert', input: subscription([]) },
    { name: 'disabled', input: subscription([alert({ operations: [nsg], enabled: false })]) },
    {
      name: 'another operation',
      input: subscription([alert({ operations: ['microsoft.network/networksecuritygroups/delete'] })]),
    },
    {
      name: 'scoped to one resource group',
      input: subscription([
        alert({ operations: [nsg], scopes: [`/subscriptions/${SUBSCRIPTION}/resourcegroups/web`] }),
      ]),
    },
  ],
  error: [{ name: 'unreadable', input: subscription([], ['azure.monitor.activity_log_alert']) }],
});

checkTester(serviceHealth, {
  pass: [{ name: 'ServiceHealth category', input: subscription([alert({ categories: ['servicehealth'] })]) }],
  fail: [{ name: 'only administrative alerts', input: subscription([alert({ operations: [nsg] })]) }],
  error: [{ name: 'unreadable', input: subscription([], ['azure.monitor.activity_log_alert']) }],
});

/** Every operation alert check passes on its own operation only. */
for (const check of AZURE_CHECKS.filter(
  (c) => c.id.startsWith('azure.monitor.') && /_(write|delete)_alert$/.test(c.id),
)) {
  const op = /operationName = ([^\s,]+)/.exec(check.remediation.text)?.[1]?.toLowerCase() as string;
  checkTester(check as AnyCheck, {
    pass: [{ name: op, input: subscription([alert({ operations: [op] })]) }],
    fail: [
      {
        name: 'a different operation',
        input: subscription([alert({ operations: ['microsoft.compute/virtualmachines/write'] })]),
      },
    ],
    error: [{ name: 'unreadable', input: subscription([], ['azure.monitor.activity_log_alert']) }],
  });
}
