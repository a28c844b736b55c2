import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinCatalogue } from '../../src/audit/catalogue.js';
import {
  type ConfigCatalogue,
  ConfigError,
  interpolate,
  type LoadOptions,
  loadConfig,
  mergeLayers,
} from '../../src/config/load.js';

const dir = mkdtempSync(join(tmpdir(), 'cw-config-'));
const none = join(dir, 'absent.yaml');
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}
const load = (files: string[], env: NodeJS.ProcessEnv = {}) =>
  loadConfig({ files, env, cwd: dir, systemFile: none, userFile: none, catalogue: builtinCatalogue });

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}
/** The problems without their ` (at FILE:LINE:COL)`, for tests about the text before it. */
const bare = (list: string[]) => list.map((x) => x.replace(/ \(at [^()]*:\d+:\d+\)$/, ''));

describe('config loading', () => {
  it('works with no file at all: the built-in demo audit and sqlite store', () => {
    const { config, sources } = load([]);
    expect(sources).toEqual([]);
    expect(config.audits.demo?.providers).toEqual(['demo']);
    expect(config.stores.main?.type).toBe('sqlite');
    expect(config.defaults.audit).toBe('demo');
  });

  it('layers files: maps merge, lists replace, later files win', () => {
    const a = file(
      'a.yaml',
      'providers:\n  snap: { type: snapshot, path: /tmp/a.json }\naudits:\n  x: { providers: [demo], checks: [common.database.tls_enforced] }\n',
    );
    const b = file('b.yaml', 'audits:\n  x: { providers: [snap] }\n');
    const { config, sources } = load([a, b]);
    expect(sources).toEqual([a, b]);
    expect(config.audits.x?.providers).toEqual(['snap']);
    expect(config.audits.x?.checks).toEqual(['common.database.tls_enforced']);
    expect(config.providers.demo).toBeDefined();
  });

  it('reads ./cloudward.yaml from the working directory and the system and user files in order', () => {
    const sys = file('sys.yaml', 'log: { level: debug }\n');
    const user = file('user.yaml', 'log: { format: json }\n');
    file('cloudward.yaml', 'log: { level: warn }\n');
    const { config, sources } = loadConfig({
      env: {},
      cwd: dir,
      systemFile: sys,
      userFile: user,
      catalogue: builtinCatalogue,
    });
    expect(sources).toEqual([sys, user, join(dir, 'cloudward.yaml')]);
    expect(config.log).toEqual({ level: 'warn', format: 'json' });
  });

  it('interpolates ${ENV} and ${ENV:-default}, $$ is a literal dollar', () => {
    const f = file(
      'env.yaml',
      'notifiers:\n  s: { type: slack, webhook: "${HOOK}", channel: "${CH:-sec}", note: "cost $$5" }\n',
    );
    const { config } = load([f], { HOOK: 'https://hooks.example/x' });
    expect(config.notifiers.s).toMatchObject({
      webhook: 'https://hooks.example/x',
      channel: 'sec',
      note: 'cost $5',
    });
  });

  it('names the path of an unset environment variable', () => {
    const f = file('env2.yaml', 'notifiers:\n  s: { type: slack, webhook: "${NOPE}" }\n');
    expect(problems(() => load([f]))).toEqual([
      `notifiers.s.webhook: environment variable NOPE is not set (at ${f}:2:21)`,
    ]);
  });

  it('reports YAML syntax errors with file, line and column', () => {
    const f = file('bad.yaml', 'audits:\n  x: [unclosed\n');
    const p = problems(() => load([f]));
    expect(p[0]).toMatch(new RegExp(`^${f}:\\d+:\\d+: `));
  });

  it('reports schema errors with their path', () => {
    const f = file('schema.yaml', 'stores:\n  main: { type: mongo }\nlog: { level: loud }\n');
    const p = problems(() => load([f]));
    expect(p.some((x) => x.startsWith('stores.main.type'))).toBe(true);
    expect(p.some((x) => x.startsWith('log.level'))).toBe(true);
  });

  it('reports every unknown reference by path', () => {
    const f = file(
      'refs.yaml',
      [
        'audits:',
        '  nightly:',
        '    providers: [demo, prod]',
        '    notify: [slak]',
        '    checks: [common.nope]',
        '    frameworks: [cis-nope]',
        '    store: other',
        'checks:',
        '  common.logging.retention_at_least_365_days: { params: { min_days: -1 } }',
      ].join('\n'),
    );
    const p = bare(problems(() => load([f])));
    expect(p).toContain('audits.nightly.providers[1]: unknown provider "prod"');
    expect(p).toContain('audits.nightly.notify[0]: unknown notifier "slak"');
    expect(p).toContain('audits.nightly.checks[0]: unknown check "common.nope"');
    expect(p).toContain('audits.nightly.frameworks[0]: unknown framework "cis-nope"');
    expect(p).toContain('audits.nightly.store: unknown store "other"');
    expect(
      p.some((x) => x.startsWith('checks.common.logging.retention_at_least_365_days: invalid parameters')),
    ).toBe(true);
  });

  it('reads events_copy with its defaults, naming a bad field', () => {
    const ok = load([file('copy-ok.yaml', 'events_copy:\n  path: ~/.cloudward/events\n')]);
    expect(ok.config.events_copy).toEqual({
      path: '~/.cloudward/events',
      batch_events: 20_000,
      flush_seconds: 60,
    });
    const p = problems(() =>
      load([file('copy-bad.yaml', 'events_copy:\n  path: /tmp/e\n  batch_events: 5\n  dir: /x\n')]),
    );
    expect(p.some((x) => x.startsWith('events_copy.batch_events: '))).toBe(true);
    expect(p.find((x) => x.startsWith('events_copy'))).toBeDefined();
    expect(p.join('\n')).toMatch(/"dir"/);
  });

  it('checks every logs: entry when it loads, naming the entry and the field', () => {
    const f = file(
      'logs.yaml',
      [
        'logs:',
        '  trail: { type: cloudtrail, path: /var/log/trail, notify: [siem] }',
        '  flows: { type: netflow, path: /var/log/flows }',
        '  both: { type: cloudtrail, path: /a, s3: "s3://b/c" }',
        '  typo: { type: cloudtrail, path: /a, rule: [/r] }',
        '  slow: { type: cloudtrail, path: /a, poll_seconds: 0 }',
      ].join('\n'),
    );
    const p = bare(problems(() => load([f])));
    expect(p.find((x) => x.startsWith('logs.flows.type: '))).toMatch(/cloudtrail/);
    expect(p).toContain('logs.both: give exactly one of path, s3, log_group, queue_url');
    expect(p.find((x) => x.startsWith('logs.typo: '))).toMatch(/"rule"/);
    expect(p.some((x) => x.startsWith('logs.slow.poll_seconds: '))).toBe(true);
    // a good entry next to bad ones is not reported
    expect(p.some((x) => x.startsWith('logs.trail'))).toBe(false);

    const good = file(
      'logs-ok.yaml',
      'logs:\n  trail: { type: cloudtrail, path: /var/log/trail, notify: [siem] }\n',
    );
    expect(bare(problems(() => load([good])))).toEqual(['logs.trail.notify[0]: unknown notifier "siem"']);
  });

  it('refuses a missing --config file and a non-map top level', () => {
    expect(problems(() => load([join(dir, 'missing.yaml')]))[0]).toContain('cannot read config file: ENOENT');
    const f = file('list.yaml', '- a\n- b\n');
    expect(problems(() => load([f]))[0]).toContain('top level must be a map');
  });

  it('an empty file is an empty layer', () => {
    const f = file('empty.yaml', '');
    expect(load([f]).config.audits.demo).toBeDefined();
  });
});

