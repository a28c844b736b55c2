import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * `cloudward watch ARGS` in a child process, its stderr lines collected. `built`: the CLI built
 * in dist/ (`npx tsc -p tsconfig.build.json`), which starts in a fraction of the TypeScript source's time.
 */
export function startWatch(
  args: string[],
  cwd: string,
  env: Record<string, string>,
  o: { built?: boolean } = {},
) {
  const entry = o.built
    ? [join(here, '..', '..', 'dist', 'cli', 'main.js')]
    : [
        '--import',
        join(here, '..', 'store', 'ts-loader', 'register.mjs'),
        join(here, 'watch-child.fixture.ts'),
      ];
  const child: ChildProcess = spawn(process.execPath, [...entry, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  if (child.stderr) createInterface({ input: child.stderr }).on('line', (l) => lines.push(l));
  if (child.stdout) createInterface({ input: child.stdout }).on('line', (l) => lines.push(l));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  let code: number | null | undefined;
  void exited.then(([c]) => {
    code = c;
  });
  return {
    pid: child.pid,
    lines,
    exited,
    /** resolves once a line matches; fails if the child exits first */
    async line(re: RegExp, ms = 60_000): Promise<RegExpExecArray> {
      const end = Date.now() + ms;
      for (;;) {
        for (const l of lines) {
          const m = re.exec(l);
          if (m) return m;
        }
        if (code !== undefined)
          throw new Error(`watch exited (${code}) before printing ${re}:\n${lines.join('\n')}`);
        if (Date.now() > end) throw new Error(`watch did not print ${re}:\n${lines.join('\n')}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    async kill(signal: NodeJS.Signals): Promise<[number | null, NodeJS.Signals | null]> {
      if (code !== undefined) return [code, null];
      child.kill(signal);
      return exited;
    },
  };
}

/** A `cloudward watch` child process started by startWatch. */
export type WatchChild = ReturnType<typeof startWatch>;

/**
 * A watch replica: `cloudward watch --config CONFIG` of the built CLI, its health server on a
 * free port and its leases of `lease` seconds; resolves with its health server's address once it
 * listens. The child goes into `running` at once, so that one that never comes up is killed too.
 */
export async function startReplica(
  config: string,
  o: { lease: number; cwd: string; env: Record<string, string>; running: WatchChild[] },
) {
  const child = startWatch(
    ['watch', '--config', config, '--port', '0', '--lease', String(o.lease)],
    o.cwd,
    o.env,
    { built: true },
  );
  o.running.push(child);
  const [, url] = await child.line(/health and metrics on (\S+)/, 60_000);
  return { child, url: url as string };
}
