import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { extNum } from '../facts.js';
import { defaultPort, engineOf } from './engines.js';

export default defineCheck({
  id: 'aws.rds.instance_no_default_port',
  title: 'RDS instances do not listen on the engine default port',
  severity: 'low',
  resource: 'aws.rds.db_instance',
  triggers: [],
  description: 'The instance listens on the default port of its engine (3306, 5432, 1433, 1521, 50000).',
  risk: 'Scanners and automated attacks probe the default ports first; another port takes the database out of the cheapest sweeps.',
  remediation: {
    text: 'Change the database port to a non-default one, and update the security groups and clients.',
    cli: 'aws rds modify-db-instance --db-instance-identifier <db> --db-port-number <port> --apply-immediately',
  },
  references: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.DBInstance.Modifying.html'],
  evaluate(db) {
    const engine = engineOf(db);
    const standard = defaultPort(engine);
    if (standard === null) return notApplicable(`no known default port for ${engine || 'this engine'}`);
    const port = extNum(db, 'port');
    if (port === null) return error('the port is unreadable');
    return port === standard
      ? fail(`${db.com.name} listens on ${port}, the ${engine} default`)
      : pass(`listens on ${port}`);
  },
});
