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
const receiver = new Receiver();
let env: Record<string, string>;

beforeAll(async () => {
  const url = await receiver.start();
  env = { HOOK_URL: url, HOOK_SECRET: SECRET };
  writeFileSync(
    configFile,
    [
      'notifiers:',
      '  hook: { type: webhook, url: "${HOOK_URL}", secret: "${HOOK_SECRET}" }',
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

describe('cloudward scan with notifiers', () => {
  let findings: FindingRecord[];

  it('sends one signed alert per new finding; config-muted findings are shown muted and not sent', async () => {
    const r = await scan('--demo', 'day1');
    expect(r.code, r.stderr).toBe(0);
    findings = (JSON.parse(r.stdout) as { findings: unknown[] }).findings.map((f) =>
      findingRecordSchema.parse(f),
    );
    const muted = findings.filter((f) => f.com.state === 'muted');
    const fresh = findings.filter((f) => f.com.state === 'new');
    expect(muted.length).toBeGreaterThan(0);
    expect(
      muted.every((f) => f.ext.check_id.startsWith('common.network.') && f.ext.muted?.owner === 'ana'),
    ).toBe(true);
    expect(fresh.length).toBeGreaterThan(0);
    expect(receiver.received).toHaveLength(fresh.length);
    const sent = receiver.received.map((q) => {
      expect(verifySignature(SECRET, q.body, q.headers['x-cloudward-signature'] as string)).toBe(true);
      return (JSON.parse(q.body) as { items: { finding_id: string }[] }).items[0]?.finding_id;
    });
    expect(sent.sort()).toEqual(fresh.map((f) => f.com.finding_id).sort());
  });

  it('the same estate again: nothing new, nothing sent', async () => {
    const r = await scan('--demo', 'day1');
    expect(r.code, r.stderr).toBe(0);
    expect(receiver.received).toHaveLength(
      findings.length - findings.filter((f) => f.com.state === 'muted').length,
    );
  });

  it('--no-notify sends nothing even when there is something new', async () => {
    const before = receiver.received.length;
    expect((await scan('--demo', 'day2', '--no-notify')).code).toBe(0);
    const r = await scan('--demo', 'day3', '--no-notify');
    expect(r.code, r.stderr).toBe(0);
    const states = (JSON.parse(r.stdout) as { findings: FindingRecord[] }).findings.map((f) => f.com.state);
    expect(states).toContain('regressed');
    expect(receiver.received).toHaveLength(before);
  });
});
