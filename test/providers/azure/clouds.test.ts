import { describe, expect, it } from 'vitest';
import { isUnderBase, parseEndpoint, resolveEndpoints } from '../../../src/providers/azure/clouds.js';
import { parseAzureProviderConfig } from '../../../src/providers/azure/config.js';
import { AzureConfigError } from '../../../src/providers/azure/errors.js';

describe('clouds', () => {
  it.each([
    [
      'AzureCloud',
      'https://management.azure.com',
      'https://graph.microsoft.com',
      'https://login.microsoftonline.com',
      'https://management.azure.com/.default',
      'https://graph.microsoft.com/.default',
    ],
    [
      'AzureChinaCloud',
      'https://management.chinacloudapi.cn',
      'https://microsoftgraph.chinacloudapi.cn',
      'https://login.chinacloudapi.cn',
      'https://management.chinacloudapi.cn/.default',
      'https://microsoftgraph.chinacloudapi.cn/.default',
    ],
    [
      'AzureUSGovernment',
      'https://management.usgovcloudapi.net',
      'https://graph.microsoft.us',
      'https://login.microsoftonline.us',
      'https://management.usgovcloudapi.net/.default',
      'https://graph.microsoft.us/.default',
    ],
  ] as const)(
    '%s picks its Resource Manager, Graph and login endpoints and scopes',
    (cloud, arm, graph, login, armScope, graphScope) => {
      const e = resolveEndpoints({ cloud }, {});
      expect(e.arm).toMatchObject({ base: arm, scope: armScope, source: 'cloud' });
      expect(e.graph).toMatchObject({ base: graph, scope: graphScope, source: 'cloud' });
      expect(e.authorityHost).toBe(login);
    },
  );

  it('defaults to AzureCloud', () => {
    expect(resolveEndpoints({}, {}).cloud.name).toBe('AzureCloud');
    expect(parseAzureProviderConfig({ type: 'azure' }).cloud).toBe('AzureCloud');
  });
});

describe('endpoint overrides', () => {
  it('keep the path of an override, and the scopes stay the cloud', () => {
    const e = resolveEndpoints(
      {
        cloud: 'AzureUSGovernment',
        endpoints: { resource_manager: 'https://proxy.internal/arm/', graph: 'https://proxy.internal/graph' },
      },
      {},
    );
    expect(e.arm).toMatchObject({
      base: 'https://proxy.internal/arm',
      source: 'config',
      scope: 'https://management.usgovcloudapi.net/.default',
    });
    expect(e.arm.publicBase).toBe('https://management.usgovcloudapi.net');
    expect(e.graph).toMatchObject({
      base: 'https://proxy.internal/graph',
      scope: 'https://graph.microsoft.us/.default',
    });
  });

  it('take the environment variables over the config file', () => {
    const e = resolveEndpoints(
      { endpoints: { resource_manager: 'https://config.example/arm' } },
      {
        CLOUDWARD_AZURE_ARM_ENDPOINT: 'https://127.0.0.1:8443/arm',
        CLOUDWARD_AZURE_GRAPH_ENDPOINT: 'https://127.0.0.1:8443',
        AZURE_AUTHORITY_HOST: 'https://login.example.internal/',
      },
    );
    expect(e.arm).toMatchObject({
      base: 'https://127.0.0.1:8443/arm',
      source: 'CLOUDWARD_AZURE_ARM_ENDPOINT',
    });
    expect(e.graph).toMatchObject({
      base: 'https://127.0.0.1:8443',
      source: 'CLOUDWARD_AZURE_GRAPH_ENDPOINT',
    });
    expect(e.authorityHost).toBe('https://login.example.internal');
    expect(e.arm.scope).toBe('https://management.azure.com/.default');
  });

  it('refuse plain HTTP, naming where it came from', () => {
    expect(() => resolveEndpoints({}, { CLOUDWARD_AZURE_ARM_ENDPOINT: 'http://127.0.0.1:8080/arm' })).toThrow(
      /CLOUDWARD_AZURE_ARM_ENDPOINT: 'http:\/\/127\.0\.0\.1:8080\/arm' is not HTTPS/,
    );
    expect(() => resolveEndpoints({ endpoints: { graph: 'http://graph.internal' } }, {})).toThrow(
      /providers\.azure\.endpoints\.graph: .* is not HTTPS/,
    );
  });

  it('refuse what is not a base URL', () => {
    expect(() => parseEndpoint('management.azure.com', 'X')).toThrow(AzureConfigError);
    expect(() => parseEndpoint('https://user:pw@proxy.internal', 'X')).toThrow(/credentials/);
    expect(() => parseEndpoint('https://proxy.internal/arm?x=1', 'X')).toThrow(/query/);
  });

  it('tell what is under a base', () => {
    const under = (u: string, b: string) => isUnderBase(new URL(u), b);
    expect(under('https://proxy.internal/arm/subscriptions', 'https://proxy.internal/arm')).toBe(true);
    expect(under('https://proxy.internal/army/subscriptions', 'https://proxy.internal/arm')).toBe(false);
    expect(under('https://proxy.internal:444/arm/x', 'https://proxy.internal/arm')).toBe(false);
    expect(under('https://management.azure.com/subscriptions', 'https://management.azure.com')).toBe(true);
    expect(under('https://management.azure.com.evil.example/x', 'https://management.azure.com')).toBe(false);
  });
});

describe('provider config', () => {
  it('validates credential, cloud, ids and the scope options', () => {
    const cfg = parseAzureProviderConfig({
      type: 'azure',
      credential: 'cli',
      cloud: 'AzureChinaCloud',
      subscriptions: ['0D3E1F2A-1111-4A5B-8C9D-0123456789AB'],
      exclude: ['7a1f2b3c-2222-4d5e-9f00-fedcba987654'],
    });
    expect(cfg).toMatchObject({
      credential: 'cli',
      cloud: 'AzureChinaCloud',
      subscriptions: ['0d3e1f2a-1111-4a5b-8c9d-0123456789ab'],
      resource_graph: false,
      max_attempts: 6,
    });
  });

  it('names every bad field', () => {
    expect(() =>
      parseAzureProviderConfig({
        type: 'azure',
        credential: 'browser',
        cloud: 'AzureGermanCloud',
        subscriptions: ['prod'],
      }),
    ).toThrow(
      /providers\.azure\.credential: .*providers\.azure\.cloud: .*providers\.azure\.subscriptions\[0\]: a subscription id is a GUID/,
    );
    expect(() => parseAzureProviderConfig({ type: 'azure', region: 'westeurope' })).toThrow(/region/);
  });

  it('refuses a subscription list together with a management group', () => {
    expect(() =>
      parseAzureProviderConfig({
        type: 'azure',
        subscriptions: ['0d3e1f2a-1111-4a5b-8c9d-0123456789ab'],
        management_group: 'platform',
      }),
    ).toThrow(/management_group: give either a subscriptions list or a management_group/);
  });
});
