import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AccountBatch, Collection } from '../../../src/core/provider.js';
import { GcpProvider } from '../../../src/providers/gcp/provider.js';
import { normaliseCollection } from '../../../src/providers/normalisers.js';
import { plantEstate, SHOP_PROD } from './estate.js';
import { type GcpFixture, googleErrors, pagedList, startGcpFixture } from './fixture-server.js';
import { FakeClock, fixtureServiceAccount, isolateGoogleEnv } from './helpers.js';

/**
 * Security Command Center findings through the real stack (service account token, the
 * transport's paging) against the fixture, in the v2 `sources/-/findings` list shape.
 */

const TYPE = 'gcp.securitycenter.finding';
const PATH = `securitycenter GET v2/projects/${SHOP_PROD.id}/sources/-/findings`;

let fx: GcpFixture;
let dir: string;
let restore: () => void;

beforeAll(async () => {
  fx = await startGcpFixture();
  dir = mkdtempSync(join(tmpdir(), 'cloudward-gcp-scc-'));
  restore = isolateGoogleEnv({ GOOGLE_APPLICATION_CREDENTIALS: fixtureServiceAccount(fx, dir).file });
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
  plantEstate(fx);
});
afterEach(() => {
  expect(fx.refused).toEqual([]);
});

async function collect(): Promise<Collection> {
  const p = new GcpProvider(
    { type: 'gcp', projects: [SHOP_PROD.id], max_attempts: 1 },
    { env: fx.env(), ca: fx.pki.caPem, clock: new FakeClock() },
  );
  const out: AccountBatch[] = [];
  for await (const b of p.collect({ types: new Set([TYPE]) })) out.push(b);
  const c = out[0]?.collections.find((x) => x.type === TYPE);
  expect(c).toBeDefined();
  return c as Collection;
}

const result = (n: number, category: string, severity: string, resourceName: string) => ({
  finding: {
    name: `projects/${SHOP_PROD.number}/sources/1234/locations/global/findings/f${n}`,
    parent: `projects/${SHOP_PROD.number}/sources/1234/locations/global`,
    resourceName,
    state: 'ACTIVE',
    category,
    severity,
    findingClass: 'MISCONFIGURATION',
    mute: 'UNMUTED',
    description: `${category} on ${resourceName}`,
    nextSteps: 'Restrict the rule to the addresses that need it.',
    externalUri: 'https://console.cloud.google.com/networking/firewalls',
    eventTime: '2026-01-02T10:00:00Z',
    createTime: '2026-01-01T10:00:00Z',
  },
  resource: {
    name: resourceName,
    displayName: resourceName.split('/').pop(),
    type: 'google.compute.Firewall',
    gcpMetadata: { project: `//cloudresourcemanager.googleapis.com/projects/${SHOP_PROD.number}` },
  },
});

describe('gcp.securitycenter.finding', () => {
  it('reads every page of active, unmuted findings, each on its resource as Cloudward names it', async () => {
    const fw = `//compute.googleapis.com/projects/${SHOP_PROD.id}/global/firewalls/allow-ssh`;
    const bucket = '//storage.googleapis.com/shop-public-assets';
    fx.routes[PATH] = (req) => {
      expect(req.query.get('filter')).toBe('state="ACTIVE" AND NOT mute="MUTED"');
      return pagedList(
        'listFindingsResults',
        [
          result(1, 'OPEN_FIREWALL', 'HIGH', fw),
          result(2, 'PUBLIC_BUCKET_ACL', 'CRITICAL', bucket),
          result(
            3,
            'FLOW_LOGS_DISABLED',
            'SEVERITY_UNSPECIFIED',
            `//compute.googleapis.com/projects/${SHOP_PROD.id}/regions/us-central1/subnetworks/s1`,
          ),
        ],
        { pageSize: 2 },
      )(req);
    };
    const c = await collect();
    expect(c.error).toBeUndefined();
    const { records, errors } = normaliseCollection(c);
    expect(errors).toEqual([]);
    expect(records.map((r) => [r.ext.finding_type, r.ext.severity, r.ext.resource_reference])).toEqual([
      [
        'OPEN_FIREWALL',
        'high',
        `https://www.googleapis.com/compute/v1/projects/${SHOP_PROD.id}/global/firewalls/allow-ssh`,
      ],
      ['PUBLIC_BUCKET_ACL', 'critical', 'https://www.googleapis.com/storage/v1/b/shop-public-assets'],
      [
        'FLOW_LOGS_DISABLED',
        'info',
        `https://www.googleapis.com/compute/v1/projects/${SHOP_PROD.id}/regions/us-central1/subnetworks/s1`,
      ],
    ]);
    expect(records[0]?.ext.title).toBe('Open firewall');
    expect(fx.requests.filter((r) => r.api === 'securitycenter')).toHaveLength(2);
  });

  it('the Security Command Center API not enabled: not applicable', async () => {
    fx.routes[PATH] = googleErrors.serviceDisabled(
      'securitycenter.googleapis.com',
      'Security Command Center API',
      SHOP_PROD.number,
    );
    const c = await collect();
    expect(c.error).toBeUndefined();
    expect(c.not_applicable).toMatch(/not enabled/);
  });

  it('a refused read is an error', async () => {
    fx.routes[PATH] = googleErrors.permissionDenied(
      'securitycenter.findings.list',
      `projects/${SHOP_PROD.id}`,
      'securitycenter.googleapis.com',
    );
    const c = await collect();
    expect(c.error).toMatch(/PERMISSION_DENIED|securitycenter.findings.list/);
  });
});
