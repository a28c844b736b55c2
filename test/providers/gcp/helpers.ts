import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type GcpProviderInput, parseGcpProviderConfig } from '../../../src/providers/gcp/config.js';
import { type CreateTransportOptions, createGcpTransport } from '../../../src/providers/gcp/index.js';
import type { Clock } from '../../../src/providers/gcp/limiter.js';
import type { GcpTransport } from '../../../src/providers/gcp/transport.js';
import type { GcpFixture } from './fixture-server.js';
import { type ServiceAccountKey, writeServiceAccountKey } from './keys.js';

/** The variables the auth library reads from process.env (it takes no env argument). */
const GOOGLE_VARIABLES = [
  'GOOGLE_APPLICATION_CREDENTIALS',
  'google_application_credentials',
  'CLOUDSDK_CONFIG',
  'GCE_METADATA_HOST',
  'GCE_METADATA_IP',
  'METADATA_SERVER_DETECTION',
  'GOOGLE_CLOUD_QUOTA_PROJECT',
  'GOOGLE_CLOUD_UNIVERSE_DOMAIN',
  'GOOGLE_CLOUD_PROJECT',
  'GCLOUD_PROJECT',
];

/**
 * Run with a clean Google environment: no credential file, an empty gcloud config directory,
 * and no metadata server probing (so a test never reaches 169.254.169.254), then `vars`.
 * Returns a function that restores process.env.
 */
export function isolateGoogleEnv(vars: Record<string, string | undefined> = {}): () => void {
  const saved = new Map(GOOGLE_VARIABLES.map((k) => [k, process.env[k]]));
  for (const k of Object.keys(vars)) if (!saved.has(k)) saved.set(k, process.env[k]);
  const gcloud = mkdtempSync(join(tmpdir(), 'cloudward-gcloud-'));
  for (const k of GOOGLE_VARIABLES) delete process.env[k];
  process.env.CLOUDSDK_CONFIG = gcloud;
  process.env.METADATA_SERVER_DETECTION = 'none';
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  return () => {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    rmSync(gcloud, { recursive: true, force: true });
  };
}

/** A clock whose sleeps pass at once and are recorded: backoff is counted, never waited for. */
export class FakeClock implements Clock {
  time = 0;
  sleeps: number[] = [];
  now(): number {
    return this.time;
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.time += ms;
    await Promise.resolve();
  }
}

export const SCANNER = 'cloudward-scanner@scanner-proj.iam.gserviceaccount.com';

/** A service account key whose token_uri is the fixture's, its public key registered there. */
export function fixtureServiceAccount(fx: GcpFixture, dir: string, email = SCANNER): ServiceAccountKey {
  const key = writeServiceAccountKey(dir, { email, tokenUri: fx.tokenUri });
  fx.grants.serviceAccounts.push({ email, publicKeyPem: key.publicKeyPem });
  return key;
}

/** A transport reading the fixture as the service account key in GOOGLE_APPLICATION_CREDENTIALS. */
export async function fixtureTransport(
  fx: GcpFixture,
  cfg: Partial<GcpProviderInput> = {},
  opts: CreateTransportOptions = {},
): Promise<GcpTransport> {
  return createGcpTransport(parseGcpProviderConfig({ type: 'gcp', ...cfg }), {
    env: fx.env(),
    ca: fx.pki.caPem,
    ...opts,
  });
}
