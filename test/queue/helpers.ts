import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Redis } from 'ioredis';

/*
 * The Redis the scale-out tests use: $CLOUDWARD_TEST_REDIS_URL, or a local server. Each test
 * uses its own key prefix, whose keys are deleted when the file's tests end.
 */

export const REDIS_URL = process.env.CLOUDWARD_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';

/** True when Redis answers a PING at REDIS_URL within 2 s; prints why the tests are skipped if not. */
export async function redisAvailable(suite: string): Promise<boolean> {
  const redis = new Redis(REDIS_URL, {
    lazyConnect: true,
    connectTimeout: 2000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
    return true;
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    console.log(
      `[${suite}] skipped: no Redis answers within 2 s at ${REDIS_URL} (${why}); set CLOUDWARD_TEST_REDIS_URL to run it`,
    );
    return false;
  } finally {
    redis.disconnect();
  }
}

let seq = 0;
const prefixes: string[] = [];

/** A queue prefix no other test or test run uses. */
export function freshPrefix(): string {
  const name = `cwtest_${process.pid}_${Date.now().toString(36)}_${seq++}`;
  prefixes.push(name);
  return name;
}

export function testRedis(): Redis {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  return redis;
}

/** Deletes every key under the prefixes freshPrefix() handed out. */
export async function dropPrefixes(): Promise<void> {
  const names = prefixes.splice(0);
  if (names.length === 0) return;
  const redis = testRedis();
  try {
    for (const p of names) {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${p}:*`, 'COUNT', 500);
        cursor = next;
        if (keys.length > 0) await redis.del(...keys);
      } while (cursor !== '0');
    }
  } finally {
    redis.disconnect();
  }
}

export const MAIN = join(import.meta.dirname, '..', '..', 'dist', 'cli', 'main.js');

/** A child process of the built CLI, once it printed what it was waited for. */
export interface CliChild {
  child: ChildProcess;
  /** what it printed so far, stdout and stderr together */
  log: () => string;
  /** its exit code (null when a signal ended it) */
  exit: Promise<number | null>;
  /** what it printed that matched */
  match: RegExpExecArray;
}

/**
 * The built CLI as a child process, resolved once what it printed matches `ready` (`awaited` says
 * what that is, in errors); rejected with what it printed when it exits first, or killed and
 * rejected when `ready` does not come within `ms`.
 */
export function startCli(
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
  awaited: string,
  ms = 60_000,
): Promise<CliChild> {
  const child = spawn(process.execPath, [MAIN, ...args], {
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const log = () => out;
  const exit = new Promise<number | null>((r) => child.once('exit', r));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      // not left behind: the caller never gets hold of it
      child.kill('SIGKILL');
      reject(new Error(`${args[0]}: no "${awaited}" within ${ms / 1000} s:\n${out}`));
    }, ms);
    const onData = (b: Buffer) => {
      out += b.toString();
      const match = ready.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, log, exit, match });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${args[0]} exited with ${code} before "${awaited}":\n${out}`));
    });
  });
}

/** A `cloudward worker` child process, resolved once it says it is ready. */
export async function startWorker(
  config: string,
  env: Record<string, string>,
  args: string[] = [],
): Promise<{ child: ChildProcess; log: () => string }> {
  // a loaded machine starts several workers at once slowly
  const { child, log } = await startCli(
    ['worker', '--config', config, ...args],
    env,
    /worker \S+ ready/,
    'ready',
  );
  return { child, log };
}

/** Kills a child process outright and waits for it to be gone. */
export async function killNow(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await gone;
}

/** Runs the built CLI as a child process. */
export function runDist(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [MAIN, ...args],
      { env: { ...process.env, NO_COLOR: '1', ...env }, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err ? ((err as { code?: number }).code ?? 1) : 0;
        resolve({ code: typeof code === 'number' ? code : 1, stdout, stderr });
      },
    );
  });
}
