import { defineCheck } from '../../../core/check.js';
import { notApplicable } from '../../../core/result.js';
import { settingOn } from '../facts.js';
import { engineOf, isClusterMember } from './engines.js';

/** The engines whose RDS instances accept IAM database authentication. */
const IAM_AUTH_ENGINES = new Set(['mysql', 'mariadb', 'postgres']);

export default defineCheck({
  id: 'aws.rds.instance_iam_authentication',
  title: 'RDS instances accept IAM database authentication',
  severity: 'medium',
  resource: 'aws.rds.db_instance',
  triggers: [],
  description:
    'IAM database authentication is off: every database login is a long-lived password kept in the database.',
  risk: 'Database passwords get shared, copied into code and never rotated; IAM authentication gives short-lived tokens tied to an identity and logged in CloudTrail.',
  remediation: {
    text: 'Turn on IAM database authentication and create database users mapped to IAM identities (rds_iam role / AWSAuthenticationPlugin).',
    cli: 'aws rds modify-db-instance --db-instance-identifier <db> --enable-iam-database-authentication --apply-immediately',
  },
  references: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.html'],
  evaluate(db) {
    if (isClusterMember(db)) return notApplicable('cluster members authenticate as their cluster does');
    const engine = engineOf(db);
    if (!IAM_AUTH_ENGINES.has(engine))
      return notApplicable(`${engine || 'this engine'} has no IAM database authentication`);
    return settingOn(db, 'iam_auth', {
      on: 'IAM database authentication is on',
      off: `${db.com.name} does not accept IAM database authentication`,
      unknown: 'the IAM authentication setting is unreadable',
    });
  },
});
