import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.js';
import type { FindingRecord } from '../../src/core/record.js';
import { GcpActionSession } from '../../src/providers/gcp/action-session.js';
import { GCP_ACTIONS } from '../../src/providers/gcp/actions/index.js';
import { parseGcpProviderConfig } from '../../src/providers/gcp/config.js';
import { GcpAbsentError } from '../../src/providers/gcp/errors.js';
import { gcpPolicy, gcpRemediationPolicy } from '../../src/providers/gcp/policy.js';
import { grantRemediation, RemediationDisabled } from '../../src/providers/kit/remediation-grant.js';
import { ActionGuard } from '../../src/respond/guard.js';
import { actionById, actionsFor } from '../../src/respond/registry.js';
import { Remediator } from '../../src/respond/remediator.js';
import { sessionOpener } from '../../src/respond/sessions.js';
import type { ActionStore } from '../../src/store/actions.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/store.js';
import { googleErrors } from '../providers/gcp/fixture-server.js';
import { fixtureServiceAccount, isolateGoogleEnv, SCANNER } from '../providers/gcp/helpers.js';
import { bucketRef, type FakeGcp, firewallRef, PROJECT, startFakeGcp } from './fake-gcp.js';
import { finding } from './helpers.js';

/*
 * The GCP actions through the real stack (google-auth-library, gaxios, TLS with the fixture's
 * CA, tokens from the fixture's token service) against the GCP fixture server: dry run, apply,
 * effect, undo; the write client apart from the scan's read-only transport, and only with a grant.
 */

let gcp: FakeGcp;
let dir: string;
let restoreEnv: () => void;
let store: Store;
let actions: ActionStore;

beforeAll(async () => {
  gcp = await startFakeGcp();
  dir = mkdtempSync(join(tmpdir(), 'cw-respond-gcp-'));
  const key = fixtureServiceAccount(gcp.fx, dir);
  restoreEnv = isolateGoogleEnv({ GOOGLE_APPLICATION_CREDENTIALS: key.file });
});
afterAll(async () => {
  restoreEnv();
  await gcp.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  gcp.writes.length = 0;
  gcp.fx.requests.length = 0;
  gcp.addFirewall('allow-ssh-anywhere', { sourceRanges: ['0.0.0.0/0'], ports: ['22'], disabled: false });
  gcp.addBucket('shop-assets', [
    { role: 'roles/storage.objectViewer', members: ['allUsers', 'group:web@example.com'] },
    { role: 'roles/storage.legacyBucketReader', members: ['allAuthenticatedUsers'] },
    { role: 'roles/storage.admin', members: ['projectOwner:shop-prod-4821'] },
  ]);
  store = await openSqliteStore(':memory:');
  actions = await store.openActions();
});
afterEach(async () => {
  await actions.close();
  await store.close();
});

const provider = { type: 'gcp', projects: [PROJECT] };

function remediator(o: { write?: boolean } = {}) {
  const config = configSchema.parse({
    providers: { g: provider },
    respond: { allow: { accounts: [PROJECT] } },
  });
  const grant =
    o.write === false ? undefined : grantRemediation({ respondConfigured: true, applyRequested: false });
  const respond = config.respond;
  return new Remediator({
    store: actions,
    open: sessionOpener(config, grant, {}, { gcp: gcp.seams() }),
    guard: new ActionGuard(respond ? { allow: respond.allow, deny: respond.deny } : undefined),
  });
}

function gcpFinding(check: string, reference: string, type: string, name: string): FindingRecord {
  const f = finding({ check, reference, type, name, region: 'global' });
  return { ...f, com: { ...f.com, cloud_type: 'gcp', account: PROJECT } } as FindingRecord;
}

const sshFirewall = () =>
  gcpFinding(
    'gcp.compute.firewall_no_ssh_from_internet',
    `${firewallRef('allow-ssh-anywhere')}#ingress/allowed[0]/0.0.0.0/0`,
    'gcp.compute.firewall_rule',
    'allow-ssh-anywhere',
  );
const publicBucket = () =>
  gcpFinding('gcp.storage.bucket_not_public', bucketRef('shop-assets'), 'gcp.storage.bucket', 'shop-assets');

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

/** Every API request carried a bearer token the fixture minted for the service account. */
const allAuthorised = () => {
  expect(gcp.fx.refused).toEqual([]);
  for (const r of gcp.fx.requests) {
    expect(String(r.headers.authorization)).toMatch(/^Bearer \S+$/);
    expect(r.principal).toBe(SCANNER);
  }
};

