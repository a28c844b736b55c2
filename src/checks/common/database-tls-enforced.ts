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
    text: 'Require TLS on the server: rds.force_ssl=1 or require_secure_transport=ON in the RDS parameter group, SSL enforcement on Azure Database servers, sslMode ENCRYPTED_ONLY on Cloud SQL.',
    cli: 'aws rds modify-db-parameter-group --db-parameter-group-name <group> --parameters "ParameterName=rds.force_ssl,ParameterValue=1,ApplyMethod=immediate"\naz postgres server update -g <rg> -n <server> --ssl-enforcement Enabled\ngcloud sql instances patch <instance> --ssl-mode=ENCRYPTED_ONLY',
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
