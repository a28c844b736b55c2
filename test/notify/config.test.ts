import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtinCatalogue } from '../../src/audit/catalogue.js';
import { ConfigError, loadConfig } from '../../src/config/load.js';

const dir = mkdtempSync(join(tmpdir(), 'cw-notify-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let seq = 0;

function load(yaml: string, env: Record<string, string> = {}) {
  const file = join(dir, `c${seq++}.yaml`);
  writeFileSync(file, yaml);
  return loadConfig({
    files: [file],
    env,
    cwd: dir,
    systemFile: join(dir, 'none'),
    userFile: join(dir, 'none'),
    catalogue: builtinCatalogue,
  });
}

function problems(yaml: string): string[] {
  try {
    load(yaml);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
}

describe('notifiers in the config', () => {
  it('loads every notifier type, secrets from the environment, with defaults filled in', () => {
    const { config } = load(
      [
        'notifiers:',
        '  chat: { type: slack, webhook: "${SLACK_HOOK}", min_severity: high }',
        '  teams: { type: teams, url: "${TEAMS_URL}", digest: { every: 1h } }',
        '  siem: { type: webhook, url: "https://siem.example.test/h", secret: "${SIEM_SECRET}", resolved: true }',
        '  mail: { type: email, host: smtp.example.test, from: "cw@example.test", to: [a@example.test], password: "${SMTP_PASSWORD}", user: cw }',
        '  topic: { type: sns, topic_arn: "arn:aws:sns:eu-west-1:111122223333:alerts" }',
        'audits:',
        '  nightly: { providers: [demo], notify: [chat, siem, mail, topic, teams] }',
      ].join('\n'),
      {
        SLACK_HOOK: 'https://hooks.example.test/services/T/B/X',
        TEAMS_URL: 'https://flow.example.test/workflows/1?sig=abc',
        SIEM_SECRET: 'siem-secret-0123456789',
        SMTP_PASSWORD: 'smtp-password',
      },
    );
    expect(config.notifiers.chat).toMatchObject({
      type: 'slack',
      webhook: 'https://hooks.example.test/services/T/B/X',
      min_severity: 'high',
      dedup_minutes: 60,
      digest: false,
      resolved: false,
      max_attempts: 8,
    });
    expect(config.notifiers.teams).toMatchObject({ digest: { every: '1h' } });
    expect(config.notifiers.mail).toMatchObject({ secure: false, subject_prefix: '[Cloudward]' });
  });

  it('names the path of each bad option', () => {
    const p = problems(
      [
        'notifiers:',
        '  a: { type: slack }',
        '  b: { type: webhook, url: "ftp://x.test/", secret: short }',
        '  c: { type: email, host: h, to: x@y.test }',
        '  d: { type: pager, url: "https://x.test/" }',
        '  e: { type: slack, webhook: "https://x.test/", min_severity: urgent, dedup_minutes: -1 }',
      ].join('\n'),
    );
    const has = (prefix: string) => p.some((x) => x.startsWith(prefix));
    expect(has('notifiers.a.webhook')).toBe(true);
    expect(has('notifiers.b.url')).toBe(true);
    expect(has('notifiers.b.secret')).toBe(true);
    expect(has('notifiers.c.from')).toBe(true);
    expect(has('notifiers.d.type')).toBe(true);
    expect(has('notifiers.e.min_severity')).toBe(true);
    expect(has('notifiers.e.dedup_minutes')).toBe(true);
  });
});
