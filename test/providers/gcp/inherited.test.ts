import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../../src/checks/index.js';
import { evaluateAccount } from '../../../src/core/engine.js';
import type { AccountBatch, CollectOptions } from '../../../src/core/provider.js';
import type { GcpProviderInput } from '../../../src/providers/gcp/config.js';
import { GCP_HIERARCHY_SOURCE, GcpProvider } from '../../../src/providers/gcp/provider.js';
import { NORMALISERS_REGISTRY } from '../../../src/providers/normalisers.js';
import { ORG_POLICY, ORGANIZATION, plantEstate, SHOP_DEV, SHOP_PROD } from './estate.js';
import { type GcpFixture, googleErrors, pagedList, startGcpFixture } from './fixture-server.js';
import { FakeClock, fixtureServiceAccount, isolateGoogleEnv } from './helpers.js';

/**
 * Organisation and folder scans read what each project inherits (the IAM policies and audit
 * configs of its folders and organisation, their aggregated sinks), through the real HTTP stack:
 * each read once per scan, a folder's parent through Resource Manager v3, and a denied read an
 * error of the dependent checks with Google's reason while the project's own checks still run.
 */

const ORG = `organizations/${ORGANIZATION.id}`;
const FOLDER = 'folders/345678901234';
const INHERITING = [
  'gcp.logging.audit_logs_all_services',
  'gcp.logging.sink_exports_all_entries',
  'gcp.logging.sink_bucket_retention_locked',
  'gcp.iam.service_account_duties_separated',
  'gcp.cloudkms.key_duties_separated',
];
const CHECKS = ALL_CHECKS.filter(
  (c) => INHERITING.includes(c.id) || c.id === 'gcp.iam.service_account_not_admin',
);
const TYPES: CollectOptions = {
  types: new Set(CHECKS.flatMap((c) => (c.kind === 'scope' ? c.uses : [c.resource]))),
};

let fx: GcpFixture;
let dir: string;
let restore: () => void;

beforeAll(async () => {
  fx = await startGcpFixture();
  dir = mkdtempSync(join(tmpdir(), 'cloudward-gcp-inherited-'));
  const key = fixtureServiceAccount(fx, dir);
  restore = isolateGoogleEnv({ GOOGLE_APPLICATION_CREDENTIALS: key.file });
});
afterAll(async () => {
  restore();
  await fx.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  for (const k of Object.keys(fx.routes)) delete fx.routes[k];
  fx.requests.length = 0;
  fx.unmatched.length = 0;
  plantEstate(fx, { inheriting: true });
});
afterEach(() => {
  expect(fx.refused).toEqual([]);
  expect(fx.unmatched.map((r) => `${r.api} ${r.method} ${r.path}`)).toEqual([]);
});

function provider(cfg: Partial<GcpProviderInput>): GcpProvider {
  return new GcpProvider(
    { type: 'gcp', max_attempts: 2, ...cfg },
    { env: fx.env(), ca: fx.pki.caPem, clock: new FakeClock() },
  );
}

/** the batches of the last scan (each project's path, the collections) */
let batches: AccountBatch[] = [];

async function scan(p: GcpProvider) {
  const out = new Map<string, Map<string, { status: string; message: string }[]>>();
  batches = [];
  for await (const batch of p.collect(TYPES)) {
    batches.push(batch);
    const { outcomes } = evaluateAccount(
      batch as AccountBatch,
      { checks: CHECKS, params: new Map(), normalisers: NORMALISERS_REGISTRY, wholeAccount: true },
      { auditKey: 't', auditVersion: 'v', now: '2026-01-01T00:00:00Z', compliance: new Map() },
      new Set(),
    );
    const byCheck = new Map<string, { status: string; message: string }[]>();
    for (const o of outcomes) {
      byCheck.set(o.row.check_id, [
        ...(byCheck.get(o.row.check_id) ?? []),
        { status: o.row.status, message: o.row.message },
      ]);
    }
    out.set(batch.account, byCheck);
  }
  return out;
}

