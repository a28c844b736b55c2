import {
  createHttpHeaders,
  createPipelineRequest,
  type HttpMethods,
  type PipelineRequest,
} from '@azure/core-rest-pipeline';
import { describe, expect, it } from 'vitest';
import certificatesValidity from '../../../src/checks/azure/keyvault/certificates-validity.js';
import { resolveParams } from '../../../src/core/check.js';
import { resolveEndpoints } from '../../../src/providers/azure/clouds.js';
import { azureProviderSchema } from '../../../src/providers/azure/config.js';
import { readOnlyPolicy } from '../../../src/providers/azure/readonly-policy.js';
import { AzureTransport } from '../../../src/providers/azure/transport.js';
import {
  BAD_VAULT_SETTINGS,
  certificatePolicyKey,
  keyVault,
  keyVaultRoutes,
  subscriptionRoutes,
  vaultCertificateRoutes,
  vaultCertificatesKey,
  vaultDiagnosticsKey,
  vaultEntriesKey,
  vaultEntry,
  vaultKey,
  vaultKeyKey,
} from './estate.js';
import { armError, armList, vaultError } from './fixture-server.js';
import { azureFixtureForFile, collectType, fixtureProvider, fixtureTransport, SUB_A } from './helpers.js';

const fx = azureFixtureForFile();

async function collectVaults() {
  const out = await collectType(fixtureProvider(fx), 'azure.keyvault.vault');
  expect(out.collection?.error).toBeUndefined();
  return out;
}