describe('GCP: disable a firewall rule open to 0.0.0.0/0', () => {
  it('is the action of the firewall checks', () => {
    expect(actionsFor(sshFirewall()).map((a) => a.id)).toEqual([
      'gcp.compute.disable_internet_firewall_rule',
    ]);
  });

  it('dry run: the exact PATCH and its undo, with reads only', async () => {
    const p = await remediator({ write: false }).prepare(
      sshFirewall(),
      action('gcp.compute.disable_internet_firewall_rule'),
    );
    if (p.kind !== 'planned') throw new Error(p.kind);
    const path = `compute/v1/projects/${PROJECT}/global/firewalls/allow-ssh-anywhere`;
    expect(p.plan.calls.map((c) => [c.action, c.params])).toEqual([
      ['compute.firewalls.update', { method: 'PATCH', api: 'compute', path, body: { disabled: true } }],
    ]);
    expect(p.plan.undo.map((c) => [c.action, c.params])).toEqual([
      ['compute.firewalls.update', { method: 'PATCH', api: 'compute', path, body: { disabled: false } }],
    ]);
    expect(gcp.writes).toEqual([]);
    expect(gcp.fx.requests.every((r) => r.method === 'GET')).toBe(true);
  });

  it('apply disables it (re-read: nothing to do), undo enables it again', async () => {
    const done = await apply(sshFirewall(), 'gcp.compute.disable_internet_firewall_rule');
    expect(done.state).toBe('applied');
    expect(gcp.firewalls.get('allow-ssh-anywhere')?.disabled).toBe(true);
    expect(done.calls[0]?.response).toMatchObject({ kind: 'compute#operation', operationType: 'patch' });
    expect(
      (await remediator().prepare(sshFirewall(), action('gcp.compute.disable_internet_firewall_rule'))).kind,
    ).toBe('noop');
    expect((await remediator().undo(done.id)).state).toBe('undone');
    expect(gcp.firewalls.get('allow-ssh-anywhere')?.disabled).toBe(false);
    const path = `compute/v1/projects/${PROJECT}/global/firewalls/allow-ssh-anywhere`;
    expect(gcp.writes).toEqual([`PATCH compute ${path}`, `PATCH compute ${path}`]);
    allAuthorised();
  });
});

describe('GCP: remove allUsers and allAuthenticatedUsers from a bucket', () => {
  const id = 'gcp.storage.remove_public_bucket_members';

  it('dry run: the policy without the public members, guarded by its etag', async () => {
    const p = await remediator({ write: false }).prepare(publicBucket(), action(id));
    if (p.kind !== 'planned') throw new Error(p.kind);
    expect(p.plan.calls[0]).toMatchObject({
      action: 'storage.buckets.setIamPolicy',
      params: {
        method: 'PUT',
        api: 'storage',
        path: 'storage/v1/b/shop-assets/iam',
        body: {
          bindings: [
            { role: 'roles/storage.objectViewer', members: ['group:web@example.com'] },
            { role: 'roles/storage.admin', members: ['projectOwner:shop-prod-4821'] },
          ],
          etag: Buffer.from('etag-1').toString('base64'),
        },
      },
      why: 'remove allUsers (roles/storage.objectViewer), allAuthenticatedUsers (roles/storage.legacyBucketReader)',
    });
    expect(gcp.writes).toEqual([]);
  });

  it('apply removes them (re-read: nothing to do), undo restores the bindings', async () => {
    const before = structuredClone(gcp.buckets.get('shop-assets')?.bindings);
    const done = await apply(publicBucket(), id);
    expect(done.state).toBe('applied');
    expect(gcp.buckets.get('shop-assets')?.bindings.flatMap((b) => b.members)).toEqual([
      'group:web@example.com',
      'projectOwner:shop-prod-4821',
    ]);
    expect(done.kept).toEqual({ etag: Buffer.from('etag-2').toString('base64') });
    expect((await remediator().prepare(publicBucket(), action(id))).kind).toBe('noop');
    expect((await remediator().undo(done.id)).state).toBe('undone');
    expect(gcp.buckets.get('shop-assets')?.bindings).toEqual(before);
    allAuthorised();
  });

  it('a policy changed after the apply is not overwritten by the undo: Storage refuses it (412)', async () => {
    const done = await apply(publicBucket(), id);
    const b = gcp.buckets.get('shop-assets');
    if (b) {
      b.bindings.push({ role: 'roles/storage.objectCreator', members: ['user:ops@example.com'] });
      b.etag += 1;
    }
    const undone = await remediator().undo(done.id);
    expect(undone.state).toBe('undo_failed');
    expect(undone.note).toMatch(/^storage\.buckets\.setIamPolicy: .*(conditionNotMet|Precondition Failed)/);
    expect(gcp.buckets.get('shop-assets')?.bindings.flatMap((x) => x.members)).not.toContain('allUsers');
  });
});