const statuses = (results: Map<string, { status: string; message: string }[]> | undefined, check: string) =>
  (results?.get(check) ?? []).map((r) => r.status);

describe('settings inherited from the organisation', () => {
  it('make a project configured from above compliant, each organisation read made once', async () => {
    const results = await scan(provider({ organization: ORGANIZATION.id }));
    const dev = results.get(SHOP_DEV.id);
    expect(statuses(dev, 'gcp.logging.audit_logs_all_services')).toEqual(['pass']);
    expect(dev?.get('gcp.logging.audit_logs_all_services')?.[0]?.message).toContain(`inherited from ${ORG}`);
    expect(statuses(dev, 'gcp.logging.sink_exports_all_entries')).toEqual(['pass']);
    expect(statuses(dev, 'gcp.logging.sink_bucket_retention_locked')).toEqual(['pass']);
    // Cloud KMS is not enabled in shop-dev: the bindings of its project policy are judged all the same
    expect(statuses(dev, 'gcp.iam.service_account_duties_separated')).toEqual(['pass']);
    const prod = results.get(SHOP_PROD.id);
    expect(prod?.get('gcp.iam.service_account_duties_separated')?.map((r) => r.message)).toEqual(
      expect.arrayContaining([expect.stringContaining(`user:dave@shop.example holds both`)]),
    );
    const reads = (path: string) => fx.requests.filter((r) => r.path === path).length;
    expect(reads(`v3/${ORG}:getIamPolicy`)).toBe(1);
    // its two sinks come one per page
    expect(reads(`v2/${ORG}/sinks`)).toBe(2);
    // the organisation's name from the organizations.get of the project discovery: no added call
    expect(batches.map((b) => b.path)).toEqual([
      [{ kind: 'organization', id: ORGANIZATION.id, name: ORGANIZATION.name }],
      [{ kind: 'organization', id: ORGANIZATION.id, name: ORGANIZATION.name }],
    ]);
  });

  it('are not read when listed projects are scanned', async () => {
    const results = await scan(provider({ projects: [SHOP_DEV.id] }));
    expect(statuses(results.get(SHOP_DEV.id), 'gcp.logging.audit_logs_all_services')).toEqual(['fail']);
    expect(fx.requests.some((r) => r.path.includes(ORG))).toBe(false);
    // the project's parent as its lookup gave it, nothing read for it
    expect(batches.map((b) => b.path)).toEqual([[{ kind: 'organization', id: ORGANIZATION.id }]]);
  });

  it('denied: the dependent checks error with the reason, never pass; the project-level checks still run', async () => {
    fx.routes[`cloudresourcemanager POST v3/${ORG}:getIamPolicy`] = googleErrors.permissionDenied(
      'resourcemanager.organizations.getIamPolicy',
      ORG,
    );
    fx.routes[`logging GET v2/${ORG}/sinks`] = googleErrors.permissionDenied(
      'logging.sinks.list',
      ORG,
      'logging.googleapis.com',
    );
    const results = await scan(provider({ organization: ORGANIZATION.id }));
    const dev = results.get(SHOP_DEV.id);
    for (const check of INHERITING) {
      expect(dev?.get(check), check).toEqual([expect.objectContaining({ status: 'error' })]);
      expect(dev?.get(check)?.[0]?.message, check).toContain('PERMISSION_DENIED');
    }
    const prod = results.get(SHOP_PROD.id);
    // shop-prod fails on its own bindings whatever the organisation grants
    expect(statuses(prod, 'gcp.iam.service_account_duties_separated')).toEqual(['fail']);
    expect(statuses(prod, 'gcp.iam.service_account_not_admin')).toContain('fail');
    // its own sink to an unlocked bucket is still judged, next to the error about the organisation's
    expect(statuses(prod, 'gcp.logging.sink_bucket_retention_locked').sort()).toEqual(['error', 'fail']);
  });
});

