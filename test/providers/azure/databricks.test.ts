import { describe, expect, it } from 'vitest';
import { azurePolicy } from '../../../src/providers/azure/policy.js';
import { DATABRICKS_API_VERSION } from '../../../src/providers/azure/resources/databricks-workspace.js';
import { APPLICATION_INSIGHTS_API_VERSION } from '../../../src/providers/azure/resources/monitor-application-insights.js';
import { rgId, subscriptionRoutes } from './estate.js';
import {
  appInsightsComponent,
  appInsightsListKey,
  databricksListKey,
  databricksRoutes,
  databricksWorkspace,
  workspaceDiagnosticsKey,
  workspaceEndpointsKey,
} from './estate-databricks.js';
import { armError, armList } from './fixture-server.js';
import { azureFixtureForFile, collectType, fixtureProvider, SUB_A } from './helpers.js';

/**
 * Azure Databricks workspaces and Application Insights components through the provider's HTTPS
 * transport against the fixture server (which refuses any request without a valid bearer token),
 * in the shapes of the Resource Manager REST API and the recorded exchanges.
 */

const fx = azureFixtureForFile(() => subscriptionRoutes([[SUB_A, 'Production']]));

async function collect(type: string, facts?: string[]) {
  const out = await collectType(fixtureProvider(fx, { maxAttempts: 1 }), type, facts);
  expect(fx.refused).toEqual([]);
  return out;
}

const VNET = `${rgId(SUB_A, 'net')}/providers/Microsoft.Network/virtualNetworks/vnet-analytics`;

describe('azure.databricks.workspace', () => {
  it('reads each workspace with its private endpoint connections and diagnostic settings', async () => {
    const good = databricksWorkspace(SUB_A, 'analytics', 'dbw-good', {
      vnet: { id: VNET, publicSubnet: 'dbw-public', privateSubnet: 'dbw-private' },
      noPublicIp: true,
      publicNetworkAccess: 'Disabled',
    });
    const bad = databricksWorkspace(SUB_A, 'analytics', 'dbw-bad', {
      vnet: null,
      noPublicIp: false,
      sku: 'standard',
    });
    const pending = databricksWorkspace(SUB_A, 'analytics', 'dbw-pending', {
      vnet: null,
      noPublicIp: true,
      publicNetworkAccess: 'Enabled',
    });
    Object.assign(
      fx.routes,
      databricksRoutes(SUB_A, [
        { workspace: good, endpoint: 'Approved', logs: true },
        { workspace: bad, endpoint: null, logs: false },
        { workspace: pending, endpoint: 'Pending', logs: false },
      ]),
    );
    const { collection, records, errors } = await collect('azure.databricks.workspace');
    expect(collection?.error).toBeUndefined();
    expect(errors).toEqual([]);
    expect(
      records.map((r) => [
        r.com.name,
        r.ext.sku,
        r.ext.vnet_injected,
        r.ext.public_subnet,
        r.ext.private_subnet,
        r.ext.no_public_ip,
        r.ext.public_network_access_enabled,
        r.ext.private_endpoints,
        r.ext.diagnostic_logs_enabled,
      ]),
    ).toEqual([
      ['dbw-good', 'premium', true, 'dbw-public', 'dbw-private', true, false, 1, true],
      // "" custom network parameters: Databricks' managed network; no publicNetworkAccess: Enabled
      ['dbw-bad', 'standard', false, null, null, false, true, 0, false],
      ['dbw-pending', 'premium', false, null, null, true, true, 0, false],
    ]);
    expect(records[0]?.ext.virtual_network_id).toBe(VNET);
    expect(records[0]?.ext.diagnostic_log_categories).toEqual(['alllogs']);
    expect(records[0]?.com.region).toBe('westeurope');
    // the list (one workspace a page: three pages) and two reads per workspace, every one a GET
    const calls = fx.requests.filter((r) => r.path.toLowerCase().includes('microsoft.databricks'));
    expect(calls).toHaveLength(3 + 3 * 2);
    expect(calls.every((r) => r.method === 'GET')).toBe(true);
    expect(
      calls
        .filter((r) => !r.path.includes('diagnosticSettings'))
        .every((r) => r.query.get('api-version') === DATABRICKS_API_VERSION),
    ).toBe(true);
  });

  it('makes no per-workspace read the selected checks do not need', async () => {
    const w = databricksWorkspace(SUB_A, 'analytics', 'dbw-one', { vnet: null, noPublicIp: true });
    Object.assign(fx.routes, databricksRoutes(SUB_A, [{ workspace: w, endpoint: null, logs: true }]));
    const { records } = await collect('azure.databricks.workspace', ['no_public_ip']);
    expect(records.map((r) => r.ext.no_public_ip)).toEqual([true]);
    expect(fx.requests.filter((r) => r.path.toLowerCase().includes('microsoft.databricks'))).toHaveLength(1);
    expect(records[0]?.ext.diagnostic_logs_enabled).toBeNull();
  });

  it('tells "could not read" from "none": a denied read leaves the fact unknown with the reason', async () => {
    const w = databricksWorkspace(SUB_A, 'analytics', 'dbw-locked', { vnet: null, noPublicIp: true });
    Object.assign(fx.routes, databricksRoutes(SUB_A, [{ workspace: w, endpoint: null, logs: true }]));
    fx.routes[workspaceDiagnosticsKey(w.id)] = armError(
      403,
      'AuthorizationFailed',
      `The client does not have authorization to perform action 'Microsoft.Insights/diagnosticSettings/read' over scope '${w.id}'.`,
    );
    fx.routes[workspaceEndpointsKey(w.id)] = armError(
      500,
      'InternalServerError',
      'An internal error occurred.',
    );
    const { records, errors } = await collect('azure.databricks.workspace');
    expect(errors).toEqual([]);
    const [r] = records;
    expect(r?.ext.diagnostic_logs_enabled).toBeNull();
    expect(r?.ext.private_endpoints).toBeNull();
    const why = r?.ext.unknown_facts as Record<string, string>;
    expect(why.diagnostic_logs_enabled).toContain('AuthorizationFailed');
    expect(why.private_endpoint_connected).toContain('InternalServerError');
    // what the list answered is still known
    expect(r?.ext.no_public_ip).toBe(true);
  });

  it('is not applicable in a subscription never registered for Microsoft.Databricks', async () => {
    fx.routes[databricksListKey(SUB_A)] = armError(
      409,
      'MissingSubscriptionRegistration',
      "The subscription is not registered to use namespace 'Microsoft.Databricks'. See https://aka.ms/rps-not-found for how to register subscriptions.",
    );
    const { collection } = await collect('azure.databricks.workspace');
    expect(collection?.error).toBeUndefined();
    expect(collection?.items).toEqual([]);
    expect(collection?.not_applicable).toMatch(/Azure Databricks is not in use.*Microsoft\.Databricks/);
  });

  it('fails the collection, not the controls, when the list is denied', async () => {
    fx.routes[databricksListKey(SUB_A)] = armError(
      403,
      'AuthorizationFailed',
      `The client does not have authorization to perform action 'Microsoft.Databricks/workspaces/read' over scope '/subscriptions/${SUB_A}'.`,
    );
    const { collection } = await collect('azure.databricks.workspace');
    expect(collection?.error).toMatch(/Microsoft\.Databricks\/workspaces\/read.*AuthorizationFailed/);
    expect(collection?.not_applicable).toBeUndefined();
  });
});