describe('where each problem was set', () => {
  // a directory of its own: no ./cloudward.yaml from the tests above
  const here = mkdtempSync(join(tmpdir(), 'cw-config-origin-'));
  const write = (name: string, lines: string[]) => {
    const p = join(here, name);
    writeFileSync(p, `${lines.join('\n')}\n`);
    return p;
  };
  const loadHere = (files: string[], opts: Partial<LoadOptions> = {}) =>
    loadConfig({
      files,
      env: {},
      cwd: here,
      systemFile: none,
      userFile: none,
      catalogue: builtinCatalogue,
      ...opts,
    });

  it('names the later file, and its line, when it set the bad value', () => {
    const a = write('a.yaml', ['audits:', '  x:', '    providers: [demo]']);
    const b = write('b.yaml', ['# team overrides', 'audits:', '  x:', '    providers: [demo, nope]']);
    expect(problems(() => loadHere([a, b]))).toEqual([
      `audits.x.providers[1]: unknown provider "nope" (at ${b}:4:23)`,
    ]);
  });

  it('names the earlier file when the later one merges into the map without overriding the value', () => {
    const a = write('a2.yaml', ['audits:', '  x:', '    providers: [demo]', '    notify: [ghost]']);
    const b = write('b2.yaml', ['audits:', '  x:', '    schedule: "0 2 * * *"']);
    expect(problems(() => loadHere([a, b]))).toEqual([
      `audits.x.notify[0]: unknown notifier "ghost" (at ${a}:4:14)`,
    ]);
  });

  it('follows the implicit layers: a user file value that ./cloudward.yaml does not override', () => {
    const user = write('user.yaml', ['log:', '  level: loud']);
    const sub = mkdtempSync(join(here, 'cwd-'));
    writeFileSync(join(sub, 'cloudward.yaml'), 'log: { format: json }\n');
    const p = problems(() => loadHere([], { userFile: user, cwd: sub }));
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(/^log\.level: /);
    expect(p[0]?.endsWith(` (at ${user}:2:3)`)).toBe(true);
  });

  it('a list that replaces an earlier one is the one named, though the earlier had the same path', () => {
    const a = write('mutes-a.yaml', ['mutes:', '  - { check: a.b.c, owner: me, reason: r, expires: never }']);
    const b = write('mutes-b.yaml', ['', 'mutes:', '  - { check: a.b.d, reason: r, expires: never }']);
    const p = problems(() => loadHere([a, b]));
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(/^mutes\[0\]\.owner: /);
    // the key is missing: the item of the later list that lacks it
    expect(p[0]?.endsWith(` (at ${b}:3:5)`)).toBe(true);
  });

  it('follows check ids with dots in them to the bad parameter', () => {
    const f = write('checks.yaml', [
      'checks:',
      '  common.web.min_tls_version:',
      '    enabled: false',
      '  common.logging.retention_at_least_365_days:',
      '    params:',
      '      min_days: -1',
      '  aws.iam.no_such_check: { enabled: false }',
    ]);
    const p = problems(() => loadHere([f]));
    expect(p).toContain(`checks.aws.iam.no_such_check: unknown check "aws.iam.no_such_check" (at ${f}:7:3)`);
    const params = p.find((x) =>
      x.startsWith('checks.common.logging.retention_at_least_365_days: invalid parameters'),
    );
    expect(params?.endsWith(` (at ${f}:6:7)`)).toBe(true);
  });

  it('points at each bad parameter of a check on its own line', () => {
    const f = write('two-params.yaml', [
      'checks:',
      '  aws.ec2.unrestricted_ingress_authorized_ports_only:',
      '    params:',
      '      authorized_tcp_ports: [80, 70000]',
      '      authorized_udp_ports: "53"',
    ]);
    const id = 'aws.ec2.unrestricted_ingress_authorized_ports_only';
    expect(problems(() => loadHere([f]))).toEqual([
      `checks.${id}: invalid parameters: authorized_tcp_ports[1]: Too big: expected number to be <=65535 (at ${f}:4:34)`,
      `checks.${id}: invalid parameters: authorized_udp_ports: expected an array, got string (at ${f}:5:7)`,
    ]);
  });

  it('points at the map that lacks a required key', () => {
    const f = write('missing.yaml', ['audits:', '  demo: { store: main }', '  y:', '    store: main']);
    expect(problems(() => loadHere([f]))).toEqual([
      `audits.y.providers: expected an array, got undefined (at ${f}:3:3)`,
    ]);
  });

  it('points at the first unknown key of a map', () => {
    const f = write('unknown-key.yaml', ['log:', '  level: info', '  colour: red']);
    const p = problems(() => loadHere([f]));
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(/^log: .*"colour"/);
    expect(p[0]?.endsWith(` (at ${f}:3:3)`)).toBe(true);
  });

  it('names the line of an unset ${VAR}', () => {
    const a = write('env-a.yaml', ['notifiers:', '  s:', '    type: slack', '    webhook: "${SLACK_HOOK}"']);
    expect(problems(() => loadHere([a]))).toEqual([
      `notifiers.s.webhook: environment variable SLACK_HOOK is not set (at ${a}:4:5)`,
    ]);
  });

  it('a provider option named in a message is found by its keys, dots or not', () => {
    const f = write('gcp.yaml', [
      'providers:',
      '  shop.prod:',
      '    type: gcp',
      '    endpoints:',
      '      compute: "http://proxy.internal/compute/"',
    ]);
    const p = problems(() => loadHere([f]));
    expect(p).toHaveLength(1);
    expect(p[0]).toContain(
      "providers.shop.prod.endpoints.compute: 'http://proxy.internal/compute/' is not HTTPS",
    );
    expect(p[0]?.endsWith(` (at ${f}:5:7)`)).toBe(true);
  });

  it('adds nothing for a value that only the built-in defaults set', () => {
    const catalogue: ConfigCatalogue = {
      ...builtinCatalogue,
      providerOptions(p, path) {
        if (p.type === 'demo' && p.snapshot !== 'day2')
          throw new Error(`${path}.snapshot: not in this build`);
      },
    };
    const f = write('other.yaml', ['log: { level: info }']);
    expect(problems(() => loadHere([f], { catalogue }))).toEqual([
      'providers.demo.snapshot: not in this build',
    ]);
    const g = write('snap.yaml', ['providers:', '  demo: { snapshot: day9 }']);
    expect(problems(() => loadHere([g], { catalogue }))).toEqual([
      `providers.demo.snapshot: not in this build (at ${g}:2:11)`,
    ]);
  });
});

