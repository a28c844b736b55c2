import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AzureFixture, armList, startAzureFixture } from './fixture-server.js';
import { SUB_A, SUB_B, subscriptionItem } from './helpers.js';
import { installStandinAz, type StandinAz } from './standin-az.js';

const here = dirname(fileURLToPath(import.meta.url));

let fx: AzureFixture;
let az: StandinAz;
beforeAll(async () => {
  fx = await startAzureFixture({
    routes: {
      'arm /subscriptions?api-version=2022-12-01': armList(
        [subscriptionItem(SUB_A, 'Production'), subscriptionItem(SUB_B, 'Staging')],
        { pageSize: 1 },
      ),
    },
  });
  az = installStandinAz({ secret: fx.secret });
});
afterAll(async () => {
  az.close();
  await fx.close();
});

/** The child's JSON line; only the variables named are passed (no AZURE_* from the host). */
function runChild(
  extraCa: string | undefined,
): Promise<{ ok: boolean; names?: string[]; error?: { kind?: string; code?: string; message: string } }> {
  const env: Record<string, string> = {
    PATH: az.path,
    CLOUDWARD_AZURE_ARM_ENDPOINT: fx.armUrl,
    CLOUDWARD_AZURE_GRAPH_ENDPOINT: fx.graphUrl,
    ...(extraCa ? { NODE_EXTRA_CA_CERTS: extraCa } : {}),
  };
  const child = spawn(
    process.execPath,
    [
      '--import',
      join(here, '..', '..', 'store', 'ts-loader', 'register.mjs'),
      join(here, 'extra-ca-child.fixture.ts'),
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    err += d.toString();
  });
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => {
      const line = out.trim().split('\n').pop();
      if (!line) reject(new Error(`child exited ${code} without output: ${err}`));
      else resolve(JSON.parse(line));
    });
  });
}

describe('a private CA through NODE_EXTRA_CA_CERTS', () => {
  it('is trusted when the variable names it at startup', async () => {
    const r = await runChild(fx.pki.caFile);
    expect(r).toEqual({ ok: true, names: ['Production', 'Staging'] });
    expect(fx.refused).toEqual([]);
  });

  it('without it, the read fails on the certificate and says what to set', async () => {
    const r = await runChild(undefined);
    expect(r.ok).toBe(false);
    expect(r.error?.kind).toBe('failed');
    expect(r.error?.message).toContain('NODE_EXTRA_CA_CERTS');
  });
});
