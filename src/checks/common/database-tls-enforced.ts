import { defineCheck } from '../../core/check.js';
import { error, fail, pass } from '../../core/result.js';
import type { RdbmsCom } from '../../core/shapes.js';

export default defineCheck({
  id: 'common.database.tls_enforced',
  title: 'Database servers refuse connections without TLS',
  severity: 'medium',
  resource: 'rdbms',
  finding_type: 'rdbms_enforce_tls_event',
  triggers: [
    'ModifyDBParameterGroup',
    'ModifyDBInstance',
    'Microsoft.DBforPostgreSQL/servers/write',
    'Microsoft.DBforMySQL/servers/write',
    'Microsoft.Sql/servers/write',
    'cloudsql.instances.update',
  ],
  description: 'The database server accepts client connections that are not encrypted with TLS.',
  risk: 'Credentials and query results cross the network in clear text and can be read or altered by anyone on the path.',
  remediation: {
    text: 'Require TLS for every client connection to the database server.',
    clouds: {
      aws: {
        text: 'In the DB parameter group of the instance, set rds.force_ssl to 1 (PostgreSQL, SQL Server) or require_secure_transport to ON (MySQL, MariaDB).',
        cli: 'aws rds modify-db-parameter-group --db-parameter-group-name <group> --parameters "ParameterName=rds.force_ssl,ParameterValue=1,ApplyMethod=immediate"',
      },
      azure: {
        text: 'Turn on SSL enforcement (Azure Database single server), set require_secure_transport to ON (flexible server), or set a minimal TLS version (Azure SQL).',
        cli: 'az postgres server update -g <rg> -n <server> --ssl-enforcement Enabled\naz postgres flexible-server parameter set -g <rg> -s <server> -n require_secure_transport -v on\naz sql server update -g <rg> -n <server> --minimal-tls-version 1.2',
      },
      gcp: {
        text: "Set the Cloud SQL instance's SSL mode to ENCRYPTED_ONLY (or TRUSTED_CLIENT_CERTIFICATE_REQUIRED).",
        cli: 'gcloud sql instances patch <instance> --ssl-mode=ENCRYPTED_ONLY',
      },
    },
  },
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/PostgreSQL.Concepts.General.SSL.html',
    'https://learn.microsoft.com/azure/postgresql/single-server/concepts-ssl-connection-security',
    'https://cloud.google.com/sql/docs/postgres/configure-ssl-instance',
  ],
  evaluate(db) {
    const c = db.com as typeof db.com & Partial<RdbmsCom>;
    if (c.tls_enforced === true) return pass('TLS is enforced');
    if (c.tls_enforced === false) {
      return fail(`${db.com.name} accepts connections without TLS`, {
        evidence: { engine: c.engine ?? null },
      });
    }
    return error('whether the server enforces TLS could not be read');
  },
});
