import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.js';
import type { FindingRecord } from '../../src/core/record.js';
import { AzureActionSession } from '../../src/providers/azure/action-session.js';
import { AZURE_ACTIONS } from '../../src/providers/azure/actions/index.js';
import { parseAzureProviderConfig } from '../../src/providers/azure/config.js';
import { AzureAbsentError } from '../../src/providers/azure/errors.js';
import { azureRemediationPolicy } from '../../src/providers/azure/policy.js';
import { grantRemediation, RemediationDisabled } from '../../src/providers/kit/remediation-grant.js';
import { ActionGuard } from '../../src/respond/guard.js';
import { actionById, actionsFor } from '../../src/respond/registry.js';
import { Remediator } from '../../src/respond/remediator.js';
import { sessionOpener } from '../../src/respond/sessions.js';
import type { ActionStore } from '../../src/store/actions.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/store.js';
import { fixtureCredential } from '../providers/azure/tokens.js';
import { ACCOUNT_ID, type FakeAzure, NSG_ID, ruleProperties, SUB, startFakeAzure } from './fake-azure.js';
import { finding } from './helpers.js';

/*
 * The Azure actions through the real Azure pipeline (TLS with the fixture's CA, bearer tokens)
 * against the HTTPS fixture server: dry run, apply, effect, undo; the write client apart from
 * the scan's read-only transport, and only with a grant.
 */

let az: FakeAzure;
let store: Store;
let actions: ActionStore;

beforeAll(async () => {
  az = await startFakeAzure();
});
afterAll(async () => {
  await az.close();
});
beforeEach(async () => {
  az.rules.clear();
  az.writes.length = 0;
  az.fx.requests.length = 0;
  az.account.allowBlobPublicAccess = true;
  az.addRule('allow-ssh', ruleProperties({ port: '22', source: '*' }));
  az.addRule('allow-https-office', ruleProperties({ port: '443', source: '203.0.113.0/24', priority: 110 }));
  store = await openSqliteStore(':memory:');
  actions = await store.openActions();
});
afterEach(async () => {
  await actions.close();
  await store.close();
});

const provider = {
  type: 'azure',
  credential: 'environment',
  tenant_id: '72f988bf-86f1-41af-91ab-2d7cd011db47',
};

function remediator(o: { write?: boolean; allow?: string[]; alive?: boolean } = {}) {
  const config = configSchema.parse({
    providers: { az: provider },
    respond: { allow: { accounts: o.allow ?? [SUB] } },
  });
  const grant =
    o.write === false ? undefined : grantRemediation({ respondConfigured: true, applyRequested: false });
  const respond = config.respond;
  return new Remediator({
    store: actions,
    open: sessionOpener(config, grant, {}, { azure: az.seams(fixtureCredential(az.fx.secret)) }),
    guard: new ActionGuard(respond ? { allow: respond.allow, deny: respond.deny } : undefined),
    ...(o.alive !== undefined ? { ownerAlive: () => o.alive as boolean } : {}),
  });
}

function azureFinding(check: string, reference: string, type: string, name: string): FindingRecord {
  const f = finding({ check, reference, type, name, region: 'westeurope' });
  return {
    ...f,
    com: { ...f.com, cloud_type: 'azure', account: SUB, service: 'network' },
  } as FindingRecord;
}

const sshRule = () =>
  azureFinding(
    'azure.network.nsg_ssh_not_open_to_internet',
    `${NSG_ID}#inbound/allow-ssh/*`,
    'azure.network.nsg_rule',
    'nsg-web/allow-ssh',
  );
const publicAccount = () =>
  azureFinding(
    'azure.storage.account_blob_anonymous_access_disabled',
    ACCOUNT_ID,
    'azure.storage.account',
    'stwebpublic',
  );

const action = (id: string) => {
  const a = actionById(id);
  if (!a) throw new Error(`no action ${id}`);
  return a;
};

async function apply(f: FindingRecord, id: string) {
  const r = remediator();
  const p = await r.prepare(f, action(id));
  if (p.kind !== 'planned') throw new Error(`not planned: ${p.kind} ${'reason' in p ? p.reason : ''}`);
  const rec = await r.record(p, action(id), { kind: 'cli', by: 'test' }, 'apply');
  return r.apply(rec.id);
}

/** Every request reached the server with a bearer token the fixture accepted. */
const allAuthorised = () => {
  expect(az.fx.refused).toEqual([]);
  for (const r of az.fx.requests) expect(String(r.headers.authorization)).toMatch(/^Bearer \S+$/);
};

