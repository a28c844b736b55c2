import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { AZURE_CLOUDS, type AzureCloudName } from '../../../src/providers/azure/clouds.js';
import { mintToken, resourceOfScope, TEST_TENANT } from './tokens.js';

/**
 * A stand-in for the Azure CLI on PATH: `az account get-access-token --output json
 * --resource <resource> [--tenant <id>]` prints what the real CLI prints (accessToken,
 * expiresOn, expires_on, subscription, tenant, tokenType) with a fixture token for that
 * resource, or fails the way the CLI does when nobody is logged in. Every invocation's
 * arguments are logged for the test to read.
 */
export interface StandinAz {
  dir: string;
  /** PATH with the stand-in first, then node and the system tools sh needs */
  path: string;
  /** the argument lists of every call so far */
  calls(): string[][];
  close(): void;
}

const SCRIPT = `#!/usr/bin/env node
const fs = require('node:fs');
const path = require('node:path');
const cfg = JSON.parse(fs.readFileSync(path.join(__dirname, 'az.json'), 'utf8'));
const args = process.argv.slice(2);
fs.appendFileSync(cfg.log, JSON.stringify(args) + '\\n');
if (cfg.mode === 'logged-out') {
  process.stderr.write("ERROR: Please run 'az login' to setup account.\\n");
  process.exit(1);
}
if (args[0] !== 'account' || args[1] !== 'get-access-token') {
  process.stderr.write('ERROR: this stand-in only answers az account get-access-token\\n');
  process.exit(2);
}
const resource = args[args.indexOf('--resource') + 1];
const t = cfg.tokens[resource];
if (!t) {
  process.stderr.write("ERROR: AADSTS500011: The resource principal named " + resource + " was not found in the tenant named Contoso.\\n");
  process.exit(1);
}
const expires = new Date(t.exp * 1000);
const local = expires.toISOString().replace('T', ' ').replace('Z', '000');
process.stdout.write(JSON.stringify({
  accessToken: t.token,
  expiresOn: local,
  expires_on: t.exp,
  subscription: cfg.subscription,
  tenant: cfg.tenant,
  tokenType: 'Bearer',
}, null, 2) + '\\n');
`;

export function installStandinAz(opts: {
  secret: string;
  cloud?: AzureCloudName;
  mode?: 'ok' | 'logged-out';
  tenant?: string;
  subscription?: string;
}): StandinAz {
  const dir = mkdtempSync(join(tmpdir(), 'cloudward-standin-az-'));
  const cloud = AZURE_CLOUDS[opts.cloud ?? 'AzureCloud'];
  const tenant = opts.tenant ?? TEST_TENANT;
  const tokens: Record<string, { token: string; exp: number }> = {};
  for (const scope of [cloud.armScope, cloud.graphScope, cloud.keyVaultScope]) {
    const resource = resourceOfScope(scope);
    const { token, claims } = mintToken(opts.secret, { aud: resource, tid: tenant });
    tokens[resource] = { token, exp: claims.exp };
  }
  const log = join(dir, 'calls.log');
  writeFileSync(log, '');
  writeFileSync(
    join(dir, 'az.json'),
    JSON.stringify({
      mode: opts.mode ?? 'ok',
      tokens,
      tenant,
      subscription: opts.subscription ?? '0d3e1f2a-1111-4a5b-8c9d-0123456789ab',
      log,
    }),
  );
  const az = join(dir, 'az');
  writeFileSync(az, SCRIPT);
  chmodSync(az, 0o755);
  return {
    dir,
    path: [dir, dirname(process.execPath), '/usr/bin', '/bin'].join(':'),
    calls: () =>
      readFileSync(log, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as string[]),
    close: () => rmSync(dir, { recursive: true, force: true }),
  };
}
