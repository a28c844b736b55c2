import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventRecord } from '../../src/detect/event.js';
import { GcpProvider } from '../../src/providers/gcp/provider.js';
import { GcpRecollector } from '../../src/watch/gcp-collect-one.js';
import { targetsOf } from '../../src/watch/resource-ids.js';
import { KMS_KEYS, plantEstate, SHOP_PROD } from '../providers/gcp/estate.js';
import { type GcpFixture, startGcpFixture } from '../providers/gcp/fixture-server.js';
import { FakeClock, fixtureServiceAccount, isolateGoogleEnv } from '../providers/gcp/helpers.js';

/**
 * Event-driven re-checks for GCP: a Cloud Audit Log entry names the changed resource, the
 * resource modules' event table turns it into a target, and the provider re-reads that one
 * resource through its resource module (the kit's get-one) over the real HTTP stack.
 */

let fx: GcpFixture;
let dir: string;
let restore: () => void;
let recollector: GcpRecollector;

beforeAll(async () => {
  fx = await startGcpFixture();
  plantEstate(fx);
  dir = mkdtempSync(join(tmpdir(), 'cloudward-gcp-recheck-'));
  restore = isolateGoogleEnv({ GOOGLE_APPLICATION_CREDENTIALS: fixtureServiceAccount(fx, dir).file });
  const provider = new GcpProvider(
    { type: 'gcp' },
    { env: fx.env(), ca: fx.pki.caPem, clock: new FakeClock() },
  );
  recollector = new GcpRecollector(provider);
});
afterAll(async () => {
  await recollector.close();
  restore();
  await fx.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A Cloud Audit Log entry as the GCP audit log source reads it (the fields targetsOf uses). */
function auditEntry(methodName: string, resourceName: string, project = SHOP_PROD.id): EventRecord {
  return {
    raw: { protoPayload: { methodName, resourceName, serviceName: 'x.googleapis.com' } },
    ext: { record_type: 'gcp.audit_log' },
    com: {
      cloud_type: 'gcp',
      record_type: 'event',
      account: project,
      region: 'global',
      action: methodName,
      outcome: 'success',
    },
  } as unknown as EventRecord;
}

const names = (items: Record<string, unknown>[] | undefined) =>
  (items ?? []).map((i) => String((i.item as Record<string, unknown>).name));

describe('GCP re-checks from Cloud Audit Log entries', () => {
  it('a new service account key re-reads that service account, with its keys, and nothing else', async () => {
    const [target] = targetsOf(
      auditEntry(
        'google.iam.admin.v1.CreateServiceAccountKey',
        'projects/-/serviceAccounts/104857600000000000001',
      ),
    );
    expect(target).toMatchObject({
      type: 'gcp.iam.service_account',
      id: '104857600000000000001',
      account: SHOP_PROD.id,
    });
    const before = fx.requests.length;
    const col = await recollector.collectOne(target as NonNullable<typeof target>);
    expect(names(col?.items)).toEqual([
      `projects/${SHOP_PROD.id}/serviceAccounts/deployer@${SHOP_PROD.id}.iam.gserviceaccount.com`,
    ]);
    expect(col?.items?.[0]?.keys).toMatchObject({
      keys: [expect.objectContaining({ keyType: 'USER_MANAGED' })],
    });
    const keyReads = fx.requests.slice(before).filter((r) => r.path.endsWith('/keys'));
    // the other account of the list is dropped before its keys are read
    expect(keyReads.map((r) => r.path)).toEqual([
      `v1/projects/${SHOP_PROD.id}/serviceAccounts/deployer@${SHOP_PROD.id}.iam.gserviceaccount.com/keys`,
    ]);
  });

  it('a patched firewall re-reads that firewall', async () => {
    const targets = targetsOf(
      auditEntry(
        'v1.compute.firewalls.patch',
        `projects/${SHOP_PROD.id}/global/firewalls/allow-ssh-anywhere`,
      ),
    );
    expect(targets.map((t) => [t.type, t.id])).toEqual([['gcp.compute.firewall', 'allow-ssh-anywhere']]);
    const col = await recollector.collectOne(targets[0] as NonNullable<(typeof targets)[0]>);
    expect(names(col?.items)).toEqual(['allow-ssh-anywhere']);
  });

  it("SetIamPolicy on a project re-reads the project's policy; on a key, the key", async () => {
    const onProject = targetsOf(auditEntry('SetIamPolicy', `projects/${SHOP_PROD.id}`));
    expect(onProject.map((t) => t.type)).toEqual(['gcp.resourcemanager.project_iam_policy']);
    const policy = await recollector.collectOne(onProject[0] as NonNullable<(typeof onProject)[0]>);
    expect(policy?.items?.[0]?.item).toMatchObject({ bindings: expect.any(Array) });
    const onKey = targetsOf(auditEntry('SetIamPolicy', KMS_KEYS.orders));
    const key = onKey.find((t) => t.type === 'gcp.cloudkms.crypto_key');
    expect(key?.id).toBe(KMS_KEYS.orders);
    const col = await recollector.collectOne(key as NonNullable<typeof key>);
    expect(names(col?.items)).toEqual([KMS_KEYS.orders]);
  });

  it('a project the provider does not read is left to another provider', async () => {
    const [target] = targetsOf(
      auditEntry('v1.compute.firewalls.patch', 'projects/other-proj/global/firewalls/x', 'other-proj'),
    );
    expect(await recollector.collectOne(target as NonNullable<typeof target>)).toBeNull();
    expect(fx.refused).toEqual([]);
  });
});
