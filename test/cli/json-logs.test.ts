import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { logFormatOf, routeStderrToJson } from '../../src/cli/json-stderr.js';
import { createLogger } from '../../src/core/logger.js';
import { runCli } from '../helpers/run-cli.js';
import {
  type Answer,
  callerIdentityAnswer,
  type EndpointRequest,
  startAwsEndpoint,
} from '../providers/aws/fixture-endpoint.js';

/** With --log-format json, every line on stderr is one JSON object: machines parse them. */

const here = dirname(fileURLToPath(import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'cw-json-logs-'));

function jsonLines(stderr: string): Record<string, unknown>[] {
  const lines = stderr.split('\n').filter((l) => l !== '');
  return lines.map((l) => {
    let v: unknown;
    try {
      v = JSON.parse(l);
    } catch {
      throw new Error(`stderr line is not JSON: ${l}`);
    }
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`not a JSON object: ${l}`);
    return v as Record<string, unknown>;
  });
}

describe('logFormatOf', () => {
  it('reads --log-format before the command line is parsed', () => {
    expect(logFormatOf(['scan', '--log-format', 'json'])).toBe('json');
    expect(logFormatOf(['--log-format=json', 'scan'])).toBe('json');
    expect(logFormatOf(['scan'])).toBe('text');
    expect(logFormatOf(['scan', '--', '--log-format', 'json'])).toBe('text');
  });
});

describe('routeStderrToJson', () => {
  let written = '';
  afterEach(() => {
    vi.restoreAllMocks();
    written = '';
  });
  const capture = () =>
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
      return true;
    });

  it("turns the SDK's console.error with a stack trace into one object, the stack in a field", () => {
    capture();
    const restore = routeStderrToJson(createLogger({ level: 'debug', format: 'json' }));
    try {
      const e = new TypeError('Invalid URL');
      console.error('Failed to construct URL with http://111122223333.127.0.0.1:4566/', e);
    } finally {
      restore();
    }
    const [line, ...more] = jsonLines(written);
    expect(more).toEqual([]);
    expect(line).toMatchObject({
      level: 'error',
      msg: 'Failed to construct URL with http://111122223333.127.0.0.1:4566/',
      error: {
        name: 'TypeError',
        message: 'Invalid URL',
        stack: expect.stringContaining('TypeError: Invalid URL\n'),
      },
    });
  });

  it('wraps other text line by line, passes JSON lines through, and reports warnings as JSON', async () => {
    capture();
    const restore = routeStderrToJson(createLogger({ level: 'debug', format: 'json' }));
    try {
      process.stderr.write('a summary\nin two');
      process.stderr.write(' parts\n{"level":"info","msg":"already json"}\n');
      process.emitWarning('the SDK will need a newer Node', 'NodeVersionSupportWarning');
      await new Promise((r) => setImmediate(r));
      process.stderr.write('no newline at the end');
    } finally {
      restore();
    }
    expect(jsonLines(written).map((l) => [l.level, l.msg])).toEqual([
      ['info', 'a summary'],
      ['info', 'in two parts'],
      ['info', 'already json'],
      ['warn', 'the SDK will need a newer Node'],
      ['info', 'no newline at the end'],
    ]);
    // everything is back as it was
    expect(process.listeners('warning').length).toBeGreaterThanOrEqual(0);
    expect(console.error.name).not.toBe('');
  });
});

/** STS, and S3 Control's answer for an account without a public access block. */
function s3ControlWithoutBlock(r: EndpointRequest): Answer | undefined {
  if (r.service === 'sts') return callerIdentityAnswer('111122223333');
  if (r.path === '/v20180820/configuration/publicAccessBlock')
    return {
      status: 404,
      body: '<ErrorResponse><Error><Code>NoSuchPublicAccessBlockConfiguration</Code><Message>The public access block configuration was not found</Message></Error></ErrorResponse>',
    };
  return undefined;
}

