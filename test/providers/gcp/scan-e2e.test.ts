import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FindingRecord, findingRecordSchema } from '../../../src/core/record.js';
import {
  COMPLIANT,
  COMPLIANT_FOR,
  ORG_COMPLIANT,
  ORG_COMPLIANT_FOR,
  ORG_PLANTED,
  ORGANIZATION,
  PLANTED,
  plantEstate,
  SHOP_DEV,
  SHOP_PROD,
} from './estate.js';
import { type GcpFixture, startGcpFixture } from './fixture-server.js';
import { type MetadataServer, startMetadataServer } from './metadata-server.js';

/**
 * `cloudward scan gcp` end to end, in a child process as a user runs it: Application Default
 * Credentials from a metadata server at GCE_METADATA_HOST, every API at the HTTPS fixture
 * through CLOUDWARD_GCP_ENDPOINT_<API>, the fixture's CA trusted through NODE_EXTRA_CA_CERTS,
 * two projects. Every planted CIS v5.0 misconfiguration is reported, no compliant counterpart is.
 */

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const VM_ACCOUNT = 'cloudward-auditor@scanner-proj.iam.gserviceaccount.com';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cloudward-gcp-e2e-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cloudward(fx: GcpFixture, md: MetadataServer, args: string[]): Promise<Run> {
  const gcloud = mkdtempSync(join(dir, 'gcloud-'));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    NO_COLOR: '1',
    CLOUDSDK_CONFIG: gcloud,
    GCE_METADATA_HOST: md.host,
    NODE_EXTRA_CA_CERTS: fx.pki.caFile,
    ...fx.env(),
  };
  const child = spawn(
    process.execPath,
    [
      '--import',
      join(root, 'test', 'store', 'ts-loader', 'register.mjs'),
      join(root, 'src', 'cli', 'main.ts'),
      '--db',
      join(mkdtempSync(join(dir, 'db-')), 'cloudward.db'),
      ...args,
    ],
    { env, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * One scan of the estate: every planted misconfiguration reported (in shop-prod), none of the
 * compliant counterparts flagged, nothing unevaluated, every request authorised.
 */
function scenario(
  title: string,
  opts: {
    scope: string[];
    inheriting: boolean;
    planted: Record<string, string[]>;
    compliant: string[];
    compliantFor: Record<string, string[]>;
  },
) {
  describe(title, () => {
    let fx: GcpFixture;
    let md: MetadataServer;
    let findings: FindingRecord[];
    let run: Run;

    beforeAll(async () => {
      fx = await startGcpFixture();
      plantEstate(fx, { inheriting: opts.inheriting });
      md = await startMetadataServer({
        email: VM_ACCOUNT,
        projectId: 'scanner-proj',
        issueToken: fx.issueToken,
      });
      run = await cloudward(fx, md, [
        'scan',
        'gcp',
        ...opts.scope,
        '--framework',
        'cis-gcp-5.0',
        '--fail-on',
        'high',
        '--format',
        'json',
        '--no-progress',
      ]);
      const doc = JSON.parse(run.stdout) as { findings: unknown[] };
      findings = doc.findings.map((f) => findingRecordSchema.parse(f));
    }, 300_000);

    afterAll(async () => {
      await md?.close();
      await fx?.close();
    });

    it('reports every planted misconfiguration of the two projects, and exits 1 at --fail-on high', () => {
      expect(run.code, run.stderr).toBe(1);
      for (const [check, names] of Object.entries(opts.planted)) {
        for (const name of names) {
          const hit = findings.find(
            (f) =>
              f.com.status === 'fail' &&
              f.com.name === name &&
              [f.ext.check_id, ...((f.ext.also as string[]) ?? [])].includes(check),
          );
          expect(hit, `${check} on ${name}`).toBeDefined();
          expect(hit?.com.account).toBe(SHOP_PROD.id);
          expect(hit?.com.cloud_type).toBe('gcp');
          expect(hit?.com.compliance).toEqual(
            expect.arrayContaining([expect.stringMatching(/^cis-gcp-5\.0:\d+(\.\d+)+$/)]),
          );
        }
      }
    });

    it('flags none of the compliant counterparts and has no result it could not evaluate', () => {
      const names = findings.map((f) => f.com.name);
      for (const good of opts.compliant) expect(names).not.toContain(good);
      for (const [check, goods] of Object.entries(opts.compliantFor)) {
        const flagged = findings
          .filter((f) => [f.ext.check_id, ...((f.ext.also as string[]) ?? [])].includes(check))
          .map((f) => f.com.name);
        for (const good of goods) expect(flagged, check).not.toContain(good);
      }
      // nothing else failed than what was planted
      const planted = new Set(Object.entries(opts.planted).flatMap(([c, ns]) => ns.map((n) => `${c} ${n}`)));
      const extra = findings
        .filter((f) => f.com.status === 'fail')
        .map((f) => `${String(f.ext.check_id)} ${f.com.name}`)
        .filter((k) => !planted.has(k));
      expect(extra).toEqual([]);
      expect(findings.filter((f) => f.com.status === 'error')).toEqual([]);
    });

    it('read both projects as the metadata server account, every request authorised, nothing unmatched', () => {
      const projects = new Set(
        fx.requests.filter((r) => r.api === 'compute').map((r) => r.path.split('/')[3]),
      );
      expect([...projects].sort()).toEqual([SHOP_DEV.id, SHOP_PROD.id]);
      expect(new Set(fx.requests.map((r) => r.principal))).toEqual(new Set([VM_ACCOUNT]));
      expect(fx.refused).toEqual([]);
      expect(fx.unmatched.map((r) => `${r.api} ${r.path}`)).toEqual([]);
      expect(md.requests.every((r) => r.flavored)).toBe(true);
      const orgReads = fx.requests.filter((r) =>
        r.path.includes(`organizations/${ORGANIZATION.id}:getIamPolicy`),
      );
      // the organisation's policy is read once for the whole scan, and only when it is scanned
      expect(orgReads.length).toBe(opts.inheriting ? 1 : 0);
    });
  });
}

scenario('cloudward scan gcp --projects', {
  scope: ['--projects', `${SHOP_PROD.id},${SHOP_DEV.id}`],
  inheriting: false,
  planted: PLANTED,
  compliant: COMPLIANT,
  compliantFor: COMPLIANT_FOR,
});

scenario('cloudward scan gcp --organization (settings inherited from the organisation)', {
  scope: ['--organization', ORGANIZATION.id],
  inheriting: true,
  planted: ORG_PLANTED,
  compliant: ORG_COMPLIANT,
  compliantFor: ORG_COMPLIANT_FOR,
});
