import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GcpFixture, pagedList, startGcpFixture } from './fixture-server.js';
import { fixtureServiceAccount, SCANNER } from './helpers.js';
import { writeExternalAccount } from './keys.js';

const here = dirname(fileURLToPath(import.meta.url));
const AUDITOR = 'auditor@security-proj.iam.gserviceaccount.com';
const AUDIENCE =
  '//iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/ci/providers/github';
const FEDERATED =
  'principal://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/ci/subject/repo:shop';

let fx: GcpFixture;
let dir: string;
let keyFile: string;
let externalFile: string;

beforeAll(async () => {
  fx = await startGcpFixture({
    routes: {
      'cloudresourcemanager GET v3/projects:search': pagedList(
        'projects',
        [
          {
            name: 'projects/111111111111',
            projectId: 'shop-prod',
            displayName: 'Shop (production)',
            state: 'ACTIVE',
          },
          {
            name: 'projects/222222222222',
            projectId: 'shop-dev',
            displayName: 'Shop (dev)',
            state: 'ACTIVE',
          },
        ],
        { pageSize: 1 },
      ),
      'cloudresourcemanager GET v3/organizations:search': { body: {} },
    },
  });
  dir = mkdtempSync(join(tmpdir(), 'cloudward-gcp-extra-ca-'));
  keyFile = fixtureServiceAccount(fx, dir).file;
  const subjectFile = join(dir, 'oidc-token');
  writeFileSync(subjectFile, 'eyJ-ci-oidc-token');
  fx.grants.federated.push({ audience: AUDIENCE, subjectToken: 'eyJ-ci-oidc-token', principal: FEDERATED });
  fx.grants.impersonation[AUDITOR] = [FEDERATED];
  externalFile = writeExternalAccount(dir, {
    audience: AUDIENCE,
    subjectTokenFile: subjectFile,
    tokenUrl: `${fx.root('sts')}v1/token`,
    serviceAccount: AUDITOR,
  });
});

afterAll(async () => {
  await fx.close();
  rmSync(dir, { recursive: true, force: true });
});

interface ChildResult {
  ok: boolean;
  projects?: string[];
  email?: string;
  error?: { kind?: string; code?: string; message: string };
}

/** The child's JSON line; only the variables named are passed (nothing Google from the host). */
function runChild(credentials: string, extraCa: string | undefined): Promise<ChildResult> {
  const gcloud = mkdtempSync(join(dir, 'gcloud-'));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    CLOUDSDK_CONFIG: gcloud,
    METADATA_SERVER_DETECTION: 'none',
    GOOGLE_APPLICATION_CREDENTIALS: credentials,
    ...fx.env(),
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
      else resolve(JSON.parse(line) as ChildResult);
    });
  });
}

describe('a private CA through NODE_EXTRA_CA_CERTS', () => {
  it('is trusted for the token exchange and the reads when the variable names it at startup', async () => {
    const r = await runChild(keyFile, fx.pki.caFile);
    expect(r).toEqual({ ok: true, projects: ['Shop (dev)', 'Shop (production)'], email: SCANNER });
    expect(fx.refused).toEqual([]);
  });

  it('reaches a workload identity federation STS endpoint too (which in-process CAs do not)', async () => {
    const r = await runChild(externalFile, fx.pki.caFile);
    expect(r).toMatchObject({ ok: true, email: AUDITOR });
    expect(fx.requests.filter((q) => q.principal === AUDITOR).length).toBeGreaterThan(0);
  });

  it('without it, the credential fails on the certificate and says what to set', async () => {
    const r = await runChild(keyFile, undefined);
    expect(r.ok).toBe(false);
    expect(r.error?.kind).toBe('denied');
    expect(r.error?.message).toContain('NODE_EXTRA_CA_CERTS');
  });
});