describe('cloudward --log-format json', () => {
  const db = join(dir, 'cw.db');

  it('reports a failing command as one JSON object (exit 2)', async () => {
    const r = await runCli([
      '--log-format',
      'json',
      '--db',
      db,
      'scan',
      '--snapshot',
      join(dir, 'missing.json'),
    ]);
    expect(r.code).toBe(2);
    const lines = jsonLines(r.stderr);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.at(-1)).toMatchObject({
      level: 'error',
      exit_code: 2,
      msg: expect.stringContaining('missing.json'),
    });
  });

  it('reports a usage error as JSON', async () => {
    const r = await runCli(['--log-format', 'json', 'scan', '--no-such-option']);
    expect(r.code).toBe(2);
    expect(jsonLines(r.stderr)[0]).toMatchObject({
      level: 'error',
      msg: expect.stringContaining('--no-such-option'),
    });
  });

  it('reports an unexpected failure as one JSON object with its stack (exit 3)', async () => {
    vi.spyOn(process, 'cwd').mockImplementation(() => {
      throw new TypeError('the working directory is gone');
    });
    try {
      const r = await runCli(['--log-format', 'json', 'config', 'print']);
      expect(r.code).toBe(3);
      const lines = jsonLines(r.stderr);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({
        level: 'error',
        msg: 'the working directory is gone',
        exit_code: 3,
        error: {
          name: 'TypeError',
          stack: expect.stringMatching(/^TypeError: the working directory is gone\n\s+at /),
        },
      });
    } finally {
      vi.restoreAllMocks();
    }
  });

  it('keeps stderr JSON through a live AWS scan on an IP endpoint', async () => {
    const KEY = 'AKIDCLIJSONTEST';
    const endpoint = await startAwsEndpoint({ accessKeyId: KEY, answer: s3ControlWithoutBlock });
    try {
      const r = await runCli(
        [
          '--log-format',
          'json',
          '--db',
          join(dir, 'live-in-process.db'),
          'scan',
          'aws',
          '--regions',
          'eu-west-1',
          '--checks',
          'aws.s3.account_public_access_blocked',
          '--format',
          'json',
        ],
        {
          AWS_ENDPOINT_URL: endpoint.url,
          AWS_ACCESS_KEY_ID: KEY,
          AWS_SECRET_ACCESS_KEY: 'fixture-secret-not-real',
          AWS_REGION: 'us-east-1',
          AWS_EC2_METADATA_DISABLED: 'true',
          AWS_CONFIG_FILE: join(dir, 'aws-config'),
          AWS_SHARED_CREDENTIALS_FILE: join(dir, 'aws-credentials'),
          AWS_PROFILE: '',
        },
      );
      jsonLines(r.stderr);
      expect(r.code, r.stderr).toBe(0);
      const findings = (JSON.parse(r.stdout) as { findings: { com: { status: string } }[] }).findings;
      expect(findings.map((f) => f.com.status)).toEqual(['fail']);
      expect(endpoint.refused).toEqual([]);
    } finally {
      await endpoint.close();
    }
  });

  it('keeps stderr JSON through a live AWS scan on an IP endpoint (the CLI in its own process)', async () => {
    const KEY = 'AKIDCLIJSONTEST';
    const endpoint = await startAwsEndpoint({ accessKeyId: KEY, answer: s3ControlWithoutBlock });
    try {
      const child = spawn(
        process.execPath,
        [
          '--import',
          join(here, '..', 'store', 'ts-loader', 'register.mjs'),
          join(here, '..', '..', 'src', 'cli', 'main.ts'),
          '--log-format',
          'json',
          '--db',
          join(dir, 'live.db'),
          'scan',
          'aws',
          '--regions',
          'eu-west-1',
          '--checks',
          'aws.s3.account_public_access_blocked',
          '--format',
          'json',
        ],
        {
          cwd: dir,
          env: {
            PATH: process.env.PATH ?? '',
            HOME: dir,
            NO_COLOR: '1',
            AWS_ENDPOINT_URL: endpoint.url,
            AWS_ACCESS_KEY_ID: KEY,
            AWS_SECRET_ACCESS_KEY: 'fixture-secret-not-real',
            AWS_REGION: 'us-east-1',
            AWS_EC2_METADATA_DISABLED: 'true',
            AWS_CONFIG_FILE: join(dir, 'aws-config'),
            AWS_SHARED_CREDENTIALS_FILE: join(dir, 'aws-credentials'),
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => {
        stdout += c.toString();
      });
      child.stderr.on('data', (c: Buffer) => {
        stderr += c.toString();
      });
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      jsonLines(stderr);
      expect(code, stderr).toBe(0);
      const findings = (JSON.parse(stdout) as { findings: { com: { status: string; name: string } }[] })
        .findings;
      expect(findings.map((f) => f.com.status)).toEqual(['fail']);
      expect(endpoint.refused).toEqual([]);
    } finally {
      await endpoint.close();
    }
  }, 60_000);
});