describe('azure.keyvault.vault', () => {
  it('reads each vault and the expiry of its keys and secrets, over paged Resource Manager lists', async () => {
    const good = keyVault(SUB_A, 'sec', 'kvgood');
    const bad = keyVault(SUB_A, 'sec', 'kvbad', BAD_VAULT_SETTINGS);
    Object.assign(
      fx.routes,
      subscriptionRoutes([[SUB_A, 'Production']]),
      keyVaultRoutes(SUB_A, [
        { vault: good, expiring: true },
        { vault: bad, expiring: false },
      ]),
    );
    const { records, errors } = await collectVaults();
    expect(errors).toEqual([]);
    expect(
      records.map((r) => [
        r.com.name,
        r.ext.rbac_authorization,
        r.ext.purge_protection,
        r.ext.public_network_access_enabled,
        r.ext.private_endpoint_connected,
        r.ext.keys_without_expiry,
        r.ext.secrets_without_expiry,
        r.ext.keys_without_rotation,
        r.ext.audit_log_settings,
      ]),
    ).toEqual([
      ['kvgood', true, true, false, true, [], [], [], ['to-workspace']],
      // settings Azure leaves out read as its defaults; the disabled entries without expiry do not
      // count; a policy that only notifies does not rotate; a setting without the audit log does not count
      ['kvbad', false, false, true, false, ['keys-forever'], ['secrets-forever'], ['keys-forever'], []],
    ]);
    expect(records.map((r) => r.ext.audit_logging)).toEqual([true, false]);
    expect(records[0]?.ext.keys).toContainEqual({
      name: 'keys-expiring',
      enabled: true,
      expires: '2028-01-01T00:00:00.000Z',
    });
    // calls: 1 vault list; keys and secrets one list each, two pages (2 a page) for kvbad's three;
    // one GET per enabled key (the disabled one is not read); one diagnostic settings list per vault
    expect(fx.requests.filter((r) => r.path.includes('Microsoft.KeyVault'))).toHaveLength(
      1 + 2 * 1 + 2 * 2 + (1 + 2) + 2,
    );
    expect(fx.requests.some((r) => r.path.endsWith('/keys/keys-retired'))).toBe(false);
    expect(fx.requests.every((r) => r.method === 'GET')).toBe(true);
  });

  it('keeps no secret value, even were Resource Manager to send one', async () => {
    const vault = keyVault(SUB_A, 'sec', 'kvleaky');
    const leaky = { ...vaultEntry(vault.id, 'secrets', 'db-password') } as Record<string, unknown>;
    leaky.properties = { ...(leaky.properties as object), value: 'fake-secret-value-0000' };
    Object.assign(fx.routes, subscriptionRoutes([[SUB_A, 'Production']]), keyVaultRoutes(SUB_A, []));
    fx.routes[`arm /subscriptions/${SUB_A}/providers/Microsoft.KeyVault/vaults?api-version=2023-07-01`] =
      armList([vault]);
    fx.routes[vaultEntriesKey(vault, 'keys')] = armList([]);
    fx.routes[vaultEntriesKey(vault, 'secrets')] = armList([leaky]);
    fx.routes[vaultDiagnosticsKey(vault)] = armList([]);
    Object.assign(fx.routes, vaultCertificateRoutes('kvleaky', []));
    const { collection, records } = await collectVaults();
    expect(JSON.stringify(collection)).not.toContain('fake-secret-value');
    expect(JSON.stringify(records)).not.toContain('fake-secret-value');
    expect(records[0]?.ext.secrets_without_expiry).toEqual([]);
  });

  it('a keys list it may not read leaves their expiry unknown, with the reason, and the vault still read', async () => {
    const vault = keyVault(SUB_A, 'sec', 'kvlocked');
    Object.assign(
      fx.routes,
      subscriptionRoutes([[SUB_A, 'Production']]),
      keyVaultRoutes(SUB_A, [{ vault, expiring: true }]),
    );
    fx.routes[vaultEntriesKey(vault, 'keys')] = armError(
      403,
      'AuthorizationFailed',
      `The client does not have authorization to perform action 'Microsoft.KeyVault/vaults/keys/read' over scope '${vault.id}'.`,
    );
    const { records } = await collectVaults();
    expect(records[0]?.ext.keys_without_expiry).toBeNull();
    expect(records[0]?.ext.secrets_without_expiry).toEqual([]);
    expect(
      String((records[0]?.ext.unknown_facts as Record<string, string> | undefined)?.keys_without_expiry),
    ).toContain('AuthorizationFailed');
    expect(records[0]?.ext.purge_protection).toBe(true);
    // the rotation of keys that could not be listed is unknown for the same reason
    expect(records[0]?.ext.keys_without_rotation).toBeNull();
    expect(
      String((records[0]?.ext.unknown_facts as Record<string, string> | undefined)?.keys_without_rotation),
    ).toContain('AuthorizationFailed');
    expect(fx.requests.some((r) => /\/keys\/[^/]+$/.test(r.path))).toBe(false);
  });

  it('a key GET or a diagnostic settings list that fails leaves that fact unknown, with the reason', async () => {
    const vault = keyVault(SUB_A, 'sec', 'kvpartial');
    Object.assign(
      fx.routes,
      subscriptionRoutes([[SUB_A, 'Production']]),
      keyVaultRoutes(SUB_A, [{ vault, expiring: true }]),
    );
    fx.routes[vaultKeyKey(vault, 'keys-expiring')] = armError(
      403,
      'AuthorizationFailed',
      `The client does not have authorization to perform action 'Microsoft.KeyVault/vaults/keys/read' over scope '${vault.id}/keys/keys-expiring'.`,
    );
    fx.routes[vaultDiagnosticsKey(vault)] = armError(
      403,
      'AuthorizationFailed',
      `The client does not have authorization to perform action 'microsoft.insights/diagnosticSettings/read' over scope '${vault.id}'.`,
    );
    const { records } = await collectVaults();
    const unknown = records[0]?.ext.unknown_facts as Record<string, string>;
    expect(records[0]?.ext.keys_without_rotation).toBeNull();
    expect(unknown.keys_without_rotation).toContain('Microsoft.KeyVault/vaults/keys/read');
    expect(records[0]?.ext.audit_logging).toBeNull();
    expect(unknown.audit_logging).toContain('diagnosticSettings/read');
    // expiry still comes from the lists
    expect(records[0]?.ext.keys_without_expiry).toEqual([]);
  });

  it('a key without a rotation policy, and a vault without diagnostic settings, are read as such', async () => {
    const vault = keyVault(SUB_A, 'sec', 'kvbare');
    Object.assign(
      fx.routes,
      subscriptionRoutes([[SUB_A, 'Production']]),
      keyVaultRoutes(SUB_A, [{ vault, expiring: true }]),
    );
    fx.routes[vaultKeyKey(vault, 'keys-expiring')] = { body: vaultKey(vault.id, 'keys-expiring', null) };
    fx.routes[vaultDiagnosticsKey(vault)] = armList([]);
    const { records } = await collectVaults();
    expect(records[0]?.ext.keys_without_rotation).toEqual(['keys-expiring']);
    expect(records[0]?.ext.audit_logging).toBe(false);
    expect(records[0]?.ext.unknown_facts).toEqual({});
  });

  it('reads the certificates on the vault data plane with a Key Vault token, following its paging', async () => {
    const good = keyVault(SUB_A, 'sec', 'kvgood');
    const bad = keyVault(SUB_A, 'sec', 'kvbad', BAD_VAULT_SETTINGS);
    Object.assign(
      fx.routes,
      subscriptionRoutes([[SUB_A, 'Production']]),
      keyVaultRoutes(SUB_A, [
        { vault: good, expiring: true },
        { vault: bad, expiring: false },
      ]),
      // two certificates a page: Key Vault's nextLink on https://kvbad.vault.azure.net:443
      vaultCertificateRoutes(
        'kvbad',
        [
          ['web', 12],
          ['retired', 60, false],
          ['legacy', 24],
        ],
        2,
      ),
    );
    const { records } = await collectVaults();
    expect(records.map((r) => r.ext.certificates)).toEqual([
      [
        {
          name: 'web',
          enabled: true,
          validity_months: 12,
          validity_from: 'policy',
          expires: expect.any(String),
        },
        {
          name: 'retired',
          enabled: false,
          validity_months: 60,
          validity_from: 'policy',
          expires: expect.any(String),
        },
      ],
      [
        expect.objectContaining({ name: 'web', validity_months: 12 }),
        expect.objectContaining({ name: 'retired', enabled: false }),
        expect.objectContaining({ name: 'legacy', validity_months: 24 }),
      ],
    ]);
    const dataPlane = fx.requests.filter((r) => r.api === 'keyvault');
    // the list (kvbad in two pages, the second through the rewritten nextLink) and one policy each
    expect(dataPlane.map((r) => `${r.path}${r.query.get('$skiptoken') ? ' (page 2)' : ''}`).sort()).toEqual(
      [
        '/kvbad/certificates',
        '/kvbad/certificates (page 2)',
        '/kvbad/certificates/legacy/policy',
        '/kvbad/certificates/retired/policy',
        '/kvbad/certificates/web/policy',
        '/kvgood/certificates',
        '/kvgood/certificates/retired/policy',
        '/kvgood/certificates/web/policy',
      ].sort(),
    );
    // the data plane got a Key Vault token, Resource Manager its own; nothing was refused
    expect(dataPlane.every((r) => r.claims.aud === 'https://vault.azure.net')).toBe(true);
    expect(
      fx.requests
        .filter((r) => r.api === 'arm')
        .every((r) => r.claims.aud === 'https://management.azure.com'),
    ).toBe(true);
    expect(fx.refused).toEqual([]);
    expect(fx.requests.every((r) => r.method === 'GET')).toBe(true);
    const [pass, fail] = records.map((r) =>
      certificatesValidity.evaluate(r, resolveParams(certificatesValidity, undefined)),
    );
    expect(pass?.status).toBe('pass');
    expect(fail?.status).toBe('fail');
    expect(fail?.message).toContain('legacy (24 months)');
  });

  it('a vault whose firewall or permissions refuse the data plane: certificates unknown with the reason, the check an error', async () => {
    const walled = keyVault(SUB_A, 'sec', 'kvwalled');
    const norole = keyVault(SUB_A, 'sec', 'kvnorole');
    Object.assign(
      fx.routes,
      subscriptionRoutes([[SUB_A, 'Production']]),
      keyVaultRoutes(SUB_A, [
        { vault: walled, expiring: true },
        { vault: norole, expiring: true },
      ]),
    );
    fx.routes[vaultCertificatesKey('kvwalled')] = vaultError(
      403,
      'ForbiddenByFirewall',
      'Client address is not authorized and caller is not a trusted service.\r\nClient address: 203.0.113.7\r\nCaller: appid=00000000-0000-0000-0000-000000000000;oid=6a1b2c3d-0000-4000-8000-0000000a11ce\r\nVault: kvwalled;location=westeurope',
    );
    fx.routes[certificatePolicyKey('kvnorole', 'web')] = vaultError(
      403,
      'ForbiddenByRbac',
      "Caller is not authorized to perform action on resource.\r\nIf role assignments, deny assignments or role definitions were changed recently, please observe propagation time.\r\nCaller: appid=00000000-0000-0000-0000-000000000000;oid=6a1b2c3d-0000-4000-8000-0000000a11ce\r\nAction: 'Microsoft.KeyVault/vaults/certificates/read'\r\nResource: '/subscriptions/0d3e1f2a-1111-4a5b-8c9d-0123456789ab/resourcegroups/sec/providers/microsoft.keyvault/vaults/kvnorole/certificates/web'",
    );
    const { records } = await collectVaults();
    const why = records.map((r) => (r.ext.unknown_facts as Record<string, string>).certificates);
    expect(records.map((r) => r.ext.certificates)).toEqual([null, null]);
    expect(why[0]).toMatch(
      /^ForbiddenByFirewall: Client address is not authorized.*\(HTTP 403\) \[GET Key Vault \/kvwalled\/certificates/,
    );
    expect(why[1]).toContain('ForbiddenByRbac');
    expect(why[1]).toContain('Microsoft.KeyVault/vaults/certificates/read');
    const results = records.map((r) =>
      certificatesValidity.evaluate(r, resolveParams(certificatesValidity, undefined)),
    );
    expect(results.map((r) => r.status)).toEqual(['error', 'error']);
    expect(results[0]?.message).toContain('ForbiddenByFirewall');
    // the rest of the vault is still read
    expect(records.map((r) => r.ext.purge_protection)).toEqual([true, true]);
  });

  it('a certificate deleted between the list and its policy read is left out, not an error', async () => {
    const vault = keyVault(SUB_A, 'sec', 'kvchurn');
    Object.assign(
      fx.routes,
      subscriptionRoutes([[SUB_A, 'Production']]),
      keyVaultRoutes(SUB_A, [{ vault, expiring: true }]),
      vaultCertificateRoutes('kvchurn', [
        ['web', 12],
        ['gone', 36],
      ]),
    );
    fx.routes[certificatePolicyKey('kvchurn', 'gone')] = vaultError(
      404,
      null,
      'A certificate with (name/id) gone was not found in this key vault. If you recently deleted this certificate you may be able to recover it using the correct recovery command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182',
      'CertificateNotFound',
    );
    const { records } = await collectVaults();
    expect(records[0]?.ext.certificates).toEqual([expect.objectContaining({ name: 'web' })]);
    expect(records[0]?.ext.unknown_facts).toEqual({});
  });

  it('calls no host but a vault of the chosen cloud, whatever vaultUri says', async () => {
    const rogue = keyVault(SUB_A, 'sec', 'kvrogue', { vaultUri: 'https://collector.attacker.example/' });
    Object.assign(
      fx.routes,
      subscriptionRoutes([[SUB_A, 'Production']]),
      keyVaultRoutes(SUB_A, [{ vault: rogue, expiring: true }]),
    );
    const { records } = await collectVaults();
    expect(records[0]?.ext.certificates).toBeNull();
    expect(((records[0]?.ext.unknown_facts ?? {}) as Record<string, string>).certificates).toContain(
      'is not a vault of AzureCloud (*.vault.azure.net)',
    );
    expect(fx.requests.some((r) => r.api === 'keyvault')).toBe(false);
  });
});

describe('the Key Vault data-plane endpoint', () => {
  it("is each vault's own host on the cloud, and {base}/{vault} with an override; scopes follow the cloud", () => {
    const { transport } = fixtureTransport(fx);
    const cloud = new AzureTransport({
      endpoints: resolveEndpoints({ cloud: 'AzureChinaCloud' }, {}),
      credential: { getToken: async () => null },
    });
    expect(
      cloud.url('keyvault', cloud.vaultPath('https://kvprod.vault.azure.cn/', '/certificates'), {
        'api-version': '7.4',
      }),
    ).toBe('https://kvprod.vault.azure.cn/certificates?api-version=7.4');
    expect(() => cloud.vaultPath('https://kvprod.vault.azure.net/', '')).toThrow(
      /not a vault of AzureChinaCloud/,
    );
    const gov = resolveEndpoints(
      { cloud: 'AzureUSGovernment' },
      { CLOUDWARD_AZURE_KEYVAULT_ENDPOINT: 'https://proxy.internal/kv/' },
    );
    expect(gov.keyvault).toMatchObject({
      base: 'https://proxy.internal/kv',
      scope: 'https://vault.usgovcloudapi.net/.default',
      source: 'CLOUDWARD_AZURE_KEYVAULT_ENDPOINT',
    });
    expect(resolveEndpoints({ endpoints: { key_vault: 'https://proxy.internal' } }, {}).keyvault.source).toBe(
      'config',
    );
    expect(
      azureProviderSchema.parse({ type: 'azure', endpoints: { key_vault: 'https://proxy.internal/kv' } })
        .endpoints,
    ).toEqual({ key_vault: 'https://proxy.internal/kv' });
    expect(() =>
      resolveEndpoints({}, { CLOUDWARD_AZURE_KEYVAULT_ENDPOINT: 'http://proxy.internal' }),
    ).toThrow(/not HTTPS/);
    expect(transport.url('keyvault', '/kvgood/certificates', { 'api-version': '7.4' })).toBe(
      `${fx.keyvaultUrl}/kvgood/certificates?api-version=7.4`,
    );
    expect(() => transport.url('keyvault', '/kvgood/certificates')).toThrow(/pins its api-version/);
    cloud.close();
    transport.close();
  });

  it('refuses a paging link to another vault or to a host that is no vault, before sending', async () => {
    const { transport } = fixtureTransport(fx, {
      endpoints: resolveEndpoints(
        { cloud: fx.cloud },
        {
          CLOUDWARD_AZURE_ARM_ENDPOINT: fx.armUrl,
          CLOUDWARD_AZURE_GRAPH_ENDPOINT: fx.graphUrl,
          CLOUDWARD_AZURE_KEYVAULT_ENDPOINT: fx.keyvaultUrl,
        },
      ),
    });
    fx.routes[vaultCertificatesKey('kvgood')] = {
      body: {
        value: [],
        nextLink: 'https://kvother.vault.azure.net:443/certificates?api-version=7.4&$skiptoken=1',
      },
    };
    await expect(
      transport.list('keyvault', '/kvgood/certificates', { 'api-version': '7.4' }),
    ).rejects.toThrow(/UntrustedNextLink: the next page link points to another vault/);
    fx.routes[vaultCertificatesKey('kvgood')] = {
      body: { value: [], nextLink: 'https://kvgood.attacker.example/certificates?$skiptoken=1' },
    };
    await expect(
      transport.list('keyvault', '/kvgood/certificates', { 'api-version': '7.4' }),
    ).rejects.toThrow(/UntrustedNextLink/);
    expect(fx.requests.filter((r) => r.api === 'keyvault')).toHaveLength(2);
    transport.close();
  });

  it('the read-only guard lets GETs to a vault of the cloud through, and nothing else', async () => {
    const endpoint = resolveEndpoints({}, {}).keyvault;
    const guard = readOnlyPolicy(endpoint, { resourceGraph: true });
    const sent: string[] = [];
    const next = async (request: PipelineRequest) => {
      sent.push(`${request.method} ${request.url}`);
      return { request, status: 200, headers: createHttpHeaders() };
    };
    const send = (method: HttpMethods, url: string) =>
      guard.sendRequest(createPipelineRequest({ url, method }), next);
    await send('GET', 'https://kvprod.vault.azure.net/certificates?api-version=7.4');
    for (const [method, url, code] of [
      ['GET', 'https://kvprod.vault.azure.net.attacker.example/certificates', 'OutsideEndpoint'],
      ['GET', 'https://vault.azure.net/certificates', 'OutsideEndpoint'],
      ['GET', 'https://kvprod.vault.azure.net:8443/certificates', 'OutsideEndpoint'],
      ['GET', 'https://kvprod.vault.azure.cn/certificates', 'OutsideEndpoint'],
      ['POST', 'https://kvprod.vault.azure.net/keys/cmk/decrypt?api-version=7.4', 'ReadOnlyViolation'],
      [
        'POST',
        'https://kvprod.vault.azure.net/providers/Microsoft.ResourceGraph/resources',
        'ReadOnlyViolation',
      ],
    ] as [HttpMethods, string, string][]) {
      await expect(send(method, url), url).rejects.toMatchObject({ code });
    }
    expect(sent).toEqual(['GET https://kvprod.vault.azure.net/certificates?api-version=7.4']);
  });
});
