import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { SQL_TRIGGERS } from './sql-common.js';

export default defineCheck({
  id: 'gcp.sql.instance_ssl_required',
  title: 'Cloud SQL instances accept only encrypted connections',
  severity: 'high',
  resource: 'gcp.sql.instance',
  triggers: SQL_TRIGGERS,
  description:
    'The instance accepts unencrypted connections: its SSL mode is not ENCRYPTED_ONLY or TRUSTED_CLIENT_CERTIFICATE_REQUIRED (nor, in older answers, requireSsl true).',
  risk: 'Credentials and query results cross the network in clear text, readable and alterable by anyone on the path.',
  remediation: {
    text: 'Set the SSL mode to ENCRYPTED_ONLY (or require client certificates).',
    cli: 'gcloud sql instances patch <instance> --ssl-mode=ENCRYPTED_ONLY',
  },
  references: ['https://cloud.google.com/sql/docs/mysql/configure-ssl-instance'],
  evaluate: (r) => {
    const enforced = (r.com as { tls_enforced?: boolean | null }).tls_enforced;
    const mode = r.ext.ssl_mode ?? (r.ext.require_ssl === false ? 'requireSsl false' : null);
    if (enforced === true)
      return pass(`only encrypted connections (${String(r.ext.ssl_mode ?? 'requireSsl')})`);
    if (enforced === false || (enforced === null && r.ext.ssl_mode === null && r.ext.require_ssl === null)) {
      return fail(
        `Cloud SQL instance ${r.com.name} accepts unencrypted connections (${String(mode ?? 'SSL not required')})`,
        {
          evidence: { ssl_mode: r.ext.ssl_mode ?? null, require_ssl: r.ext.require_ssl ?? null },
        },
      );
    }
    return error('the SSL settings could not be read');
  },
});