describe('Azure: delete an NSG inbound rule open to the internet', () => {
  it('is the action of the NSG port checks', () => {
    expect(actionsFor(sshRule()).map((a) => a.id)).toEqual(['azure.network.remove_internet_nsg_rule']);
  });

  it('dry run: the exact DELETE and the PUT that recreates the rule, with reads only', async () => {
    const p = await remediator({ write: false }).prepare(
      sshRule(),
      action('azure.network.remove_internet_nsg_rule'),
    );
    if (p.kind !== 'planned') throw new Error(p.kind);
    expect(p.plan.calls).toEqual([
      {
        action: 'Microsoft.Network/networkSecurityGroups/securityRules/delete',
        params: {
          method: 'DELETE',
          api: 'arm',
          path: `${NSG_ID}/securityRules/allow-ssh`,
          query: { 'api-version': '2024-05-01' },
        },
        why: 'inbound Allow from *',
      },
    ]);
    const { provisioningState: _, ...writable } = ruleProperties({ port: '22', source: '*' });
    expect(p.plan.undo).toEqual([
      {
        action: 'Microsoft.Network/networkSecurityGroups/securityRules/write',
        params: {
          method: 'PUT',
          api: 'arm',
          path: `${NSG_ID}/securityRules/allow-ssh`,
          query: { 'api-version': '2024-05-01' },
          body: { properties: writable },
        },
      },
    ]);
    expect(az.writes).toEqual([]);
    expect(az.fx.requests.every((r) => r.method === 'GET')).toBe(true);
  });

  it('apply deletes it (re-read: gone), undo recreates it as it was', async () => {
    const done = await apply(sshRule(), 'azure.network.remove_internet_nsg_rule');
    expect(done.state).toBe('applied');
    expect(az.rules.has('allow-ssh')).toBe(false);
    expect(az.rules.has('allow-https-office')).toBe(true);
    expect(done.calls[0]?.response).toMatchObject({ status: 202 });
    expect(
      (await remediator().prepare(sshRule(), action('azure.network.remove_internet_nsg_rule'))).kind,
    ).toBe('noop');

    const undone = await remediator().undo(done.id);
    expect(undone.state).toBe('undone');
    expect(az.rules.get('allow-ssh')).toEqual(ruleProperties({ port: '22', source: '*' }));
    expect(az.writes).toEqual([
      `DELETE ${NSG_ID}/securityRules/allow-ssh`,
      `PUT ${NSG_ID}/securityRules/allow-ssh`,
    ]);
    allAuthorised();
  });

  it('a rule narrowed since the finding is nothing to do', async () => {
    az.rules.set('allow-ssh', ruleProperties({ port: '22', source: '198.51.100.7/32' }));
    const p = await remediator().prepare(sshRule(), action('azure.network.remove_internet_nsg_rule'));
    expect(p).toMatchObject({ kind: 'noop', reason: 'rule allow-ssh no longer allows the internet in' });
    expect(az.writes).toEqual([]);
  });
});

describe('Azure: a crash between the DELETE and its record', () => {
  it('a restart re-reads the rule through Resource Manager, records interrupted, sends nothing; undo recreates it', async () => {
    const id = 'azure.network.remove_internet_nsg_rule';
    const r = remediator();
    const p = await r.prepare(sshRule(), action(id));
    if (p.kind !== 'planned') throw new Error(p.kind);
    const rec = await r.record(p, action(id), { kind: 'cli', by: 'test' }, 'apply');
    // the process made the call (the rule is gone) and died before recording its answer
    await actions.update(rec.id, ['planned'], { state: 'running', owner: 'gone-host:1' });
    az.rules.delete('allow-ssh');
    az.writes.length = 0;
    const found = await remediator({ alive: false }).recover();
    expect(found.map((x) => x.state)).toEqual(['interrupted']);
    expect(found[0]?.note).toMatch(
      /0 of 1 call\(s\) recorded; re-read: the fix is in effect. It was not run again/,
    );
    expect(az.writes).toEqual([]);
    expect((await remediator().undo(rec.id)).state).toBe('undone');
    expect(az.rules.get('allow-ssh')).toEqual(ruleProperties({ port: '22', source: '*' }));
  });
});

describe('Azure: turn off anonymous blob access on a storage account', () => {
  it('dry run, apply (PATCH allowBlobPublicAccess=false), effect, undo restores it', async () => {
    const id = 'azure.storage.disable_blob_public_access';
    const p = await remediator({ write: false }).prepare(publicAccount(), action(id));
    if (p.kind !== 'planned') throw new Error(p.kind);
    expect(p.plan.calls.map((c) => c.params)).toEqual([
      {
        method: 'PATCH',
        api: 'arm',
        path: ACCOUNT_ID,
        query: { 'api-version': '2023-05-01' },
        body: { properties: { allowBlobPublicAccess: false } },
      },
    ]);
    expect(az.writes).toEqual([]);

    const done = await apply(publicAccount(), id);
    expect(done.state).toBe('applied');
    expect(az.account.allowBlobPublicAccess).toBe(false);
    expect((await remediator().prepare(publicAccount(), action(id))).kind).toBe('noop');
    await remediator().undo(done.id);
    expect(az.account.allowBlobPublicAccess).toBe(true);
    expect(az.writes).toEqual([`PATCH ${ACCOUNT_ID}`, `PATCH ${ACCOUNT_ID}`]);
    allAuthorised();
  });
});

