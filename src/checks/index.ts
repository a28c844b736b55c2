import type { AnyCheck } from '../core/check.js';
import databaseTlsEnforced from './common/database-tls-enforced.js';
import firewallSensitivePort from './common/firewall-sensitive-port.js';
import logRetention from './common/log-retention.js';
import vmOsDiskEncrypted from './common/vm-os-disk-encrypted.js';
import webAppMinTls from './common/web-app-min-tls.js';

/** Every check Cloudward ships. Add a new check's import here. */
export const ALL_CHECKS: AnyCheck[] = [
  firewallSensitivePort,
  databaseTlsEnforced,
  vmOsDiskEncrypted,
  logRetention,
  webAppMinTls,
];

export function checkById(id: string): AnyCheck | undefined {
  return ALL_CHECKS.find((c) => c.id === id);
}
