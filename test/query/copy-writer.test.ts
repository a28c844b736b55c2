import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSource } from '../../src/detect/sources/index.js';
import { EventsCopyWriter } from '../../src/query/copy-writer.js';
import { COPY_MARKER, QueryError, queryEvents } from '../../src/query/engine.js';
import { EVENT_COLUMN_NAMES } from '../../src/query/events-table.js';

const FIXTURES = path.join(import.meta.dirname, '..', 'detect', 'sources', 'fixtures');
const TRAIL = path.join(FIXTURES, 'cloudtrail');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cloudward-copy-writer-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Reads a log with detect's own reader and keeps its events in the copy at `copy`. */
async function keep(
  spec: Parameters<typeof openSource>[0],
  copy: string,
  batchEvents = 20_000,
): Promise<EventsCopyWriter> {
  const writer = await EventsCopyWriter.open(copy, { batchEvents });
  const source = openSource(spec);
  for await (const event of source.read()) await writer.add(event);
  await writer.close();
  return writer;
}

const query = (copy: string, sql: string) => queryEvents({ copy }, sql, { timeoutMs: 30_000 });

async function parquetFiles(copy: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(copy, { recursive: true, withFileTypes: true }))
    if (e.isFile() && e.name.endsWith('.parquet'))
      out.push(path.relative(copy, path.join(e.parentPath, e.name)));
  return out.sort();
}