describe('Azure: the write path', () => {
  const open = (grant?: ReturnType<typeof grantRemediation>) =>
    AzureActionSession.open(SUB, {
      ...az.seams(fixtureCredential(az.fx.secret)),
      provider: parseAzureProviderConfig(provider),
      ...(grant ? { grant } : {}),
    });

  it('without a grant there is no write client: a write is refused before any request', async () => {
    const s = await open();
    try {
      expect(s.canWrite).toBe(false);
      await expect(
        s.write('Microsoft.Network/networkSecurityGroups/securityRules/delete', 'westeurope', {
          method: 'DELETE',
          api: 'arm',
          path: `${NSG_ID}/securityRules/allow-ssh`,
          query: { 'api-version': '2024-05-01' },
        }),
      ).rejects.toBeInstanceOf(RemediationDisabled);
    } finally {
      s.close();
    }
    const r = remediator({ write: false });
    const p = await r.prepare(sshRule(), action('azure.network.remove_internet_nsg_rule'));
    if (p.kind !== 'planned') throw new Error(p.kind);
    const rec = await r.record(
      p,
      action('azure.network.remove_internet_nsg_rule'),
      { kind: 'cli', by: 't' },
      'apply',
    );
    await expect(r.apply(rec.id)).rejects.toThrow(/not enabled/);
    expect(az.writes).toEqual([]);
    expect(az.fx.requests.every((x) => x.method === 'GET')).toBe(true);
  });

  it('the write client sends only declared writes; reads go through the read-only transport', async () => {
    const s = await open(grantRemediation({ respondConfigured: false, applyRequested: true }));
    try {
      // a DELETE of a storage account is no remediation call
      await expect(
        s.write('Microsoft.Storage/storageAccounts/write', 'westeurope', {
          method: 'DELETE',
          api: 'arm',
          path: ACCOUNT_ID,
          query: { 'api-version': '2023-05-01' },
        }),
      ).rejects.toBeInstanceOf(RemediationDisabled);
      // nor is a read made through the write client
      await expect(
        s.write('Microsoft.Storage/storageAccounts/read', 'westeurope', {
          method: 'GET',
          api: 'arm',
          path: ACCOUNT_ID,
          query: { 'api-version': '2023-05-01' },
        }),
      ).rejects.toBeInstanceOf(RemediationDisabled);
      // a write asked of the read side is refused before it reaches the read-only transport
      await expect(
        s.read('Microsoft.Network/networkSecurityGroups/securityRules/delete', {
          method: 'DELETE',
          api: 'arm',
          path: `${NSG_ID}/securityRules/allow-ssh`,
        }),
      ).rejects.toBeInstanceOf(RemediationDisabled);
      // an error answer is Azure's own, typed
      az.account.exists = false;
      await expect(
        s.write('Microsoft.Storage/storageAccounts/write', 'westeurope', {
          method: 'PATCH',
          api: 'arm',
          path: ACCOUNT_ID,
          query: { 'api-version': '2023-05-01' },
          body: { properties: { allowBlobPublicAccess: false } },
        }),
      ).rejects.toBeInstanceOf(AzureAbsentError);
    } finally {
      az.account.exists = true;
      s.close();
    }
    expect(az.writes).toEqual([]);
  });

  it('refuses a subscription outside the allow-list before any call', async () => {
    const p = await remediator({ allow: ['00000000-0000-0000-0000-000000000001'] }).prepare(
      sshRule(),
      action('azure.network.remove_internet_nsg_rule'),
    );
    expect(p).toMatchObject({
      kind: 'refused',
      reason: expect.stringContaining('not in respond.allow.accounts'),
    });
    expect(az.fx.requests).toEqual([]);
  });

  it('policy azure --remediation: a custom role of exactly the declared calls', () => {
    const role = azureRemediationPolicy();
    expect(role.Name).toBe('Cloudward Remediation');
    expect(role.Actions).toEqual([
      'Microsoft.Network/networkSecurityGroups/securityRules/delete',
      'Microsoft.Network/networkSecurityGroups/securityRules/read',
      'Microsoft.Network/networkSecurityGroups/securityRules/write',
      'Microsoft.Resources/subscriptions/read',
      'Microsoft.Storage/storageAccounts/read',
      'Microsoft.Storage/storageAccounts/write',
    ]);
    for (const a of AZURE_ACTIONS) for (const c of a.writes) expect(role.Actions).toContain(c);
    expect(azureRemediationPolicy(['azure.storage.disable_blob_public_access']).Actions).toEqual([
      'Microsoft.Resources/subscriptions/read',
      'Microsoft.Storage/storageAccounts/read',
      'Microsoft.Storage/storageAccounts/write',
    ]);
    expect(() => azureRemediationPolicy(['azure.nope'])).toThrow(/unknown Azure action\(s\): azure.nope/);
  });

  it('every Azure action fixes checks that exist', async () => {
    const { ALL_CHECKS } = await import('../../src/checks/index.js');
    const ids = new Set(ALL_CHECKS.map((c) => c.id));
    for (const a of AZURE_ACTIONS)
      for (const c of a.fixes) expect(ids.has(c), `${a.id} fixes ${c}`).toBe(true);
  });
});
