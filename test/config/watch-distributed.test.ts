import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtinCatalogue } from '../../src/audit/catalogue.js';
import { ConfigError, loadConfig } from '../../src/config/load.js';

/* `watch: { distributed: true }` is checked when the config loads: it needs a queue and PostgreSQL stores. */

const dir = mkdtempSync(join(tmpdir(), 'cw-watch-dist-config-'));
const none = join(dir, 'absent.yaml');

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function load(name: string, lines: string[]) {
  const p = join(dir, name);
  writeFileSync(p, lines.join('\n'));
  return loadConfig({
    files: [p],
    env: {},
    cwd: dir,
    systemFile: none,
    userFile: none,
    catalogue: builtinCatalogue,
  });
}

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

const pg = '  team: { type: postgres, url: "postgres://cw@db.internal:5432/cloudward" }';
const queue = 'queue: { type: redis, url: "redis://redis.internal:6379/0" }';

describe('watch.distributed in the config', () => {
  it('loads with a queue and scheduled audits on PostgreSQL; off when absent', () => {
    const on = load('on.yaml', [
      'stores:',
      pg,
      queue,
      'watch: { distributed: true }',
      'audits:',
      '  nightly: { providers: [demo], store: team, schedule: "0 2 * * *" }',
    ]);
    expect(on.config.watch).toEqual({ distributed: true });
    const off = load('off.yaml', ['stores:', pg, queue]);
    expect(off.config.watch?.distributed ?? false).toBe(false);
  });

  it('names what is missing: the queue, and each scheduled audit whose store is not PostgreSQL', () => {
    const p = problems(() =>
      load('bad.yaml', [
        'stores:',
        pg,
        'watch: { distributed: true }',
        'audits:',
        '  nightly: { providers: [demo], store: main, schedule: "0 2 * * *" }',
        '  adhoc: { providers: [demo], store: main }',
        '  teamly: { providers: [demo], store: team, schedule: "0 3 * * *" }',
      ]),
    );
    expect(p.map((x) => x.replace(/ \(at [^()]*\)$/, ''))).toEqual([
      'watch.distributed: scheduled scans go to `cloudward worker` processes through a queue: add a queue: block (type: redis), or remove watch.distributed',
      'watch.distributed: audits.nightly is scheduled into the store main, which is sqlite: workers write a distributed scan to a PostgreSQL store',
    ]);
    // both name the line of watch.distributed in the file
    expect(p[0]).toMatch(new RegExp(` \\(at ${join(dir, 'bad.yaml')}:3:10\\)$`));
  });

  it('refuses an unknown watch setting', () => {
    const p = problems(() => load('typo.yaml', ['watch: { distribute: true }']));
    expect(p.join('\n')).toMatch(/watch.*"distribute"/);
  });
});