describe('layering primitives', () => {
  it('mergeLayers replaces lists and merges maps', () => {
    expect(mergeLayers({ a: { b: 1, c: [1, 2] } }, { a: { c: [3] } })).toEqual({ a: { b: 1, c: [3] } });
  });
  it('interpolate leaves non-strings alone', () => {
    const p: string[] = [];
    expect(interpolate({ n: 1, b: true, l: ['${X}'] }, { X: 'y' }, '', p)).toEqual({
      n: 1,
      b: true,
      l: ['y'],
    });
  });
});

describe('a gcp provider in the config', () => {
  it('is validated at load, every bad field named with its place', () => {
    const f = file(
      'gcp-bad.yaml',
      [
        'providers:',
        '  shop:',
        '    type: gcp',
        '    projects: [Shop_Prod]',
        '    endpoints: { compute: "http://proxy.internal/compute/" }',
        '    impersonate_service_account: not-an-email',
      ].join('\n'),
    );
    const p = problems(() => load([f])).join('\n');
    expect(p).toContain('providers.shop.projects[0]: a project id');
    expect(p).toContain('providers.shop.impersonate_service_account');
    const endpoint = file(
      'gcp-endpoint.yaml',
      'providers:\n  shop: { type: gcp, endpoints: { compute: "http://proxy.internal/compute/" } }\n',
    );
    expect(problems(() => load([endpoint])).join('\n')).toContain(
      "providers.shop.endpoints.compute: 'http://proxy.internal/compute/' is not HTTPS",
    );
  });

  it('loads with its projects, organisation, impersonation, endpoints and universe', () => {
    const f = file(
      'gcp-good.yaml',
      [
        'providers:',
        '  org:',
        '    type: gcp',
        '    organization: "123456789012"',
        '    impersonate_service_account: auditor@security-proj.iam.gserviceaccount.com',
        '    endpoints: { compute: "https://proxy.internal/compute/" }',
        '    universe_domain: googleapis.com',
        '    exclude: [sandbox-*]',
      ].join('\n'),
    );
    expect(load([f]).config.providers.org).toMatchObject({ type: 'gcp', organization: '123456789012' });
  });
});
