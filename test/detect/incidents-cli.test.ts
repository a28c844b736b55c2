import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '../../src/core/incidents.js';
import { verifySignature } from '../../src/notify/webhook.js';
import { openSqliteIncidentStore } from '../../src/store/incidents-sqlite.js';
import { runCli } from '../helpers/run-cli.js';
import { Receiver } from '../notify/helpers.js';
import { ACCOUNT, attackEvents, bystanderEvents, PRINCIPAL } from './attack-fixture.js';

/*
 * Done-when of issue 16 item 3: a multi-step attack replayed through `cloudward detect` is one
 * incident with its steps in order, sent once to the log source's webhook, with the configured
 * Authorization header and a valid signature.
 */

const dir = mkdtempSync(join(tmpdir(), 'cw-incidents-cli-'));
const db = join(dir, 'cw.db');
const configFile = join(dir, 'cloudward.yaml');
const trailFile = join(dir, 'trail.json');
const SECRET = 'incident-hmac-secret-0123456789';
const TOKEN = 'siem-token-incidents';
const receiver = new Receiver();
let env: Record<string, string>;

beforeAll(async () => {
  const url = await receiver.start();
  env = { HOOK_URL: url, HOOK_SECRET: SECRET, HOOK_TOKEN: TOKEN };
  // the bystander's call sits in the middle of the attack, as it would in a real trail
  const events = attackEvents();
  events.splice(3, 0, ...bystanderEvents());
  writeFileSync(trailFile, JSON.stringify({ Records: events }));
  writeFileSync(
    configFile,
    [
      'notifiers:',
      '  hook: { type: webhook, url: "${HOOK_URL}", secret: "${HOOK_SECRET}", headers: { Authorization: "Bearer ${HOOK_TOKEN}" }, min_severity: high }',
      'logs:',
      `  trail: { type: cloudtrail, path: "${trailFile}", notify: [hook] }`,
    ].join('\n'),
  );
});
afterAll(async () => {
  await receiver.stop();
  rmSync(dir, { recursive: true, force: true });
});

const detect = (...args: string[]) =>
  runCli(
    [
      '--db',
      db,
      '--config',
      configFile,
      'detect',
      '--source',
      'trail',
      '--workers',
      '1',
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
  incident: {
    id: string;
    principal: string;
    stages: string[];
    detections: number;
    severity: string;
    update: boolean;
  };
  items: {
    rule_id: string;
    title: string;
    count: number;
    targets: string[];
    time: string;
    tactics: string[];
  }[];
}

describe('detect: a multi-step attack is one incident, sent once', () => {
  it('sends one message for the intruder, steps in event order, with the configured headers', async () => {
    const run = await detect();
    expect(run.stderr).not.toMatch(/could not be sent/);
    expect(run.code).toBe(0);
    expect(receiver.received).toHaveLength(1);
    const req = receiver.received[0];
    expect(req?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(verifySignature(SECRET, req?.body ?? '', req?.headers['x-cloudward-signature'] as string)).toBe(
      true,
    );
    const body = receiver.json(0) as unknown as Body;
    expect(body.digest).toBe(true);
    expect(body.incident.principal).toBe(PRINCIPAL);
    expect(body.incident.update).toBe(false);
    expect(body.incident.severity).toBe('high');
    expect(body.incident.stages).toEqual([
      'discovery',
      'privilege-escalation',
      'defense-evasion',
      'exfiltration',
    ]);
    expect(body.incident.detections).toBe(5);
    // the timeline: in event order, whatever the severities
    const times = body.items.map((i) => Date.parse(i.time));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // the fourteen reconnaissance calls are one step (the burst), not fourteen messages
    const discovery = body.items[0];
    expect(discovery?.tactics[0]).toBe('discovery');
    expect(discovery?.count).toBe(1);
    expect(body.items.map((i) => i.title)).toEqual([
      'Reconnaissance burst from one principal',
      'Administrator policy granted to an IAM identity',
      'IAM policy changed',
      'CloudTrail logging stopped or trail deleted',
      'Snapshot or machine image shared outside the account',
    ]);
    const steps = body.items.map((i) => i.tactics[0]);
    expect(steps.indexOf('privilege-escalation')).toBeLessThan(steps.indexOf('defense-evasion'));
    expect(steps.indexOf('defense-evasion')).toBeLessThan(steps.indexOf('exfiltration'));
    const share = body.items.find((i) => i.tactics[0] === 'exfiltration');
    expect(share?.targets).toEqual(['snap-0a1b2c3d4e5f60718']);
    expect(body.summary).toContain('discovery → privilege-escalation → defense-evasion → exfiltration');
    // the operator's change at the same time is not part of the intruder's incident
    expect(req?.body).not.toContain('assumed-role/ops/ana');
  });

  it('stores the incidents: the intruder with the timeline, the bystander on their own', async () => {
    const store = openSqliteIncidentStore(db);
    try {
      const page = await store.incidents({ limit: 10, offset: 0 });
      const mine = page.items.find((i: Incident) => i.principal === PRINCIPAL);
      expect(mine?.account).toBe(ACCOUNT);
      expect(mine?.notified_version).toBe(mine?.version);
      expect(page.items.some((i) => i.principal.endsWith('assumed-role/ops/ana'))).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('reading the same trail again changes nothing and sends nothing', async () => {
    const before = openSqliteIncidentStore(db);
    const [was] = (await before.incidents({ limit: 1, offset: 0, principal: PRINCIPAL })).items;
    await before.close();
    const run = await detect();
    expect(run.code).toBe(0);
    expect(receiver.received).toHaveLength(1);
    const after = openSqliteIncidentStore(db);
    const [now] = (await after.incidents({ limit: 1, offset: 0, principal: PRINCIPAL })).items;
    await after.close();
    expect(now?.detections).toBe(was?.detections);
    expect(now?.version).toBe(was?.version);
  });
});