describe('settings inherited through folders', () => {
  it('walk each folder up to the organisation with folders.get, and read every level once', async () => {
    const inFolder = (p: typeof SHOP_DEV) => ({
      name: `projects/${p.number}`,
      parent: FOLDER,
      projectId: p.id,
      state: 'ACTIVE',
      displayName: p.name,
    });
    fx.routes['cloudresourcemanager GET v3/projects'] = (req) =>
      req.query.get('parent') === FOLDER
        ? pagedList('projects', [inFolder(SHOP_DEV), inFolder(SHOP_PROD)])(req)
        : { body: {} };
    fx.routes[`cloudresourcemanager GET v3/${FOLDER}`] = {
      body: { name: FOLDER, parent: ORG, displayName: 'shop', state: 'ACTIVE' },
    };
    // the folder turns the Data Access logs on, the organisation only admin reads
    fx.routes[`cloudresourcemanager POST v3/${FOLDER}:getIamPolicy`] = {
      body: { version: 1, auditConfigs: ORG_POLICY.auditConfigs },
    };
    fx.routes[`cloudresourcemanager POST v3/${ORG}:getIamPolicy`] = {
      body: {
        version: 1,
        auditConfigs: [{ service: 'allServices', auditLogConfigs: [{ logType: 'ADMIN_READ' }] }],
      },
    };
    fx.routes[`logging GET v2/${FOLDER}/sinks`] = { body: {} };
    const results = await scan(provider({ folders: ['345678901234'] }));
    expect(statuses(results.get(SHOP_DEV.id), 'gcp.logging.audit_logs_all_services')).toEqual(['pass']);
    const reads = (path: string) => fx.requests.filter((r) => r.path === path).length;
    expect(reads(`v3/${FOLDER}`)).toBe(1);
    expect(reads(`v3/${FOLDER}:getIamPolicy`)).toBe(1);
    expect(reads(`v3/${ORG}:getIamPolicy`)).toBe(1);
    expect(reads(`v2/${FOLDER}/sinks`)).toBe(1);
    // each project's place above it: the organisation, then the folder with its display name,
    // from the same folders.get the inherited settings needed (read once, above)
    expect(batches.map((b) => [b.account, b.path])).toEqual([
      [
        SHOP_DEV.id,
        [
          { kind: 'organization', id: ORGANIZATION.id },
          { kind: 'folder', id: '345678901234', name: 'shop' },
        ],
      ],
      [
        SHOP_PROD.id,
        [
          { kind: 'organization', id: ORGANIZATION.id },
          { kind: 'folder', id: '345678901234', name: 'shop' },
        ],
      ],
    ]);
    expect(batches.flatMap((b) => b.collections).filter((c) => c.type === GCP_HIERARCHY_SOURCE)).toEqual([]);
  });

  it('a folder that cannot be read makes the dependent checks error', async () => {
    fx.routes['cloudresourcemanager GET v3/projects'] = (req) =>
      req.query.get('parent') === FOLDER
        ? pagedList('projects', [
            { name: `projects/${SHOP_DEV.number}`, parent: FOLDER, projectId: SHOP_DEV.id, state: 'ACTIVE' },
          ])(req)
        : { body: {} };
    fx.routes[`cloudresourcemanager GET v3/${FOLDER}`] = googleErrors.permissionDenied(
      'resourcemanager.folders.get',
      FOLDER,
    );
    const results = await scan(provider({ folders: ['345678901234'] }));
    const dev = results.get(SHOP_DEV.id);
    expect(statuses(dev, 'gcp.logging.audit_logs_all_services')).toEqual(['error']);
    expect(statuses(dev, 'gcp.logging.sink_exports_all_entries')).toEqual(['error']);
    // no path, and the scan is told once, naming the permission
    expect(batches.every((b) => b.path === undefined)).toBe(true);
    const told = batches.flatMap((b) => b.collections).filter((c) => c.type === GCP_HIERARCHY_SOURCE);
    expect(told.map((c) => c.account)).toEqual([SHOP_DEV.id]);
    expect(told[0]?.error).toMatch(
      /^resourcemanager\.folders\.get: .*without their folders and organisation/,
    );
  });
});
