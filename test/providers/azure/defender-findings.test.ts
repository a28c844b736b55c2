import { describe, expect, it } from 'vitest';
import { rgId, subscriptionRoutes } from './estate.js';
import { armError, armList } from './fixture-server.js';
import { azureFixtureForFile, collectType, fixtureProvider, SUB_A } from './helpers.js';

/**
 * Defender for Cloud's alerts and assessments through the provider's HTTPS transport against the
 * fixture server (which refuses a request without a valid bearer token), in the shapes of the
 * Microsoft.Security REST API (alerts 2022-01-01, assessments 2021-06-01 with metadata).
 */

const fx = azureFixtureForFile();

const VM = `${rgId(SUB_A, 'app')}/providers/Microsoft.Compute/virtualMachines/web-1`;
const STORAGE = `${rgId(SUB_A, 'data')}/providers/Microsoft.Storage/storageAccounts/datalake1`;

const alert = (name: string, status: string, severity = 'High') => ({
  id: `${rgId(SUB_A, 'app')}/providers/Microsoft.Security/locations/westeurope/alerts/${name}`,
  name,
  type: 'Microsoft.Security/Locations/alerts',
  properties: {
    status,
    severity,
    alertType: 'VM_CoinMiner',
    alertDisplayName: 'Digital currency mining related behavior detected',
    description:
      'Analysis of host data detected the execution of a process associated with digital currency mining.',
    compromisedEntity: 'web-1',
    remediationSteps: [
      'Review the process and stop it if it is not legitimate.',
      'Run a full antimalware scan.',
    ],
    resourceIdentifiers: [
      { type: 'AzureResource', azureResourceId: VM },
      { type: 'LogAnalytics', workspaceId: 'w' },
    ],
    startTimeUtc: '2026-01-02T10:00:00.000Z',
    endTimeUtc: '2026-01-02T11:00:00.000Z',
  },
});

const assessment = (resource: string, key: string, code: string) => ({
  id: `${resource}/providers/Microsoft.Security/assessments/${key}`,
  name: key,
  type: 'Microsoft.Security/assessments',
  properties: {
    resourceDetails: { Source: 'Azure', Id: resource },
    displayName: 'Storage accounts should restrict network access',
    status: {
      code,
      ...(code === 'Unhealthy' ? { cause: 'OffByPolicy', description: 'public network access is on' } : {}),
    },
    metadata: {
      displayName: 'Storage accounts should restrict network access',
      severity: 'Medium',
      description: 'Network access to storage accounts should be restricted.',
      remediationDescription: 'Set the default network access rule to Deny.',
      assessmentType: 'BuiltIn',
    },
  },
});

const collect = (type: string) => collectType(fixtureProvider(fx, { maxAttempts: 1 }), type);

describe('Defender for Cloud findings', () => {
  it('imports the active alerts, on the resource they name, over paged lists', async () => {
    Object.assign(fx.routes, subscriptionRoutes([[SUB_A, 'Production']]), {
      [`arm /subscriptions/${SUB_A}/providers/Microsoft.Security/alerts?api-version=2022-01-01`]: armList(
        [
          alert('a1', 'Active'),
          alert('a2', 'Resolved'),
          alert('a3', 'Dismissed'),
          alert('a4', 'Active', 'Low'),
        ],
        { pageSize: 2 },
      ),
    });
    const { collection, records, errors } = await collect('azure.security.alert');
    expect(collection?.error).toBeUndefined();
    expect(errors).toEqual([]);
    expect(fx.refused).toEqual([]);
    expect(records.map((r) => [r.ext.source_id, r.ext.severity, r.ext.resource_reference])).toEqual([
      [alert('a1', 'Active').id, 'high', VM],
      [alert('a4', 'Active').id, 'low', VM],
    ]);
    expect(records[0]?.ext).toMatchObject({
      title: 'Digital currency mining related behavior detected',
      recommendation: 'Review the process and stop it if it is not legitimate. Run a full antimalware scan.',
      resource_name: 'web-1',
    });
    expect(fx.requests.filter((r) => r.path.includes('Microsoft.Security/alerts'))).toHaveLength(2);
  });

  it('imports the unhealthy assessments only, with their metadata', async () => {
    Object.assign(fx.routes, subscriptionRoutes([[SUB_A, 'Production']]), {
      [`arm /subscriptions/${SUB_A}/providers/Microsoft.Security/assessments?api-version=2021-06-01&$expand=metadata`]:
        armList([
          assessment(STORAGE, '1111-aaaa', 'Unhealthy'),
          assessment(VM, '2222-bbbb', 'Healthy'),
          assessment(VM, '3333-cccc', 'NotApplicable'),
        ]),
    });
    const { records, errors } = await collect('azure.security.assessment');
    expect(errors).toEqual([]);
    expect(records.map((r) => [r.ext.resource_reference, r.ext.severity, r.ext.recommendation])).toEqual([
      [STORAGE, 'medium', 'Set the default network access rule to Deny.'],
    ]);
  });

  it('a refused read fails the collection: its import reports error, never pass', async () => {
    Object.assign(fx.routes, subscriptionRoutes([[SUB_A, 'Production']]), {
      [`arm /subscriptions/${SUB_A}/providers/Microsoft.Security/alerts?api-version=2022-01-01`]: armError(
        403,
        'AuthorizationFailed',
        "The client does not have authorization to perform action 'Microsoft.Security/alerts/read'",
      ),
    });
    const { collection } = await collect('azure.security.alert');
    expect(collection?.error).toMatch(/AuthorizationFailed/);
  });

  it('a subscription not registered for Microsoft.Security is not applicable, not an error', async () => {
    Object.assign(fx.routes, subscriptionRoutes([[SUB_A, 'Production']]), {
      [`arm /subscriptions/${SUB_A}/providers/Microsoft.Security/alerts?api-version=2022-01-01`]: armError(
        409,
        'MissingSubscriptionRegistration',
        "The subscription is not registered to use namespace 'Microsoft.Security'.",
      ),
    });
    const { collection } = await collect('azure.security.alert');
    expect(collection?.error).toBeUndefined();
    expect(collection?.items).toEqual([]);
    expect(collection?.not_applicable).toMatch(/Defender for Cloud is not in use.*Microsoft\.Security/);
  });
});
