/*
 * The permission to build write clients, whatever the cloud. Scans' clients are read-only
 * (each provider's own guard); a cloud's remediation write client can only be built with a
 * grant, and a grant is only issued when remediation is configured (a `respond:` block) or
 * asked for on the command line (`remediate --apply`, `undo`, `approve`).
 */

export class RemediationDisabled extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RemediationDisabled';
  }
}

export interface RemediationGrant {
  readonly basis: 'respond' | 'apply';
}

const issued = new WeakSet<RemediationGrant>();

/** The grant write clients need; refused unless remediation is configured or `--apply` was given. */
export function grantRemediation(basis: {
  respondConfigured: boolean;
  applyRequested: boolean;
}): RemediationGrant {
  if (!basis.respondConfigured && !basis.applyRequested) {
    throw new RemediationDisabled(
      'remediation is not enabled: add a respond: block to the config, or give remediate --apply',
    );
  }
  const grant: RemediationGrant = Object.freeze({ basis: basis.applyRequested ? 'apply' : 'respond' });
  issued.add(grant);
  return grant;
}

/** True only for a grant grantRemediation issued (a look-alike object is not one). */
export function isGranted(grant: RemediationGrant | undefined): grant is RemediationGrant {
  return grant !== undefined && issued.has(grant);
}