describe('azure.monitor.application_insights', () => {
  it('lists the components, never keeping their instrumentation key or connection string', async () => {
    fx.routes[appInsightsListKey(SUB_A)] = armList(
      [
        appInsightsComponent(SUB_A, 'apps', 'shop-insights'),
        appInsightsComponent(SUB_A, 'apps', 'api-insights'),
      ],
      { pageSize: 1 },
    );
    const { collection, records, errors } = await collect('azure.monitor.application_insights');
    expect(errors).toEqual([]);
    expect(records.map((r) => [r.com.name, r.ext.ingestion_mode, r.ext.provisioning_state])).toEqual([
      ['shop-insights', 'LogAnalytics', 'Succeeded'],
      ['api-insights', 'LogAnalytics', 'Succeeded'],
    ]);
    const stored = JSON.stringify(collection?.items);
    expect(stored).not.toContain('InstrumentationKey');
    expect(stored).not.toContain('00000000fake');
    expect(JSON.stringify(records)).not.toContain('00000000fake');
    const calls = fx.requests.filter((r) => r.path.toLowerCase().includes('components'));
    expect(calls).toHaveLength(2);
    expect(calls.every((r) => r.query.get('api-version') === APPLICATION_INSIGHTS_API_VERSION)).toBe(true);
  });

  it('reads a subscription never registered for Microsoft.Insights as having no component', async () => {
    fx.routes[appInsightsListKey(SUB_A)] = armError(
      409,
      'MissingSubscriptionRegistration',
      "The subscription is not registered to use namespace 'Microsoft.Insights'.",
    );
    const { collection } = await collect('azure.monitor.application_insights');
    expect(collection?.error).toBeUndefined();
    expect(collection?.not_applicable).toBeUndefined();
    expect(collection?.items).toEqual([]);
  });
});

describe('the least-privilege role', () => {
  it('grants the Databricks and Application Insights reads the collectors declare', () => {
    const { role } = azurePolicy(['azure.databricks.workspace', 'azure.monitor.application_insights']);
    expect(role.Actions).toEqual([
      'Microsoft.Databricks/workspaces/privateEndpointConnections/read',
      'Microsoft.Databricks/workspaces/read',
      'Microsoft.Insights/DiagnosticSettings/Read',
      'Microsoft.Insights/components/read',
      'Microsoft.Resources/subscriptions/read',
    ]);
  });
});
