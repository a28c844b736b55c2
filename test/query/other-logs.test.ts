import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  azureActivityFile,
  azureActivityRecord,
  entraSignIn,
  entraSignInsAnswer,
  gcpAuditEntry,
  gcpAuditLines,
  PROJECT,
  SUBSCRIPTION,
  TENANT,
} from '../../bench/lib/cloud-logs.mjs';
import { runCli } from '../helpers/run-cli.js';

/*
 * `query --azure-activity / --gcp-audit / --entra-id PATH`: the other activity logs in place, as
 * the same `events` table as CloudTrail and the kept copy, several options giving one table.
 */

let dir: string;
let azure: string;
let gcp: string;
let entra: string;
let trail: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cloudward-other-logs-'));
  azure = path.join(dir, 'azure');
  gcp = path.join(dir, 'gcp');
  entra = path.join(dir, 'entra');
  trail = path.join(dir, 'trail');
  for (const d of [azure, gcp, entra, trail]) await mkdir(d);
  // 8 Azure records in two files (one gzip), 8 GCP entries, 5 sign-ins, 1 CloudTrail event
  const az = Array.from({ length: 8 }, (_, i) => azureActivityRecord(i));
  await writeFile(path.join(azure, 'PT1H.json'), azureActivityFile(az.slice(0, 4)));
  await writeFile(path.join(azure, 'PT2H.json.gz'), gzipSync(azureActivityFile(az.slice(4))));
  await writeFile(
    path.join(gcp, 'cloudaudit.jsonl'),
    gcpAuditLines(Array.from({ length: 8 }, (_, i) => gcpAuditEntry(i))),
  );
  await writeFile(
    path.join(entra, 'signins.json'),
    entraSignInsAnswer(Array.from({ length: 5 }, (_, i) => entraSignIn(i))),
  );
  await writeFile(
    path.join(trail, 'ct.json'),
    JSON.stringify({
      Records: [
        {
          eventTime: '2026-11-02T08:00:00Z',
          eventSource: 'signin.amazonaws.com',
          eventName: 'ConsoleLogin',
          awsRegion: 'us-east-1',
          sourceIPAddress: '203.0.113.50',
          userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/dana' },
          recipientAccountId: '111122223333',
          eventID: 'ct-1',
        },
      ],
    }),
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const json = async (args: string[]) => {
  const r = await runCli(['query', '--format', 'json', ...args]);
  expect(r.code, r.stderr).toBe(0);
  return { rows: JSON.parse(r.stdout) as Record<string, unknown>[], stderr: r.stderr };
};

const COLUMNS =
  'SELECT cloud, log, time, account, region, actor, source_ip, action, resource, outcome, error_message, read_only, event_id FROM events';

describe('query over Azure Activity, GCP Audit and Entra ID files', () => {
  it('maps Azure Activity records to the events columns', async () => {
    const { rows } = await json(['--azure-activity', azure, `${COLUMNS} ORDER BY time`]);
    expect(rows).toHaveLength(8);
    expect(rows[2]).toEqual({
      cloud: 'azure',
      log: 'azure_activity',
      time: '2026-11-02 08:00:02+00',
      account: SUBSCRIPTION,
      region: 'westeurope',
      actor: 'frank@contoso.example',
      source_ip: '192.0.2.140',
      action: 'MICROSOFT.KEYVAULT/VAULTS/DELETE',
      resource: expect.stringMatching(/^\/SUBSCRIPTIONS\/.+\/VAULTS\/RES-2$/),
      outcome: 'Failed.Forbidden',
      error_message: '{"error":{"code":"AuthorizationFailed"}}',
      read_only: false,
      event_id: 'corr-2/Failure/2026-11-02T08:00:02.000Z',
    });
    expect(rows[0]).toMatchObject({ outcome: 'success', read_only: true });
  });

  it('maps GCP Audit entries, with the gRPC code as the outcome', async () => {
    const { rows } = await json(['--gcp-audit', gcp, `${COLUMNS} ORDER BY time LIMIT 3`]);
    expect(rows[2]).toEqual({
      cloud: 'gcp',
      log: 'gcp_audit',
      time: '2026-11-02 08:00:02+00',
      account: PROJECT,
      region: 'europe-west1',
      actor: 'frank@example.org',
      source_ip: '192.0.2.140',
      action: 'iam.googleapis.com:google.iam.admin.v1.CreateServiceAccountKey',
      resource: `projects/${PROJECT}/resources/r-2`,
      outcome: 'PERMISSION_DENIED',
      error_message: 'Permission denied on resource',
      read_only: false,
      event_id: 'gcp-2',
    });
    expect(rows[0]).toMatchObject({ read_only: true, outcome: 'success' });
  });

  it('maps Entra ID sign-ins, with the error code as a failed outcome', async () => {
    const { rows } = await json(['--entra-id', entra, `${COLUMNS} ORDER BY time`]);
    expect(rows).toHaveLength(5);
    expect(rows[4]).toMatchObject({
      cloud: 'azure',
      log: 'entra_id',
      account: TENANT,
      actor: 'erin@contoso.example',
      source_ip: '198.51.100.7',
      resource: 'Azure Portal',
      outcome: '50126',
      event_id: 'signin-4',
    });
  });

  it('gives one events table for several options, CloudTrail included, raw kept', async () => {
    const { rows } = await json([
      '--cloudtrail',
      trail,
      '--azure-activity',
      azure,
      '--gcp-audit',
      gcp,
      '--entra-id',
      entra,
      'SELECT log, count(*) AS n, count(DISTINCT source_ip) AS ips FROM events GROUP BY log ORDER BY log',
    ]);
    expect(rows).toEqual([
      { log: 'azure_activity', n: 8, ips: 3 },
      { log: 'cloudtrail', n: 1, ips: 1 },
      { log: 'entra_id', n: 5, ips: 3 },
      { log: 'gcp_audit', n: 8, ips: 3 },
    ]);
    const raw = await json([
      '--cloudtrail',
      trail,
      '--gcp-audit',
      gcp,
      "SELECT raw->>'$.insertId' AS id, raw->>'$.eventID' AS ct FROM events WHERE source_ip = '203.0.113.50' ORDER BY ALL",
    ]);
    expect(raw.rows).toEqual([
      { id: 'gcp-0', ct: null },
      { id: 'gcp-3', ct: null },
      { id: 'gcp-6', ct: null },
      { id: null, ct: 'ct-1' },
    ]);
  });

  it('answers as the copy detect --keep-copy keeps of the same files', async () => {
    const copy = path.join(dir, 'kept');
    const kept = await runCli([
      'detect',
      '--type',
      'azure_activity',
      '--path',
      azure,
      '--keep-copy',
      copy,
      '--db',
      path.join(dir, 'detect.db'),
    ]);
    expect(kept.stderr).not.toMatch(/error/i);
    const sql = `${COLUMNS} ORDER BY event_id`;
    const inPlace = await json(['--azure-activity', azure, sql]);
    const fromCopy = await json(['--copy', copy, sql]);
    expect(inPlace.rows).toEqual(fromCopy.rows);
  });

  it('names a bad file on stderr and answers from the others', async () => {
    const mixed = path.join(dir, 'mixed');
    await mkdir(mixed);
    await writeFile(path.join(mixed, 'good.json'), azureActivityFile([azureActivityRecord(1)]));
    await writeFile(path.join(mixed, 'broken.json'), '{"records": [{"time": "2026-11-02T08:00:00Z", ');
    await writeFile(path.join(mixed, 'cut.json.gz'), gzipSync('{"records": []}').subarray(0, 12));
    const r = await json(['--azure-activity', mixed, 'SELECT actor FROM events']);
    expect(r.rows).toEqual([{ actor: 'erin@contoso.example' }]);
    expect(r.stderr).toContain(path.join(mixed, 'broken.json'));
    expect(r.stderr).toContain(path.join(mixed, 'cut.json.gz'));
  });

  it('refuses what it cannot do, saying why', async () => {
    for (const [args, message] of [
      [['--azure-activity', path.join(dir, 'nope'), 'SELECT 1'], /nope/],
      [['--gcp-audit', 's3://bucket/prefix', 'SELECT 1'], /--gcp-audit reads local files/],
      [['--entra-id', entra, '--copy', dir, 'SELECT 1'], /give --entra-id or --copy DIR, not both/],
      [['--build-copy', '--azure-activity', azure, '--copy', dir], /--keep-copy/],
      [['--entra-id', path.join(dir, 'gcp'), 'SELECT 1'], /no Entra ID events in this file or tree/],
    ] as const) {
      const r = await runCli(['query', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
    }
  });

  it('cancels a query over these logs at --timeout, naming the limit', async () => {
    const r = await runCli([
      'query',
      '--gcp-audit',
      gcp,
      '--timeout',
      '1s',
      'SELECT count(*) FROM events, range(100000000000) r WHERE hash(r.range) = 7',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/query cancelled: it ran longer than the 1s limit \(--timeout\)/);
  });
});

const PLASO = path.join(process.cwd(), '..', 'shared', 'data', 'logs', 'plaso');
if (!existsSync(PLASO)) console.warn(`skipping the recorded samples: ${PLASO} is absent`);
describe.skipIf(!existsSync(PLASO))('recorded samples (../shared/data/logs/plaso)', () => {
  it('queries the Azure Activity and GCP logging samples as one table', async () => {
    const { rows } = await json([
      '--azure-activity',
      path.join(PLASO, 'azure_activity_log.jsonl'),
      '--gcp-audit',
      path.join(PLASO, 'gcp_logging.jsonl'),
      'SELECT cloud, count(*) AS n, count(time) AS timed, count(action) AS actions FROM events GROUP BY cloud ORDER BY cloud',
    ]);
    expect(rows.map((r) => r.cloud)).toEqual(['azure', 'gcp']);
    for (const r of rows) {
      expect(r.n as number).toBeGreaterThan(0);
      expect(r.timed).toBe(r.n);
      expect(r.actions).toBe(r.n);
    }
    const denied = await json([
      '--gcp-audit',
      path.join(PLASO, 'gcp_logging.jsonl'),
      "SELECT count(*) AS n FROM events WHERE outcome <> 'success'",
    ]);
    expect(denied.rows[0]?.n as number).toBeGreaterThan(0);
  });
});