describe('GCP: the write path', () => {
  const open = (grant?: ReturnType<typeof grantRemediation>) =>
    GcpActionSession.open(PROJECT, {
      ...gcp.seams(),
      provider: parseGcpProviderConfig(provider),
      ...(grant ? { grant } : {}),
    });
  const patch = {
    method: 'PATCH',
    api: 'compute',
    path: `compute/v1/projects/${PROJECT}/global/firewalls/allow-ssh-anywhere`,
    body: { disabled: true },
  };

  it('without a grant there is no write client: a write is refused before any request', async () => {
    const s = await open();
    try {
      expect(s.canWrite).toBe(false);
      await expect(s.write('compute.firewalls.update', 'global', patch)).rejects.toBeInstanceOf(
        RemediationDisabled,
      );
    } finally {
      s.close();
    }
    expect(gcp.writes).toEqual([]);
    expect(gcp.fx.requests.every((r) => r.method === 'GET')).toBe(true);
  });

  it('the write client sends only declared writes; its errors are the typed Google errors', async () => {
    const s = await open(grantRemediation({ respondConfigured: false, applyRequested: true }));
    try {
      // deleting the rule is not a declared call
      await expect(
        s.write('compute.firewalls.update', 'global', { ...patch, method: 'DELETE', body: undefined }),
      ).rejects.toBeInstanceOf(RemediationDisabled);
      // a declared name over another path is refused too
      await expect(
        s.write('compute.firewalls.update', 'global', {
          ...patch,
          path: `compute/v1/projects/${PROJECT}/global/networks/default`,
        }),
      ).rejects.toBeInstanceOf(RemediationDisabled);
      // and a write asked of the read side
      await expect(
        s.read('compute.firewalls.update', { ...patch, method: 'PATCH' } as never),
      ).rejects.toBeInstanceOf(RemediationDisabled);
      const gone = `compute/v1/projects/${PROJECT}/global/firewalls/no-such-rule`;
      gcp.fx.routes[`compute PATCH ${gone}`] = googleErrors.notFoundLegacy(
        `projects/${PROJECT}/global/firewalls/no-such-rule`,
      );
      await expect(
        s.write('compute.firewalls.update', 'global', {
          ...patch,
          path: gone,
        }),
      ).rejects.toBeInstanceOf(GcpAbsentError);
    } finally {
      s.close();
    }
    expect(gcp.writes).toEqual([]);
  });

  it('policy gcp --remediation: a role of exactly the declared calls, none of them in the scan role', () => {
    const role = gcpRemediationPolicy();
    expect(role.includedPermissions).toEqual([
      'compute.firewalls.get',
      'compute.firewalls.update',
      'compute.networks.updatePolicy',
      'resourcemanager.projects.get',
      'storage.buckets.getIamPolicy',
      'storage.buckets.setIamPolicy',
    ]);
    const scan = new Set(gcpPolicy().includedPermissions);
    for (const a of GCP_ACTIONS) for (const w of a.writes) expect(scan.has(w), w).toBe(false);
    expect(gcpRemediationPolicy(['gcp.storage.remove_public_bucket_members']).includedPermissions).toEqual([
      'resourcemanager.projects.get',
      'storage.buckets.getIamPolicy',
      'storage.buckets.setIamPolicy',
    ]);
    expect(() => gcpRemediationPolicy(['gcp.nope'])).toThrow(/unknown GCP action\(s\): gcp.nope/);
  });

  it('every GCP action fixes checks that exist', async () => {
    const { ALL_CHECKS } = await import('../../src/checks/index.js');
    const ids = new Set(ALL_CHECKS.map((c) => c.id));
    for (const a of GCP_ACTIONS) for (const c of a.fixes) expect(ids.has(c), `${a.id} fixes ${c}`).toBe(true);
  });
});
