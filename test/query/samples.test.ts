import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARN, writeCloudTrailMonth } from '../../bench/lib/cloudtrail-month.mjs';
import { openSource } from '../../src/detect/sources/index.js';
import { EventsCopyWriter } from '../../src/query/copy-writer.js';
import { buildCopy, type EventsSource, queryEvents } from '../../src/query/engine.js';
import { SAMPLES, sampleNamed, sampleParams, startOfWeek } from '../../src/query/samples.js';

let dir: string;
let month: Awaited<ReturnType<typeof writeCloudTrailMonth>>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cloudward-samples-'));
  month = await writeCloudTrailMonth(path.join(dir, 'trail'), { events: 12_000, perFile: 400 });
  await buildCopy(path.join(dir, 'trail'), path.join(dir, 'copy'), { timeoutMs: 60_000 });
  // the copy detect and watch keep: the events as the log reader yields them, in batches
  const writer = await EventsCopyWriter.open(path.join(dir, 'kept'), { batchEvents: 2_500 });
  const source = openSource({ type: 'cloudtrail', path: path.join(dir, 'trail') });
  for await (const event of source.read()) await writer.add(event);
  await writer.close();
}, 90_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const NOW = new Date('2026-11-29T12:00:00Z');

async function runSample(source: EventsSource, name: string, given: Record<string, string> = {}) {
  const sample = sampleNamed(name);
  if (!sample) throw new Error(`no sample ${name}`);
  const res = await queryEvents(source, sample.sql, {
    timeoutMs: 30_000,
    params: sampleParams(sample, given, NOW),
  });
  expect(res.skipped).toEqual([]);
  return res.rows;
}

describe.each([
  ['the CloudTrail files in place', () => ({ cloudtrail: path.join(dir, 'trail') })],
  ['the local copy', () => ({ copy: path.join(dir, 'copy') })],
  ['the copy kept by detect and watch', () => ({ copy: path.join(dir, 'kept') })],
])('sample queries over %s', (_label, source: () => EventsSource) => {
  it('console-sign-ins: this week (from Monday 23 November) per user, failures counted', async () => {
    const rows = await runSample(source(), 'console-sign-ins');
    expect(rows.map((r) => [r.actor, r.sign_ins, r.failed, r.source_ips])).toEqual([
      [ARN.alice, 5, 1, 2],
      [ARN.bob, 2, 0, 1],
      [ARN.root, 1, 0, 1],
    ]);
    expect(rows[0]?.last_sign_in).toBe('2026-11-27 17:00:00+00');
  });

  it('security-group-changes: by alice since 20 November, a refused one included', async () => {
    const rows = await runSample(source(), 'security-group-changes', {
      principal: 'alice',
      since: '2026-11-20',
    });
    expect(rows.map((r) => [r.time, r.event_name, r.resource, r.outcome])).toEqual([
      ['2026-11-21 14:00:00+00', 'CreateSecurityGroup', 'debug-ssh', 'success'],
      ['2026-11-21 14:05:00+00', 'AuthorizeSecurityGroupIngress', 'sg-0bbb', 'success'],
      ['2026-11-22 09:00:00+00', 'RevokeSecurityGroupIngress', 'sg-0bbb', 'success'],
      ['2026-11-24 12:00:00+00', 'AuthorizeSecurityGroupIngress', 'sg-0ccc', 'Client.UnauthorizedOperation'],
    ]);
    expect(new Set(rows.map((r) => r.actor))).toEqual(new Set([ARN.alice]));
  });

  it('top-error-codes: the counts of the events as written, most frequent first', async () => {
    const rows = await runSample(source(), 'top-error-codes', { since: '2026-11-01' });
    const expected = Object.entries(month.truth.errorCodes).sort(
      (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1),
    );
    expect(rows.map((r) => [r.error_code, r.events])).toEqual(expected);
  });

  it('access-denied: per principal, as written', async () => {
    const rows = await runSample(source(), 'access-denied', { since: '2026-11-01' });
    const got = Object.fromEntries(rows.map((r) => [r.actor, r.denied]));
    expect(got).toEqual(month.truth.deniedByActor);
    expect(got[ARN.carol]).toBe(1);
    expect(got[ARN.alice]).toBe(1);
  });

  it('new-access-keys: successful creations only, with the user the key is for', async () => {
    const rows = await runSample(source(), 'new-access-keys', { since: '2026-11-01' });
    expect(rows.map((r) => [r.time, r.created_by, r.user_name, r.access_key_id])).toEqual([
      ['2026-11-12 10:00:00+00', ARN.alice, 'deploy-bot', 'AKIAEXAMPLE000000001'],
      ['2026-11-26 15:00:00+00', ARN.bob, 'bob', 'AKIAEXAMPLE000000002'],
    ]);
  });

  it('holds every event written, the digest file adding none', async () => {
    const res = await queryEvents(source(), 'SELECT count(*) AS n, count(DISTINCT day) AS days FROM events', {
      timeoutMs: 30_000,
    });
    expect(res.rows).toEqual([{ n: month.events, days: 30 }]);
  });
});

describe('sample parameters', () => {
  it('this week starts on Monday, UTC', () => {
    expect(startOfWeek(new Date('2026-11-29T23:59:00Z'))).toBe('2026-11-23');
    expect(startOfWeek(new Date('2026-11-23T00:00:00Z'))).toBe('2026-11-23');
    expect(startOfWeek(new Date('2026-12-02T08:00:00Z'))).toBe('2026-11-30');
  });

  it('a missing required parameter and an unknown one are named', () => {
    const sg = sampleNamed('security-group-changes');
    if (!sg) throw new Error('missing sample');
    expect(() => sampleParams(sg, {}, NOW)).toThrow(/--param principal=VALUE/);
    expect(() => sampleParams(sg, { principal: 'a', user: 'b' }, NOW)).toThrow(/no parameter user/);
  });

  it('every sample is covered above', () => {
    expect(SAMPLES.map((s) => s.name).sort()).toEqual(
      [
        'access-denied',
        'console-sign-ins',
        'new-access-keys',
        'security-group-changes',
        'top-error-codes',
      ].sort(),
    );
  });
});
