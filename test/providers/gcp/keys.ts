import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Credential files as Google writes them, made at test time with fresh keys (no key is ever
 * committed): a service account key, gcloud's ADC file for a user, a workload identity
 * federation config.
 */

export interface ServiceAccountKey {
  email: string;
  projectId: string;
  keyId: string;
  privateKeyPem: string;
  publicKeyPem: string;
  /** the JSON key file */
  file: string;
}

/** A service account key file (`gcloud iam service-accounts keys create`), token_uri pointing where told. */
export function writeServiceAccountKey(
  dir: string,
  opts: { email: string; tokenUri: string; universe?: string; fileName?: string },
): ServiceAccountKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const projectId = opts.email.split('@')[1]?.split('.')[0] ?? 'unknown';
  const keyId = randomBytes(20).toString('hex');
  const file = join(dir, opts.fileName ?? `${opts.email.split('@')[0]}-key.json`);
  writeFileSync(
    file,
    JSON.stringify(
      {
        type: 'service_account',
        project_id: projectId,
        private_key_id: keyId,
        private_key: privateKey,
        client_email: opts.email,
        client_id: '1'.padEnd(21, '0'),
        auth_uri: 'https://accounts.google.com/o/oauth2/auth',
        token_uri: opts.tokenUri,
        auth_provider_x509_cert_url: 'https://www.googleapis.com/oauth2/v1/certs',
        client_x509_cert_url: `https://www.googleapis.com/robot/v1/metadata/x509/${encodeURIComponent(opts.email)}`,
        universe_domain: opts.universe ?? 'googleapis.com',
      },
      null,
      2,
    ),
  );
  return { email: opts.email, projectId, keyId, privateKeyPem: privateKey, publicKeyPem: publicKey, file };
}

/** gcloud's `application_default_credentials.json` after `gcloud auth application-default login`. */
export function writeGcloudAdc(
  configDir: string,
  opts: { clientId: string; clientSecret: string; refreshToken: string; quotaProject?: string },
): string {
  const file = join(configDir, 'application_default_credentials.json');
  writeFileSync(
    file,
    JSON.stringify({
      account: '',
      client_id: opts.clientId,
      client_secret: opts.clientSecret,
      refresh_token: opts.refreshToken,
      ...(opts.quotaProject ? { quota_project_id: opts.quotaProject } : {}),
      type: 'authorized_user',
      universe_domain: 'googleapis.com',
    }),
  );
  return file;
}

/**
 * A workload identity federation config (`gcloud iam workload-identity-pools create-cred-config`)
 * whose subject token is read from a file, exchanged at STS, then used to impersonate a service
 * account. The STS URL is the file's (the library reaches it with a client of its own); the
 * impersonation URL is Google's public one, which the iamcredentials override sends elsewhere.
 */
export function writeExternalAccount(
  dir: string,
  opts: { audience: string; subjectTokenFile: string; tokenUrl: string; serviceAccount?: string },
): string {
  const file = join(dir, 'external-account.json');
  writeFileSync(
    file,
    JSON.stringify({
      universe_domain: 'googleapis.com',
      type: 'external_account',
      audience: opts.audience,
      subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
      token_url: opts.tokenUrl,
      credential_source: { file: opts.subjectTokenFile, format: { type: 'text' } },
      ...(opts.serviceAccount
        ? {
            service_account_impersonation_url: `https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/${opts.serviceAccount}:generateAccessToken`,
          }
        : {}),
    }),
  );
  return file;
}