describe('the events copy detect and watch keep', () => {
  it('holds CloudTrail events with the same columns and values as the files queried in place', async () => {
    const copy = path.join(dir, 'copy');
    const writer = await keep({ type: 'cloudtrail', path: TRAIL }, copy);
    const sql = `SELECT * FROM events ORDER BY event_id`;
    const kept = await query(copy, sql);
    const inPlace = await queryEvents({ cloudtrail: TRAIL }, sql, { timeoutMs: 30_000 });
    expect(kept.columns.map((c) => c.name)).toEqual(EVENT_COLUMN_NAMES);
    expect(kept.columns).toEqual(inPlace.columns);
    expect(kept.rows.length).toBeGreaterThan(0);
    expect(writer.stats.events).toBe(kept.rows.length);
    // the reader names the file as given, the in-place query by its absolute path: the same here
    expect(kept.rows).toEqual(inPlace.rows);
    expect(new Set(kept.rows.map((r) => r.log))).toEqual(new Set(['cloudtrail']));
  });

  it('normalises Azure Activity events (storage export and REST shapes)', async () => {
    const copy = path.join(dir, 'copy');
    await keep({ type: 'azure_activity', path: path.join(FIXTURES, 'azure') }, copy);
    const { rows } = await query(
      copy,
      `SELECT cloud, log, time, day, account, region, actor, source_ip, service, event_name, action, resource,
         outcome, read_only, event_id, raw->>'$.resultSignature' AS signature FROM events ORDER BY time, event_id`,
    );
    const nsg = rows.find((r) => r.action === 'MICROSOFT.NETWORK/NETWORKSECURITYGROUPS/SECURITYRULES/WRITE');
    expect(nsg).toMatchObject({
      cloud: 'azure',
      log: 'azure_activity',
      time: '2024-05-01 12:14:26.979+00',
      day: '2024-05-01',
      account: '0b1f6471-1bf0-4dda-aec3-cb9272f09590',
      region: 'global',
      actor: 'dana@contoso.example',
      source_ip: '203.0.113.50',
      service: 'network',
      event_name: 'MICROSOFT.NETWORK/NETWORKSECURITYGROUPS/SECURITYRULES/WRITE',
      resource:
        '/SUBSCRIPTIONS/0B1F6471-1BF0-4DDA-AEC3-CB9272F09590/RESOURCEGROUPS/PROD-RG/PROVIDERS/MICROSOFT.NETWORK/NETWORKSECURITYGROUPS/WEB-NSG/SECURITYRULES/ALLOW-RDP',
      outcome: 'success',
      read_only: false,
      signature: 'Succeeded.Created',
    });
    // a refused call's outcome is its result signature, as a CloudTrail one's is its error code
    const vault = rows.find((r) => r.action === 'MICROSOFT.KEYVAULT/VAULTS/DELETE');
    expect(vault).toMatchObject({ outcome: 'Failed.Forbidden', region: 'westeurope', service: 'keyvault' });
    const rest = rows.find((r) => r.action === 'Microsoft.Authorization/roleAssignments/write');
    expect(rest).toMatchObject({
      actor: 'erin@contoso.example',
      source_ip: '192.0.2.140',
      event_id: '44ade6b4-3813-45e6-ae27-7420a95fa2f8',
    });
  });

  it('normalises GCP Audit events: serviceName:methodName, the gRPC code name of a failure', async () => {
    const copy = path.join(dir, 'copy');
    await keep({ type: 'gcp_audit', path: path.join(FIXTURES, 'gcp') }, copy);
    const { rows } = await query(copy, `SELECT * EXCLUDE (raw, source) FROM events ORDER BY time`);
    expect(rows[0]).toMatchObject({
      cloud: 'gcp',
      log: 'gcp_audit',
      // the reader's time, to the millisecond
      time: '2024-05-01 14:00:00.339+00',
      day: '2024-05-01',
      account: 'prod-project-123',
      actor: 'ops@example.org',
      source_ip: '203.0.113.77',
      user_agent: 'google-cloud-sdk gcloud/470.0.0',
      service: 'compute',
      event_name: 'v1.compute.firewalls.insert',
      action: 'compute.googleapis.com:v1.compute.firewalls.insert',
      resource: 'projects/prod-project-123/global/firewalls/allow-ssh-any',
      outcome: 'success',
      read_only: false,
      event_id: '1x2y3z4w5v6u',
    });
    expect(rows[1]).toMatchObject({
      actor: 'intruder@example.net',
      action: 'iam.googleapis.com:google.iam.admin.v1.CreateServiceAccountKey',
      outcome: 'PERMISSION_DENIED',
      error_message: "Permission 'iam.serviceAccountKeys.create' denied on resource (or it may not exist).",
    });
    // a caller that is not an address (gce-internal-ip) has no source_ip, as in CloudTrail
    expect(rows[2]).toMatchObject({ event_name: 'beta.compute.instances.insert', source_ip: null });
  });

  it('partitions by UTC day and appends new files per batch, never rewriting earlier ones', async () => {
    const copy = path.join(dir, 'copy');
    const trail = path.join(dir, 'trail');
    await mkdir(trail);
    const event = (i: number, time: string) => ({
      eventTime: time,
      eventSource: 'ec2.amazonaws.com',
      eventName: 'DescribeInstances',
      awsRegion: 'us-east-1',
      sourceIPAddress: '198.51.100.1',
      userIdentity: {
        type: 'IAMUser',
        arn: 'arn:aws:iam::111122223333:user/alice',
        accountId: '111122223333',
      },
      eventID: `ev-${i}`,
      recipientAccountId: '111122223333',
    });
    // 23:30 on the 3rd and 00:30 on the 4th (UTC): two days
    await writeFile(
      path.join(trail, 'a.json'),
      JSON.stringify({
        Records: [
          event(1, '2026-11-03T23:30:00Z'),
          event(2, '2026-11-04T00:30:00Z'),
          event(3, '2026-11-04T01:30:00Z'),
        ],
      }),
    );
    await keep({ type: 'cloudtrail', path: path.join(trail, 'a.json') }, copy, 2);
    const first = await parquetFiles(copy);
    // batch 1 (events 1-2) touches both days, batch 2 (event 3) the 4th only
    expect(first.filter((f) => f.startsWith('day=2026-11-03/'))).toHaveLength(1);
    expect(first.filter((f) => f.startsWith('day=2026-11-04/'))).toHaveLength(2);
    const before = new Map(
      await Promise.all(first.map(async (f) => [f, (await stat(path.join(copy, f))).mtimeMs] as const)),
    );

    await writeFile(
      path.join(trail, 'b.json'),
      JSON.stringify({ Records: [event(4, '2026-11-04T12:00:00Z'), event(5, '2026-11-05T00:00:00Z')] }),
    );
    await keep({ type: 'cloudtrail', path: path.join(trail, 'b.json') }, copy);
    const second = await parquetFiles(copy);
    expect(second.filter((f) => !first.includes(f))).toHaveLength(2);
    for (const [f, mtime] of before) expect((await stat(path.join(copy, f))).mtimeMs).toBe(mtime);
    expect((await readdir(copy)).sort()).toEqual([
      COPY_MARKER,
      'day=2026-11-03',
      'day=2026-11-04',
      'day=2026-11-05',
    ]);
    const { rows } = await query(copy, `SELECT day, count(*) AS n FROM events GROUP BY day ORDER BY day`);
    expect(rows).toEqual([
      { day: '2026-11-03', n: 1 },
      { day: '2026-11-04', n: 3 },
      { day: '2026-11-05', n: 1 },
    ]);
    const marker = JSON.parse(await readFile(path.join(copy, COPY_MARKER), 'utf8'));
    expect(marker).toMatchObject({ format: 'cloudward events copy', version: 2 });
  });

  it('a second run over the same files without a checkpoint writes no event again', async () => {
    const copy = path.join(dir, 'copy');
    const first = await keep({ type: 'cloudtrail', path: TRAIL }, copy);
    const files = await parquetFiles(copy);
    const count = `SELECT count(*) AS n, count(DISTINCT event_id) AS ids FROM events`;
    const before = (await query(copy, count)).rows[0];
    expect(first.stats.events).toBeGreaterThan(0);
    expect(before).toEqual({ n: first.stats.events, ids: first.stats.events });

    const again = await keep({ type: 'cloudtrail', path: TRAIL }, copy, 3);
    expect(again.stats).toMatchObject({ events: 0, files: 0, duplicates: first.stats.events });
    expect(await parquetFiles(copy)).toEqual(files);
    expect((await query(copy, count)).rows[0]).toEqual(before);

    // Azure Activity (record ids of its own), read twice
    await keep({ type: 'azure_activity', path: path.join(FIXTURES, 'azure') }, copy);
    const azure = (await query(copy, `SELECT count(*) AS n FROM events WHERE log = 'azure_activity'`))
      .rows[0];
    const rerun = await keep({ type: 'azure_activity', path: path.join(FIXTURES, 'azure') }, copy);
    expect(rerun.stats.events).toBe(0);
    expect(rerun.stats.duplicates).toBeGreaterThan(0);
    expect(
      (await query(copy, `SELECT count(*) AS n FROM events WHERE log = 'azure_activity'`)).rows[0],
    ).toEqual(azure);
  });

  it('keeps no VPC flow records (traffic, not activity) and counts them', async () => {
    const copy = path.join(dir, 'copy');
    const writer = await keep(
      { type: 'vpcflow', path: path.join(FIXTURES, 'vpcflow', 'v2-default.log') },
      copy,
    );
    expect(writer.stats.events).toBe(0);
    expect(writer.stats.notKept).toBeGreaterThan(0);
    expect(await parquetFiles(copy)).toEqual([]);
  });

  it('refuses a directory that is not a copy, and leaves it alone', async () => {
    const notCopy = path.join(dir, 'documents');
    await mkdir(notCopy);
    await writeFile(path.join(notCopy, 'notes.txt'), 'mine');
    await expect(EventsCopyWriter.open(notCopy)).rejects.toThrow(QueryError);
    await expect(EventsCopyWriter.open(notCopy)).rejects.toThrow(/not a cloudward copy/);
    expect(await readdir(notCopy)).toEqual(['notes.txt']);
  });

  it('writes a batch after flushEveryMs without waiting for it to fill (watch)', async () => {
    const copy = path.join(dir, 'copy');
    const writer = await EventsCopyWriter.open(copy, { flushEveryMs: 20 });
    const source = openSource({ type: 'cloudtrail', path: TRAIL });
    let n = 0;
    for await (const event of source.read()) {
      await writer.add(event);
      n += 1;
    }
    await expect.poll(() => writer.stats.events, { timeout: 5_000 }).toBe(n);
    await writer.close();
  });
});
