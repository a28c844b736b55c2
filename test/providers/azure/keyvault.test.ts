import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AccountBatch } from '../../../src/core/provider.js';
import { AzureProvider } from '../../../src/providers/azure/provider.js';
import { normaliseCollection } from '../../../src/providers/normalisers.js';
import {
  BAD_VAULT_SETTINGS,
  keyVault,
  keyVaultRoutes,
  subscriptionRoutes,
  vaultDiagnosticsKey,
  vaultEntriesKey,
  vaultEntry,
  vaultKey,
  vaultKeyKey,
} from './estate.js';
import { type AzureFixture, armError, armList, startAzureFixture } from './fixture-server.js';
import { FakeClock, SUB_A } from './helpers.js';
import { fixtureCredential } from './tokens.js';

let fx: AzureFixture;
beforeAll(async () => {
  fx = await startAzureFixture();
});
afterAll(async () => {
  await fx.close();
});
beforeEach(() => fx.reset());

async function collectVaults() {
  const p = new AzureProvider(
    { type: 'azure', credential: 'cli', max_attempts: 2 },
    {
      credential: fixtureCredential(fx.secret),
      ca: fx.pki.caPem,
      clock: new FakeClock(),
      env: { CLOUDWARD_AZURE_ARM_ENDPOINT: fx.armUrl, CLOUDWARD_AZURE_GRAPH_ENDPOINT: fx.graphUrl },
    },
    'tenant',
  );
  const batches: AccountBatch[] = [];
  for await (const b of p.collect({ types: new Set(['azure.keyvault.vault']) })) batches.push(b);
  const collection = batches[0]?.collections[0];
  expect(collection?.error).toBeUndefined();
  return { collection, ...normaliseCollection(collection as never) };
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
});
