import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import type { RdbmsCom } from '../../../core/shapes.js';
import { extBool, extStr } from '../facts.js';

export default defineCheck({
  id: 'aws.rds.instance_multi_az',
  title: 'RDS instances run in a Multi-AZ deployment',
  severity: 'low',
  resource: 'aws.rds.db_instance',
  triggers: [],
  description: 'The instance runs in a single Availability Zone with no standby.',
  risk: 'An Availability Zone outage or a host failure takes the database down until it is restored by hand.',
  remediation: {
    text: 'Convert the instance to a Multi-AZ deployment (a standby in another zone with automatic failover).',
    cli: 'aws rds modify-db-instance --db-instance-identifier <db> --multi-az --apply-immediately',
  },
  references: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.html'],
  evaluate(db) {
    const engine = (db.com as typeof db.com & Partial<RdbmsCom>).engine ?? '';
    if (engine.startsWith('aurora') || extStr(db, 'cluster_identifier')) {
      return notApplicable('cluster members get their availability from the cluster');
    }
    const multi = extBool(db, 'multi_az');
    if (multi === null) return error('the Multi-AZ setting is unreadable');
    return multi ? pass('Multi-AZ') : fail(`${db.com.name} runs in a single Availability Zone`);
  },
});
