import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FindingRecord, findingRecordSchema } from '../../src/core/record.js';
import { verifySignature } from '../../src/notify/webhook.js';
import { runCli } from '../helpers/run-cli.js';
import { Receiver } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'cw-notify-cli-'));
const db = join(dir, 'cw.db');
const configFile = join(dir, 'cloudward.yaml');
const SECRET = 'cli-test-secret-0123456789abcdef';
const TOKEN = 'siem-token-42';
const receiver = new Receiver();
let env: Record<string, string>;

beforeAll(async () => {
  const url = await receiver.start();
  env = { HOOK_URL: url, HOOK_SECRET: SECRET, HOOK_TOKEN: TOKEN };
  writeFileSync(
    configFile,
    [
      'notifiers:',
      '  hook: { type: webhook, url: "${HOOK_URL}", secret: "${HOOK_SECRET}", headers: { Authorization: "Bearer ${HOOK_TOKEN}" } }',
      'audits:',
      '  watched: { providers: [demo], notify: [hook] }',
      'mutes:',
      '  - { check: "common.network.*", resource: "orders-db *", owner: ana, reason: "known, ticket SEC-1", expires: never }',
    ].join('\n'),
  );
});
afterAll(async () => {
  await receiver.stop();
  rmSync(dir, { recursive: true, force: true });
});

const scan = (...args: string[]) =>
  runCli(
    [
      '--db',
      db,
      '--config',
      configFile,
      'scan',
      '--audit',
      'watched',
      '--format',
      'json',
      '--quiet',
      ...args,
    ],
    env,
  );

interface Body {
  summary: string;
  digest: boolean;
  baseline?: { total: number; by_severity: Record<string, number>; see_all: string };
  items: { finding_id: string; severity: string; event: string }[];
}

const RANK = ['critical', 'high', 'medium', 'low', 'info'];

describe('cloudward scan with notifiers', () => {
  let findings: FindingRecord[];

  it('the first scan of the audit sends one signed baseline, not one message per finding', async () => {
    const r = await scan('--demo', 'day1');
    expect(r.code, r.stderr).toBe(0);
    // alerts go out for every new record: failures and results that could not be evaluated
    const doc = JSON.parse(r.stdout) as { findings: unknown[]; could_not_evaluate: unknown[] };
    findings = [...doc.findings, ...doc.could_not_evaluate].map((f) => findingRecordSchema.parse(f));
    const muted = findings.filter((f) => f.com.state === 'muted');
    const fresh = findings.filter((f) => f.com.state === 'new');
    expect(muted.length).toBeGreaterThan(0);
    expect(
      // the mute names the cross-cloud check; a finding it shares with a cloud's own check is muted too
      muted.every(
        (f) =>
          [f.ext.check_id, ...((f.ext.also as string[] | undefined) ?? [])].some((c) =>
            c.startsWith('common.network.'),
          ) && f.ext.muted?.owner === 'ana',
      ),
    ).toBe(true);
    expect(fresh.length).toBeGreaterThan(10);
    expect(receiver.received).toHaveLength(1);
    const [q] = receiver.received;
    expect(verifySignature(SECRET, q?.body ?? '', q?.headers['x-cloudward-signature'] as string)).toBe(true);
    expect(q?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    const body = JSON.parse(q?.body ?? '{}') as Body;
    expect(body.digest).toBe(true);
    expect(body.baseline?.total).toBe(fresh.length);
    expect(Object.values(body.baseline?.by_severity ?? {}).reduce((a, b) => a + b, 0)).toBe(fresh.length);
    expect(body.baseline?.see_all).toBe('cloudward findings list --audit watched');
    expect(body.summary).toMatch(new RegExp(`^Baseline of watched: ${fresh.length} findings \\(`));
    // the most severe findings, most severe first, and only live ones (muted ones are not sent)
    expect(body.items).toHaveLength(10);
    const ranks = body.items.map((i) => RANK.indexOf(i.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const freshIds = new Set(fresh.map((f) => f.com.finding_id));
    expect(body.items.every((i) => freshIds.has(i.finding_id))).toBe(true);
    // --quiet: nothing about alerts when they were delivered
    expect(r.stderr).not.toMatch(/alert|hook/i);
  });

  it('the same estate again: nothing new, nothing sent', async () => {
    const r = await scan('--demo', 'day1');
    expect(r.code, r.stderr).toBe(0);
    expect(receiver.received).toHaveLength(1);
  });

  it('later scans alert each new or regressed finding on its own', async () => {
    const alerted: FindingRecord[] = [];
    for (const day of ['day2', 'day3']) {
      const r = await scan('--demo', day);
      expect(r.code, r.stderr).toBe(0);
      const got = (JSON.parse(r.stdout) as { findings: FindingRecord[] }).findings;
      alerted.push(...got.filter((f) => f.com.state === 'new' || f.com.state === 'regressed'));
    }
    expect(alerted.length).toBeGreaterThan(0);
    const sent = receiver.received.slice(1).map((q) => {
      expect(verifySignature(SECRET, q.body, q.headers['x-cloudward-signature'] as string)).toBe(true);
      const body = JSON.parse(q.body) as Body;
      expect(body.baseline).toBeUndefined();
      expect(body.items).toHaveLength(1);
      return body.items[0]?.finding_id;
    });
    expect(sent.sort()).toEqual(alerted.map((f) => f.com.finding_id).sort());
  });

  it('--no-notify sends nothing even when there is something new', async () => {
    const before = receiver.received.length;
    // day2 again brings back what day3 resolved
    const r = await scan('--demo', 'day2', '--no-notify');
    expect(r.code, r.stderr).toBe(0);
    const states = (JSON.parse(r.stdout) as { findings: FindingRecord[] }).findings.map((f) => f.com.state);
    expect(states).toContain('regressed');
    expect(receiver.received).toHaveLength(before);
  });
});
